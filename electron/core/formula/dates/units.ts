import { daysInMonth, epochDay, weekdayOfEpochDay, civilFromEpochDay, type WallTime } from './calendar';
import { instantFromWall, offsetMs, wallTime } from './zone';

/**
 * Unit specifiers shared by DATEADD, DATETIME_DIFF and IS_SAME (Airtable's "supported unit
 * specifiers" page), with moment's spellings: singular, plural and abbreviation; case-insensitive
 * except that `M` is months and `m` minutes. Calendar units move the wall clock in the date's
 * zone (so adding a day across a DST change keeps the time of day); clock units move the instant.
 */
export type DateUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'isoWeeks' | 'months' | 'quarters' | 'years';

const ALIASES: Record<string, DateUnit> = {
  ms: 'milliseconds', millisecond: 'milliseconds', milliseconds: 'milliseconds',
  s: 'seconds', second: 'seconds', seconds: 'seconds',
  m: 'minutes', minute: 'minutes', minutes: 'minutes',
  h: 'hours', hour: 'hours', hours: 'hours',
  d: 'days', day: 'days', days: 'days', D: 'days', date: 'days', dates: 'days',
  w: 'weeks', week: 'weeks', weeks: 'weeks',
  W: 'isoWeeks', isoweek: 'isoWeeks', isoweeks: 'isoWeeks',
  M: 'months', month: 'months', months: 'months',
  Q: 'quarters', quarter: 'quarters', quarters: 'quarters',
  y: 'years', year: 'years', years: 'years',
};

export function normaliseUnit(unit: string): DateUnit | undefined {
  const trimmed = unit.trim();
  return ALIASES[trimmed] ?? ALIASES[trimmed.toLowerCase()];
}

const FIXED_MS: Partial<Record<DateUnit, number>> = { milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000 };

/** moment's absRound: halves away from zero. */
const absRound = (n: number) => (n < 0 ? -Math.round(-n) : Math.round(n));
/** moment's absFloor: toward zero, never -0. */
const absFloor = (n: number) => (n < 0 ? Math.ceil(n) || 0 : Math.floor(n));

function addMonthsToWall(wall: WallTime, months: number): WallTime {
  const index = wall.year * 12 + (wall.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  // Jan 31 + 1 month is the end of February, not early March (moment clamps).
  return { ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) };
}

function addDaysToWall(wall: WallTime, days: number): WallTime {
  return { ...wall, ...civilFromEpochDay(epochDay(wall.year, wall.month, wall.day) + days) };
}

/**
 * DATEADD as moment's `add`: fractional days, weeks, months, quarters and years are rounded
 * (weeks to days, quarters and years to months) before adding; clock units keep fractions.
 */
export function addToDate(ms: number, amount: number, unit: DateUnit, zone: string): number {
  const wall = () => wallTime(ms, zone);
  switch (unit) {
    case 'milliseconds':
    case 'seconds':
    case 'minutes':
    case 'hours':
      return ms + amount * (FIXED_MS[unit] ?? 1);
    case 'days':
      return instantFromWall(addDaysToWall(wall(), absRound(amount)), zone);
    case 'weeks':
    case 'isoWeeks':
      return instantFromWall(addDaysToWall(wall(), absRound(amount * 7)), zone);
    case 'months':
      return instantFromWall(addMonthsToWall(wall(), absRound(amount)), zone);
    case 'quarters':
      return instantFromWall(addMonthsToWall(wall(), absRound(amount * 3)), zone);
    case 'years':
      return instantFromWall(addMonthsToWall(wall(), absRound(amount * 12)), zone);
  }
}

/** moment's monthDiff: whole months plus the fraction of the month around the anchor. */
function monthDiff(a: number, b: number, zone: string): number {
  const wa = wallTime(a, zone);
  const wb = wallTime(b, zone);
  if (wa.day < wb.day) return -monthDiff(b, a, zone);
  const whole = (wb.year - wa.year) * 12 + (wb.month - wa.month);
  const anchor = instantFromWall(addMonthsToWall(wa, whole), zone);
  let adjust: number;
  if (b - anchor < 0) {
    const before = instantFromWall(addMonthsToWall(wa, whole - 1), zone);
    adjust = (b - anchor) / (anchor - before);
  } else {
    const after = instantFromWall(addMonthsToWall(wa, whole + 1), zone);
    adjust = (b - anchor) / (after - anchor);
  }
  return -(whole + adjust) || 0;
}

/**
 * DATETIME_DIFF(a, b, unit) = a − b in whole units, truncated toward zero (moment's `diff`).
 * Days and weeks discount a change of UTC offset between the two dates, so a calendar day
 * across a DST change still counts as one day.
 */
export function diffDates(a: number, b: number, unit: DateUnit, zone: string): number {
  switch (unit) {
    case 'years':
      return absFloor(monthDiff(a, b, zone) / 12);
    case 'quarters':
      return absFloor(monthDiff(a, b, zone) / 3);
    case 'months':
      return absFloor(monthDiff(a, b, zone));
    case 'days':
    case 'weeks':
    case 'isoWeeks': {
      const zoneDelta = offsetMs(b, zone) - offsetMs(a, zone);
      return absFloor((a - b - zoneDelta) / (unit === 'days' ? 86_400_000 : 604_800_000));
    }
    case 'milliseconds':
    case 'seconds':
    case 'minutes':
    case 'hours':
      return absFloor((a - b) / (FIXED_MS[unit] ?? 1));
  }
}

/**
 * The first instant of the unit holding `ms` (moment's startOf), for IS_SAME. Weeks start on
 * Sunday (Airtable's English locale), ISO weeks on Monday.
 */
export function startOf(ms: number, unit: DateUnit, zone: string): number {
  const midnight = (): WallTime => ({ ...wallTime(ms, zone), hour: 0, minute: 0, second: 0, millisecond: 0 });
  switch (unit) {
    case 'milliseconds':
    case 'seconds':
    case 'minutes':
    case 'hours': {
      // Clock units cut the local reading (moment does the same arithmetic with the offset).
      const size = FIXED_MS[unit] ?? 1;
      const offset = offsetMs(ms, zone);
      const local = ms + offset;
      return local - (((local % size) + size) % size) - offset;
    }
    case 'days':
      return instantFromWall(midnight(), zone);
    case 'weeks':
    case 'isoWeeks': {
      const day = midnight();
      const weekday = weekdayOfEpochDay(epochDay(day.year, day.month, day.day));
      const back = unit === 'weeks' ? weekday : (weekday + 6) % 7;
      return instantFromWall(addDaysToWall(day, -back), zone);
    }
    case 'months':
      return instantFromWall({ ...midnight(), day: 1 }, zone);
    case 'quarters': {
      const day = midnight();
      return instantFromWall({ ...day, day: 1, month: Math.floor((day.month - 1) / 3) * 3 + 1 }, zone);
    }
    case 'years':
      return instantFromWall({ ...midnight(), day: 1, month: 1 }, zone);
  }
}

/** The first instant of the next unit, so `start <= x < next` is "in the same unit". */
export function startOfNext(ms: number, unit: DateUnit, zone: string): number {
  const start = startOf(ms, unit, zone);
  const fixed = FIXED_MS[unit];
  return fixed !== undefined ? start + fixed : addToDate(start, 1, unit, zone);
}
