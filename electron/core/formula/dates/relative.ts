/**
 * FROMNOW / TONOW: the distance between now and a date in words ("25 days"), as moment's
 * `fromNow(true)` / `toNow(true)` print it with its default thresholds (under 45 s is "a few
 * seconds", under 45 min counts minutes, under 22 h hours, under 26 days days, under 11 months
 * months, then years). Months and years use moment's average month length.
 */
export function humanizeDistance(ms: number): string {
  const abs = Math.abs(ms);
  const seconds = Math.round(abs / 1000);
  const minutes = Math.round(abs / 60_000);
  const hours = Math.round(abs / 3_600_000);
  const exactDays = abs / 86_400_000;
  const days = Math.round(exactDays);
  const exactMonths = (exactDays * 4800) / 146_097;
  const months = Math.round(exactMonths);
  const years = Math.round(exactMonths / 12);
  if (seconds <= 44) return 'a few seconds';
  if (seconds < 45) return `${seconds} seconds`;
  if (minutes <= 1) return 'a minute';
  if (minutes < 45) return `${minutes} minutes`;
  if (hours <= 1) return 'an hour';
  if (hours < 22) return `${hours} hours`;
  if (days <= 1) return 'a day';
  if (days < 26) return `${days} days`;
  if (months <= 1) return 'a month';
  if (months < 11) return `${months} months`;
  if (years <= 1) return 'a year';
  return `${years} years`;
}
