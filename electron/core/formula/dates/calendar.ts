/**
 * Proleptic Gregorian calendar arithmetic on plain numbers. Nothing here reads the machine's
 * time zone (no Date getters other than none at all), so results are the same under any TZ.
 */

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Days since 1970-01-01 (H. Hinnant's days_from_civil). Date.UTC is avoided because it maps
 * years 0–99 to 1900–1999.
 */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromEpochDay(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function dayOfYear(date: CivilDate): number {
  return epochDay(date.year, date.month, date.day) - epochDay(date.year, 1, 1) + 1;
}

/** Milliseconds since the epoch of a wall time read as UTC. */
export function wallToUtcMs(wall: WallTime): number {
  return epochDay(wall.year, wall.month, wall.day) * MS_PER_DAY + wall.hour * 3_600_000 + wall.minute * 60_000 + wall.second * 1000 + wall.millisecond;
}

export function utcMsToWall(ms: number): WallTime {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return { ...civilFromEpochDay(days), hour, minute, second, millisecond: rest - second * 1000 };
}

/**
 * Week of year as moment.js counts it: weeks start on `dow` (0 = Sunday) and the week holding
 * January `doy`-th-from-dow… exactly moment's firstWeekOffset rule, so `w` and `W` in
 * DATETIME_FORMAT match Airtable (ISO: dow 1, doy 4; English: dow 0, doy 6).
 */
export function weekOfYear(date: CivilDate, dow: number, doy: number): { week: number; year: number } {
  const offset = firstWeekOffset(date.year, dow, doy);
  const week = Math.floor((dayOfYear(date) - offset - 1) / 7) + 1;
  if (week < 1) {
    const year = date.year - 1;
    return { week: week + weeksInYear(year, dow, doy), year };
  }
  const inYear = weeksInYear(date.year, dow, doy);
  if (week > inYear) return { week: week - inYear, year: date.year + 1 };
  return { week, year: date.year };
}

function firstWeekOffset(year: number, dow: number, doy: number): number {
  // The January day that is always in week 1, and how far its week starts before it.
  const fwd = 7 + dow - doy;
  const fwdlw = (7 + weekdayOfEpochDay(epochDay(year, 1, fwd)) - dow) % 7;
  return -fwdlw + fwd - 1;
}

function weeksInYear(year: number, dow: number, doy: number): number {
  return (daysInYear(year) - firstWeekOffset(year, dow, doy) + firstWeekOffset(year + 1, dow, doy)) / 7;
}
