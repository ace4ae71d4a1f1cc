import { civilFromEpochDay, daysInMonth, daysInYear, epochDay, type WallTime } from './calendar';
import { formatPieces } from './formatTokens';
import type { LocaleData } from './locales';
import { instantFromWall, wallTime } from './zone';

/**
 * DATETIME_PARSE(text, format, [locale]) with moment's forgiving (non-strict) rules: each token's
 * pattern is searched for in what is left of the input, skipping anything in between, and literal
 * parts of the format are likewise searched for. Missing date parts default to today (year, then
 * month, then day), missing time parts to 0; impossible dates are invalid (null).
 *
 * The patterns are fixed and have no nested repetition, so V8's engine runs them in linear time.
 */

const PATTERNS: Record<string, RegExp> = {
  digit: /\d/,
  d1to2: /\d\d?/,
  d1to3: /\d{1,3}/,
  d1to4: /\d{1,4}/,
  d1to6: /[+-]?\d{1,6}/,
  d3to4: /\d{3,4}/,
  d5to6: /\d{5,6}/,
  unsigned: /\d+/,
  signed: /[+-]?\d+/,
  timestamp: /[+-]?\d+(?:\.\d{1,3})?/,
  offset: /Z|[+-]\d\d(?::?\d\d)?/i,
  meridiem: /[ap]\.?m?\.?/i,
  ordinalDay: /\d{1,2}(?:st|nd|rd|th|º|\.|er|e|ste|de)?/i,
  word: /[^\s\d.,/:-]+\.?/,
};

function tokenPattern(token: string): RegExp {
  switch (token) {
    case 'YYYY': case 'GGGG': case 'gggg': return PATTERNS.d1to4 as RegExp;
    case 'YYYYY': case 'YYYYYY': case 'GGGGG': case 'ggggg': return PATTERNS.d1to6 as RegExp;
    case 'Y': case 'y': case 'yy': case 'yyy': case 'yyyy': return PATTERNS.signed as RegExp;
    case 'Q': case 'E': case 'e': case 'd': return PATTERNS.digit as RegExp;
    case 'DDD': case 'DDDD': case 'S': case 'SS': case 'SSS': return PATTERNS.d1to3 as RegExp;
    case 'Do': return PATTERNS.ordinalDay as RegExp;
    case 'hmm': case 'Hmm': return PATTERNS.d3to4 as RegExp;
    case 'hmmss': case 'Hmmss': return PATTERNS.d5to6 as RegExp;
    case 'X': return PATTERNS.timestamp as RegExp;
    case 'x': return PATTERNS.signed as RegExp;
    case 'Z': case 'ZZ': return PATTERNS.offset as RegExp;
    case 'a': case 'A': return PATTERNS.meridiem as RegExp;
    case 'dd': case 'ddd': case 'dddd': case 'N': case 'NN': case 'NNN': case 'NNNN': case 'NNNNN': case 'z': case 'zz': return PATTERNS.word as RegExp;
    default:
      return /^S{4,9}$/.test(token) ? (PATTERNS.unsigned as RegExp) : (PATTERNS.d1to2 as RegExp);
  }
}

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  pm?: boolean;
  offsetMinutes?: number;
  timestamp?: number;
}

const twoDigitYear = (n: number) => n + (n > 68 ? 1900 : 2000);

function monthFromName(text: string, locale: LocaleData): number | undefined {
  const lower = text.toLowerCase().replace(/\.$/, '');
  const lists = [locale.months, locale.monthsShort, locale.monthsShortPlain ?? []];
  for (const list of lists) {
    const index = list.findIndex((name) => name.toLowerCase().replace(/\.$/, '') === lower);
    if (index >= 0) return index + 1;
  }
  return undefined;
}

