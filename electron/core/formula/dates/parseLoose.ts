import { civilFromEpochDay, epochDay, weekdayOfEpochDay, type WallTime } from './calendar';
import { isValidWall, parseOffset } from './parseFormat';
import { instantFromWall } from './zone';

/**
 * Text → instant without a format, as Airtable reads a date given as text ("2021-06-09",
 * "02/17/2013 7:31", "4 Mar 2017 7:00", "07/10/19"…). Airtable hands such text to moment, which
 * tries ISO 8601, then RFC 2822, then falls back to JavaScript's own date parser; this module
 * does the same three steps, with its own parser for the last one (US month/day/year order,
 * English month names, 12- or 24-hour times, two-digit years below 50 in the 2000s, as V8 reads
 * them). A wall time without an offset is read in `zone` (the evaluation zone), never in the
 * machine's. Unreadable text gives null.
 */

/** Longer text is not a date; refusing it early also bounds the work per call. */
const MAX_DATE_TEXT = 256;

const EXTENDED_ISO = /^\s*((?:[+-]\d{6}|\d{4})-(?:\d\d-\d\d|W\d\d-\d|W\d\d|\d\d\d|\d\d))(?:(T| )(\d\d(?::\d\d(?::\d\d(?:[.,]\d+)?)?)?)([+-]\d\d(?::?\d\d)?|\s*Z)?)?$/;
const BASIC_ISO = /^\s*((?:[+-]\d{6}|\d{4})(?:\d\d\d\d|W\d\d\d|W\d\d|\d\d\d|\d\d|))(?:(T| )(\d\d(?:\d\d(?:\d\d(?:[.,]\d+)?)?)?)([+-]\d\d(?::?\d\d)?|\s*Z)?)?$/;
const RFC_2822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s)?(\d{1,2})\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s(\d{2,4})\s(\d\d):(\d\d)(?::(\d\d))?\s(?:(UT|GMT|[ECMP][SD]T)|([Zz])|([+-]\d{4}))$/;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** US zone abbreviations that JavaScript's and moment's RFC 2822 parsers know, in minutes. */
const NAMED_OFFSETS: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480 };

export function parseLooseDate(text: string, zone: string): number | null {
  if (text.length > MAX_DATE_TEXT || text.trim() === '') return null;
  return parseIso(text, zone) ?? parseRfc2822(text) ?? parseLegacy(text, zone);
}

function wallOf(date: { year: number; month: number; day: number }, time?: Partial<WallTime>): WallTime {
  return { ...date, hour: time?.hour ?? 0, minute: time?.minute ?? 0, second: time?.second ?? 0, millisecond: time?.millisecond ?? 0 };
}

function finish(wall: WallTime, offsetMinutes: number | undefined, zone: string): number | null {
  const endOfDay = wall.hour === 24;
  if (!isValidWall(wall)) return null;
  const normal = endOfDay ? { ...wall, hour: 0 } : wall;
  const base = offsetMinutes === undefined ? instantFromWall(normal, zone) : instantFromWall(normal, 'UTC') - offsetMinutes * 60_000;
  return base + (endOfDay ? 86_400_000 : 0);
}

function parseIso(text: string, zone: string): number | null {
  const match = EXTENDED_ISO.exec(text) ?? BASIC_ISO.exec(text);
  if (!match) return null;
  const datePart = (match[1] ?? '').replace(/-/g, '');
  const date = isoDate(datePart);
  if (!date) return null;
  const timePart = (match[3] ?? '').replace(/:/g, '');
  // Year-month and week-only forms take no time, as in moment.
  if (timePart !== '' && !date.allowTime) return null;
  const fraction = /[.,](\d+)$/.exec(timePart)?.[1];
  const digits = timePart.replace(/[.,]\d+$/, '');
  const time = {
    hour: Number(digits.slice(0, 2) || '0'),
    minute: Number(digits.slice(2, 4) || '0'),
    second: Number(digits.slice(4, 6) || '0'),
    millisecond: fraction ? Math.trunc(Number(`0.${fraction}`) * 1000) : 0,
  };
  const zonePart = (match[4] ?? '').trim();
  return finish(wallOf(date, time), zonePart === '' ? undefined : parseOffset(zonePart), zone);
}

