import { dayOfYear, epochDay, weekOfYear, weekdayOfEpochDay, type WallTime } from './calendar';
import { formatPieces } from './formatTokens';
import type { LocaleData } from './locales';
import { offsetMs, UTC, wallTime, zoneAbbreviation } from './zone';

/** One instant as DATETIME_FORMAT sees it: its wall time in the chosen zone, and the locale. */
export interface DateView {
  ms: number;
  zone: string;
  locale: LocaleData;
}

/** moment's zeroFill: pad the absolute value, keep the sign in front. */
function zeroFill(value: number, width: number, forceSign = false): string {
  const digits = String(Math.abs(value)).padStart(width, '0');
  return (value >= 0 ? (forceSign ? '+' : '') : '-') + digits;
}

function offsetText(minutes: number, separator: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${zeroFill(Math.trunc(abs / 60), 2)}${separator}${zeroFill(abs % 60, 2)}`;
}

/** Lazily computed facts about the instant, shared by all tokens of one format call. */
class Facts {
  readonly wall: WallTime;
  readonly weekday: number;
  private isoWeekCache?: { week: number; year: number };
  private localeWeekCache?: { week: number; year: number };
  constructor(
    readonly view: DateView,
    /** moment drops the dot of es/nl short months when the format has `-MMM-` (checked once per format). */
    readonly plainShortMonths: boolean,
  ) {
    this.wall = wallTime(view.ms, view.zone);
    this.weekday = weekdayOfEpochDay(epochDay(this.wall.year, this.wall.month, this.wall.day));
  }
  get isoWeek() {
    return (this.isoWeekCache ??= weekOfYear(this.wall, 1, 4));
  }
  get localeWeek() {
    return (this.localeWeekCache ??= weekOfYear(this.wall, this.view.locale.week.dow, this.view.locale.week.doy));
  }
  get offsetMinutes(): number {
    return Math.round(offsetMs(this.view.ms, this.view.zone) / 60_000);
  }
}

/** The text of one token (see moment's "Displaying / Format" token table). */
function renderToken(token: string, facts: Facts): string {
  const { wall, weekday } = facts;
  const locale = facts.view.locale;
  const hour12 = wall.hour % 12 || 12;
  switch (token) {
    case 'M': return String(wall.month);
    case 'Mo': return locale.ordinal(wall.month, 'M');
    case 'MM': return zeroFill(wall.month, 2);
    case 'MMM': return ((facts.plainShortMonths && locale.monthsShortPlain) || locale.monthsShort)[wall.month - 1] ?? '';
    case 'MMMM': return locale.months[wall.month - 1] ?? '';
    case 'Q': return String(Math.ceil(wall.month / 3));
    case 'Qo': return locale.ordinal(Math.ceil(wall.month / 3), 'Q');
    case 'D': return String(wall.day);
    case 'Do': return locale.ordinal(wall.day, 'D');
    case 'DD': return zeroFill(wall.day, 2);
    case 'DDD': return String(dayOfYear(wall));
    case 'DDDo': return locale.ordinal(dayOfYear(wall), 'DDD');
    case 'DDDD': return zeroFill(dayOfYear(wall), 3);
    case 'd': return String(weekday);
    case 'do': return locale.ordinal(weekday, 'd');
    case 'dd': return locale.weekdaysMin[weekday] ?? '';
    case 'ddd': return locale.weekdaysShort[weekday] ?? '';
    case 'dddd': return locale.weekdays[weekday] ?? '';
    case 'e': return String((weekday - locale.week.dow + 7) % 7);
    case 'E': return String(weekday || 7);
    case 'w': return String(facts.localeWeek.week);
    case 'wo': return locale.ordinal(facts.localeWeek.week, 'w');
    case 'ww': return zeroFill(facts.localeWeek.week, 2);
    case 'W': return String(facts.isoWeek.week);
    case 'Wo': return locale.ordinal(facts.isoWeek.week, 'W');
    case 'WW': return zeroFill(facts.isoWeek.week, 2);
    case 'Y': return wall.year <= 9999 ? zeroFill(wall.year, 4) : `+${wall.year}`;
    case 'YY': return zeroFill(wall.year % 100, 2);
    case 'YYYY': return zeroFill(wall.year, 4);
    case 'YYYYY': return zeroFill(wall.year, 5);
    case 'YYYYYY': return zeroFill(wall.year, 6, true);
    case 'gg': return zeroFill(facts.localeWeek.year % 100, 2);
    case 'gggg': return zeroFill(facts.localeWeek.year, 4);
    case 'ggggg': return zeroFill(facts.localeWeek.year, 5);
    case 'GG': return zeroFill(facts.isoWeek.year % 100, 2);
    case 'GGGG': return zeroFill(facts.isoWeek.year, 4);
    case 'GGGGG': return zeroFill(facts.isoWeek.year, 5);
    case 'a': return wall.hour < 12 ? 'am' : 'pm';
    case 'A': return wall.hour < 12 ? 'AM' : 'PM';
    case 'H': return String(wall.hour);
    case 'HH': return zeroFill(wall.hour, 2);
    case 'h': return String(hour12);
    case 'hh': return zeroFill(hour12, 2);
    case 'k': return String(wall.hour || 24);
    case 'kk': return zeroFill(wall.hour || 24, 2);
    case 'hmm': return `${hour12}${zeroFill(wall.minute, 2)}`;
    case 'hmmss': return `${hour12}${zeroFill(wall.minute, 2)}${zeroFill(wall.second, 2)}`;
    case 'Hmm': return `${wall.hour}${zeroFill(wall.minute, 2)}`;
    case 'Hmmss': return `${wall.hour}${zeroFill(wall.minute, 2)}${zeroFill(wall.second, 2)}`;
    case 'm': return String(wall.minute);
    case 'mm': return zeroFill(wall.minute, 2);
    case 's': return String(wall.second);
    case 'ss': return zeroFill(wall.second, 2);
    case 'Z': return offsetText(facts.offsetMinutes, ':');
    case 'ZZ': return offsetText(facts.offsetMinutes, '');
    case 'z':
    case 'zz': return zoneAbbreviation(facts.view.ms, facts.view.zone);
    case 'X': return String(Math.floor(facts.view.ms / 1000));
    case 'x': return String(facts.view.ms);
    case 'N':
    case 'NN':
    case 'NNN':
    case 'NNNNN': return wall.year > 0 ? 'AD' : 'BC';
    case 'NNNN': return wall.year > 0 ? 'Anno Domini' : 'Before Christ';
    case 'y': return String(eraYear(wall.year));
    case 'yo': return locale.ordinal(eraYear(wall.year), 'y');
    case 'yy': return zeroFill(eraYear(wall.year), 2);
    case 'yyy': return zeroFill(eraYear(wall.year), 3);
    case 'yyyy': return zeroFill(eraYear(wall.year), 4);
    default:
      // S … SSSSSSSSS: fractional seconds to that many digits.
      if (/^S{1,9}$/.test(token)) return fraction(wall.millisecond, token.length);
      return token;
  }
}

const eraYear = (year: number) => (year > 0 ? year : 1 - year);

function fraction(ms: number, digits: number): string {
  if (digits <= 3) return zeroFill(Math.floor(ms / 10 ** (3 - digits)), digits);
  return zeroFill(ms, 3) + '0'.repeat(digits - 3);
}

/** moment's `format()` with no argument: ISO 8601 to the second, `Z` in UTC, else the offset. */
const DEFAULT_FORMAT_UTC = 'YYYY-MM-DDTHH:mm:ss[Z]';
const DEFAULT_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ';

/**
 * DATETIME_FORMAT. `reserve` is told the output length so far before each piece is appended, so a
 * format that would expand past the text cap stops there instead of being built.
 */
export function formatDate(view: DateView, format: string | undefined, reserve: (length: number) => void): string {
  const pattern = format === undefined || format === '' ? (view.zone === UTC ? DEFAULT_FORMAT_UTC : DEFAULT_FORMAT) : format;
  const facts = new Facts(view, view.locale.monthsShortPlain !== undefined && pattern.includes('-MMM-'));
  const out: string[] = [];
  let length = 0;
  for (const piece of formatPieces(pattern, view.locale)) {
    const text = 'token' in piece ? renderToken(piece.token, facts) : piece.literal;
    length += text.length;
    reserve(length);
    out.push(text);
  }
  return out.join('');
}