/** Month names are matched longest first so "June" is not read as "Jun" + "e". */
function monthPattern(locale: LocaleData): RegExp {
  const names = [...locale.months, ...locale.monthsShort, ...(locale.monthsShortPlain ?? [])]
    .map((name) => name.replace(/\.$/, ''))
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:${names.join('|')})\\.?`, 'i');
}

function apply(token: string, input: string, parsed: Parsed, locale: LocaleData): void {
  const n = Number(input);
  switch (token) {
    case 'YYYY':
      parsed.year = input.length === 2 ? twoDigitYear(n) : n;
      return;
    case 'YY':
      parsed.year = twoDigitYear(n);
      return;
    case 'Y': case 'YYYYY': case 'YYYYYY':
      parsed.year = n;
      return;
    case 'Q':
      parsed.month = (n - 1) * 3 + 1;
      return;
    case 'M': case 'MM':
      parsed.month = n;
      return;
    case 'MMM': case 'MMMM':
      parsed.month = monthFromName(input, locale) ?? Number.NaN;
      return;
    case 'D': case 'DD':
      parsed.day = n;
      return;
    case 'Do':
      parsed.day = parseInt(input, 10);
      return;
    case 'DDD': case 'DDDD':
      parsed.dayOfYear = n;
      return;
    case 'H': case 'HH': case 'h': case 'hh': case 'k': case 'kk':
      parsed.hour = n;
      return;
    case 'hmm': case 'Hmm': case 'hmmss': case 'Hmmss': {
      const split = input.length - (token.endsWith('ss') ? 4 : 2);
      parsed.hour = Number(input.slice(0, split));
      parsed.minute = Number(input.slice(split, split + 2));
      if (token.endsWith('ss')) parsed.second = Number(input.slice(split + 2));
      return;
    }
    case 'm': case 'mm':
      parsed.minute = n;
      return;
    case 's': case 'ss':
      parsed.second = n;
      return;
    case 'a': case 'A':
      parsed.pm = input.toLowerCase().startsWith('p');
      return;
    case 'Z': case 'ZZ':
      parsed.offsetMinutes = parseOffset(input);
      return;
    case 'X':
      parsed.timestamp = Math.round(Number(input) * 1000);
      return;
    case 'x':
      parsed.timestamp = n;
      return;
    default:
      // Fractional seconds: only the first three digits count, as in moment.
      if (/^S{1,9}$/.test(token)) parsed.millisecond = Math.trunc(Number(`0.${input}`) * 1000);
      // Weekday names, week numbers, eras and zone names are read past but do not set the date.
      return;
  }
}

export function parseOffset(text: string): number {
  if (/^z$/i.test(text)) return 0;
  const digits = text.replace(/[^\d]/g, '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return text.startsWith('-') ? -minutes : minutes;
}

/**
 * Each piece of the format searches the rest of the input, so work grows with their product;
 * date text and formats are short, and longer ones are not dates.
 */
const MAX_PARSE_TEXT = 1000;

/** Reads `input` with a moment format; `zone` is where a wall time without an offset lives. */
export function parseWithFormat(input: string, format: string, locale: LocaleData, zone: string, now: number): number | null {
  if (input.length > MAX_PARSE_TEXT || format.length > MAX_PARSE_TEXT) return null;
  let rest = input;
  const parsed: Parsed = {};
  let matchedAny = false;
  let months: RegExp | undefined;
  for (const piece of formatPieces(format, locale)) {
    if ('literal' in piece) {
      const at = piece.literal === '' ? -1 : rest.indexOf(piece.literal);
      if (at >= 0) rest = rest.slice(at + piece.literal.length);
      continue;
    }
    const token = piece.token;
    const pattern = token === 'MMM' || token === 'MMMM' ? (months ??= monthPattern(locale)) : tokenPattern(token);
    const match = pattern.exec(rest);
    if (!match) continue;
    matchedAny = true;
    rest = rest.slice(match.index + match[0].length);
    apply(token, match[0], parsed, locale);
  }
  if (!matchedAny) return null;
  if (parsed.timestamp !== undefined) return Number.isFinite(parsed.timestamp) ? parsed.timestamp : null;
  return build(parsed, zone, now);
}

function build(parsed: Parsed, zone: string, now: number): number | null {
  // moment: with no year, month or day given, default to today; a day alone takes this month, etc.
  const today = wallTime(now, zone);
  let { year, month, day } = parsed;
  if (year === undefined) {
    year = today.year;
    if (month === undefined && parsed.dayOfYear === undefined) {
      month = today.month;
      if (day === undefined) day = today.day;
    }
  }
  month ??= 1;
  day ??= 1;
  if (parsed.dayOfYear !== undefined) {
    if (parsed.dayOfYear < 1 || parsed.dayOfYear > daysInYear(year)) return null;
    ({ month, day } = civilFromEpochDay(epochDay(year, 1, 1) + parsed.dayOfYear - 1));
  }
  let hour = parsed.hour ?? 0;
  if (parsed.pm !== undefined) {
    if (parsed.pm && hour < 12) hour += 12;
    if (!parsed.pm && hour === 12) hour = 0;
  }
  const wall: WallTime = { year, month, day, hour, minute: parsed.minute ?? 0, second: parsed.second ?? 0, millisecond: parsed.millisecond ?? 0 };
  if (!isValidWall(wall)) return null;
  if (wall.hour === 24) wall.hour = 0;
  if (parsed.offsetMinutes !== undefined) {
    const asUtc = instantFromWall(wall, 'UTC');
    return asUtc - parsed.offsetMinutes * 60_000 + (hour === 24 ? 86_400_000 : 0);
  }
  return instantFromWall(wall, zone) + (hour === 24 ? 86_400_000 : 0);
}

/** moment's overflow check: every part within its range (24:00:00.000 is allowed). */
export function isValidWall(wall: WallTime): boolean {
  const integers = [wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond].every(Number.isInteger);
  if (!integers) return false;
  if (wall.month < 1 || wall.month > 12) return false;
  if (wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) return false;
  if (wall.hour < 0 || wall.hour > 24) return false;
  if (wall.hour === 24 && (wall.minute !== 0 || wall.second !== 0 || wall.millisecond !== 0)) return false;
  return wall.minute >= 0 && wall.minute < 60 && wall.second >= 0 && wall.second < 60 && wall.millisecond >= 0 && wall.millisecond < 1000;
}