/** The date of an ISO date in basic form (dashes removed): YYYYMMDD, YYYYMM, YYYYDDD, YYYY, weeks. */
function isoDate(text: string): { year: number; month: number; day: number; allowTime: boolean } | null {
  const yearLength = /^[+-]/.test(text) ? 7 : 4;
  const year = Number(text.slice(0, yearLength));
  const rest = text.slice(yearLength);
  if (rest.startsWith('W')) {
    const week = Number(rest.slice(1, 3));
    const weekday = rest.length > 3 ? Number(rest.slice(3)) : 1;
    if (week < 1 || week > 53 || weekday < 1 || weekday > 7) return null;
    // ISO week 1 is the week holding 4 January; weeks start on Monday.
    const jan4 = epochDay(year, 1, 4);
    const monday = jan4 - ((weekdayOfEpochDay(jan4) + 6) % 7);
    return { ...civilFromEpochDay(monday + (week - 1) * 7 + weekday - 1), allowTime: rest.length > 3 };
  }
  if (rest.length === 0) return { year, month: 1, day: 1, allowTime: false };
  if (rest.length === 2) return { year, month: Number(rest), day: 1, allowTime: false };
  if (rest.length === 3) {
    const ordinal = Number(rest);
    if (ordinal < 1 || ordinal > 366) return null;
    const date = civilFromEpochDay(epochDay(year, 1, 1) + ordinal - 1);
    return date.year === year ? { ...date, allowTime: true } : null;
  }
  return { year, month: Number(rest.slice(0, 2)), day: Number(rest.slice(2, 4)), allowTime: true };
}

function parseRfc2822(text: string): number | null {
  const match = RFC_2822.exec(text.replace(/\([^)]*\)|[\n\t]/g, ' ').replace(/(\s\s+)/g, ' ').trim());
  if (!match) return null;
  const yearText = match[3] ?? '';
  const yearNumber = Number(yearText);
  const year = yearNumber <= 49 ? 2000 + yearNumber : yearNumber <= 999 ? 1900 + yearNumber : yearNumber;
  const wall = wallOf(
    { year, month: MONTHS.findIndex((m) => m.startsWith((match[2] ?? '').toLowerCase())) + 1, day: Number(match[1]) },
    { hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6] ?? '0') },
  );
  const offset = match[7] ? NAMED_OFFSETS[match[7].toLowerCase()] : match[8] ? 0 : parseOffset(match[9] ?? '+0000');
  return finish(wall, offset, 'UTC');
}

type Piece = { kind: 'number'; text: string } | { kind: 'word'; text: string } | { kind: 'mark'; text: string };

function pieces(text: string): Piece[] | null {
  const out: Piece[] = [];
  // Parenthesised comments, as in Date#toString() output, are ignored like JavaScript does.
  const source = text.toLowerCase().replace(/\([^)]*\)/g, ' ');
  const pattern = /(\d+)|([a-z]+)|([/:.,+-])|(\s+)|(.)/gy;
  for (const match of source.matchAll(pattern)) {
    if (match[1] !== undefined) out.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) out.push({ kind: 'word', text: match[2] });
    else if (match[3] !== undefined) out.push({ kind: 'mark', text: match[3] });
    else if (match[5] !== undefined) return null;
  }
  return out;
}

const isWord = (piece: Piece | undefined, ...words: string[]) => piece?.kind === 'word' && words.includes(piece.text);
const prefixOf = (names: readonly string[], word: string) => (word.length >= 3 ? names.findIndex((name) => name.startsWith(word)) : -1);

