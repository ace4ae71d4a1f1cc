import { weekdayOfEpochDay } from './calendar';

/**
 * WORKDAY and WORKDAY_DIFF on calendar days (days since the epoch). Working days are Monday to
 * Friday minus the holidays; Airtable offers no other weekend. Both run in time independent of
 * the distance (whole weeks are jumped, holidays are counted by binary search), so a formula
 * asking for a billion working days answers at once.
 */

export function isWeekend(day: number): boolean {
  const weekday = weekdayOfEpochDay(day);
  return weekday === 0 || weekday === 6;
}

/** Holidays that matter: weekdays only (a Saturday holiday removes nothing), sorted, once each. */
export function workingHolidays(days: readonly number[]): number[] {
  return [...new Set(days.filter((day) => !isWeekend(day)))].sort((a, b) => a - b);
}

/** How many sorted values are ≤ `value`. */
function countUpTo(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** From a weekday, `count` working days on (or back when negative), ignoring holidays. */
function jump(day: number, count: number): number {
  const direction = Math.sign(count);
  const weeks = Math.trunc(count / 5);
  let remaining = Math.abs(count - weeks * 5);
  let current = day + weeks * 7;
  while (remaining > 0) {
    current += direction;
    if (!isWeekend(current)) remaining--;
  }
  return current;
}

/**
 * WORKDAY: the day `count` working days after `start` (before it when negative). Counting starts
 * the day after, so a holiday on the start date changes nothing, as Airtable's example shows.
 */
export function addWorkdays(start: number, count: number, holidays: readonly number[]): number {
  if (count === 0) return start;
  const forward = count > 0;
  // From a weekend, counting after Saturday is counting after Friday (before Sunday: before Monday).
  const weekday = weekdayOfEpochDay(start);
  const base = weekday === 6 ? start + (forward ? -1 : 2) : weekday === 0 ? start + (forward ? -2 : 1) : start;
  let target = jump(base, count);
  let boundary = start;
  for (;;) {
    // Holidays passed over since the last boundary each push the target one more working day.
    const skipped = forward ? countUpTo(holidays, target) - countUpTo(holidays, boundary) : countUpTo(holidays, boundary - 1) - countUpTo(holidays, target - 1);
    if (skipped === 0) return target;
    boundary = target;
    target = jump(target, forward ? skipped : -skipped);
  }
}

/**
 * WORKDAY_DIFF: working days from `start` to `end`, both included (like a spreadsheet's
 * NETWORKDAYS), negative when `end` is before `start`.
 */
export function workdaysBetween(start: number, end: number, holidays: readonly number[]): number {
  if (end < start) return -workdaysBetween(end, start, holidays);
  const days = end - start + 1;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let day = start + weeks * 7; day <= end; day++) if (!isWeekend(day)) count++;
  return count - (countUpTo(holidays, end) - countUpTo(holidays, start - 1));
}