/** JavaScript-style reading of free-form dates: month names, M/D/Y, Y/M/D, h:mm[:ss] [am|pm], zones. */
function parseLegacy(text: string, zone: string): number | null {
  const list = pieces(text);
  if (!list) return null;
  const numbers: string[] = [];
  let month: number | undefined;
  let time: Partial<WallTime> | undefined;
  let offset: number | undefined;
  let timeEnd = -2;
  for (let i = 0; i < list.length; i++) {
    const piece = list[i] as Piece;
    const next = list[i + 1];
    if (piece.kind === 'number' && next?.kind === 'mark' && next.text === ':' && list[i + 2]?.kind === 'number') {
      if (time) return null;
      const read = readTime(list, i);
      if (!read) return null;
      time = read.time;
      i = timeEnd = read.end;
      continue;
    }
    if (piece.kind === 'number' && isWord(next, 'am', 'pm', 'a', 'p') && !time) {
      // "7pm": an hour with a meridiem and no minutes.
      time = { hour: meridiemHour(Number(piece.text), next?.text ?? '') };
      i += 1;
      continue;
    }
    if (piece.kind === 'number') {
      if (isWord(next, 'st', 'nd', 'rd', 'th')) i += 1;
      numbers.push(piece.text);
      continue;
    }
    // A signed offset right after the time: "10:00 +05:30", "10:00-0800".
    if ((piece.text === '+' || piece.text === '-') && i === timeEnd + 1 && next?.kind === 'number') {
      const read = readOffset(list, i);
      if (!read) return null;
      offset = read.minutes;
      i = read.end;
      continue;
    }
    if (piece.kind === 'mark') continue;
    const named = NAMED_OFFSETS[piece.text];
    if (named !== undefined) {
      offset = named;
      if ((next?.text === '+' || next?.text === '-') && list[i + 2]?.kind === 'number') {
        const read = readOffset(list, i + 1);
        if (!read) return null;
        offset = read.minutes;
        i = read.end;
      }
      continue;
    }
    const monthIndex = prefixOf(MONTHS, piece.text);
    if (monthIndex >= 0 && month === undefined) {
      month = monthIndex + 1;
      continue;
    }
    if (prefixOf(WEEKDAYS, piece.text) >= 0) continue;
    return null;
  }
  const date = month === undefined ? numericDate(numbers) : namedMonthDate(numbers, month);
  return date ? finish(wallOf(date, time), offset, zone) : null;
}

function meridiemHour(hour: number, meridiem: string): number {
  if (hour > 12) return Number.NaN;
  const pm = meridiem.startsWith('p');
  return pm ? (hour % 12) + 12 : hour % 12;
}

function readTime(list: Piece[], start: number): { time: Partial<WallTime>; end: number } | null {
  const values: number[] = [Number(list[start]?.text)];
  let i = start;
  while (values.length < 3 && list[i + 1]?.text === ':' && list[i + 2]?.kind === 'number') {
    values.push(Number(list[i + 2]?.text));
    i += 2;
  }
  let millisecond = 0;
  if (values.length === 3 && list[i + 1]?.text === '.' && list[i + 2]?.kind === 'number') {
    millisecond = Math.trunc(Number(`0.${list[i + 2]?.text}`) * 1000);
    i += 2;
  }
  let hour = values[0] ?? 0;
  const meridiem = list[i + 1];
  if (isWord(meridiem, 'am', 'pm', 'a', 'p')) {
    hour = meridiemHour(hour, meridiem?.text ?? '');
    i += 1;
    // "a.m." / "p.m."
    if (list[i + 1]?.text === '.' && isWord(list[i + 2], 'm')) i += 2;
    if (list[i + 1]?.text === '.') i += 1;
  }
  return { time: { hour, minute: values[1] ?? 0, second: values[2] ?? 0, millisecond }, end: i };
}

function readOffset(list: Piece[], signAt: number): { minutes: number; end: number } | null {
  const sign = list[signAt]?.text ?? '+';
  const first = list[signAt + 1]?.text ?? '';
  if (list[signAt + 2]?.text === ':' && list[signAt + 3]?.kind === 'number') {
    return { minutes: parseOffset(`${sign}${first.padStart(2, '0')}${list[signAt + 3]?.text ?? ''}`), end: signAt + 3 };
  }
  if (first.length !== 4 && first.length !== 2) return null;
  return { minutes: parseOffset(`${sign}${first}`), end: signAt + 1 };
}

/** Two-digit years: below 50 are 20xx, the rest 19xx (JavaScript's and moment's RFC 2822 rule). */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? (year < 50 ? 2000 + year : 1900 + year) : year;
}

function numericDate(numbers: string[]): { year: number; month: number; day: number } | null {
  if (numbers.length !== 3) return null;
  const [a, b, c] = numbers as [string, string, string];
  // A leading four-digit number is a year (2024/03/15); otherwise US order (03/15/2024).
  if (a.length >= 3) return { year: Number(a), month: Number(b), day: Number(c) };
  return { year: fullYear(c), month: Number(a), day: Number(b) };
}

function namedMonthDate(numbers: string[], month: number): { year: number; month: number; day: number } | null {
  // "March 2024": the first of the month.
  if (numbers.length === 1 && (numbers[0] ?? '').length >= 3) return { year: Number(numbers[0]), month, day: 1 };
  if (numbers.length !== 2) return null;
  const [a, b] = numbers as [string, string];
  if (a.length >= 3) return { year: Number(a), month, day: Number(b) };
  return { year: fullYear(b), month, day: Number(a) };
}
