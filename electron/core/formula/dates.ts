/** Date helpers for formulas. Airtable evaluates API formulas in UTC unless a time zone is set. */

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

const UNIT_ALIASES: Record<string, string> = {
  ms: 'milliseconds', millisecond: 'milliseconds', milliseconds: 'milliseconds',
  s: 'seconds', second: 'seconds', seconds: 'seconds',
  m: 'minutes', minute: 'minutes', minutes: 'minutes',
  h: 'hours', hour: 'hours', hours: 'hours',
  d: 'days', day: 'days', days: 'days',
  w: 'weeks', week: 'weeks', weeks: 'weeks',
  M: 'months', month: 'months', months: 'months',
  Q: 'quarters', quarter: 'quarters', quarters: 'quarters',
  y: 'years', year: 'years', years: 'years',
};

export function normaliseUnit(unit: string): string | undefined {
  return UNIT_ALIASES[unit] ?? UNIT_ALIASES[unit.toLowerCase()];
}

export function addToDate(date: Date, amount: number, unit: string): Date | null {
  const normal = normaliseUnit(unit);
  if (!normal) return null;
  const fixed = UNIT_MS[normal];
  if (fixed !== undefined) return new Date(date.getTime() + amount * fixed);
  const result = new Date(date.getTime());
  const months = normal === 'months' ? amount : normal === 'quarters' ? amount * 3 : amount * 12;
  result.setUTCMonth(result.getUTCMonth() + Math.trunc(months));
  return result;
}

export function diffDates(a: Date, b: Date, unit: string): number | null {
  const normal = normaliseUnit(unit);
  if (!normal) return null;
  const fixed = UNIT_MS[normal];
  if (fixed !== undefined) return Math.trunc((a.getTime() - b.getTime()) / fixed);
  const months = (a.getUTCFullYear() - b.getUTCFullYear()) * 12 + (a.getUTCMonth() - b.getUTCMonth());
  return normal === 'months' ? months : normal === 'quarters' ? Math.trunc(months / 3) : Math.trunc(months / 12);
}

/** Truncates a date to the start of a unit, for IS_SAME(a, b, unit). */
export function startOf(date: Date, unit: string): number | null {
  const normal = normaliseUnit(unit);
  if (!normal) return null;
  const d = new Date(date.getTime());
  switch (normal) {
    case 'years':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    case 'quarters':
      return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
    case 'months':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'weeks':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay());
    case 'days':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'hours':
      return Math.floor(d.getTime() / 3_600_000) * 3_600_000;
    case 'minutes':
      return Math.floor(d.getTime() / 60_000) * 60_000;
    case 'seconds':
      return Math.floor(d.getTime() / 1000) * 1000;
    default:
      return d.getTime();
  }
}

const FORMAT_TOKENS = /YYYY|MM|DD|HH|mm|ss|SSS|M|D|H|X|x/g;

/** DATETIME_PARSE with a moment-style format (the common tokens); without one, ISO and Date.parse. */
export function parseDate(text: string, format?: string): Date | null {
  const input = text.trim();
  if (!format) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return new Date(`${input}T00:00:00.000Z`);
    const time = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(input) || !/\d{2}:\d{2}/.test(input) ? input : `${input}Z`);
    return Number.isNaN(time) ? null : new Date(time);
  }
  if (format === 'x' || format === 'X') {
    const n = Number(input);
    return Number.isFinite(n) ? new Date(format === 'x' ? n : n * 1000) : null;
  }
  const parts: Record<string, number> = { YYYY: 1970, MM: 1, DD: 1, HH: 0, mm: 0, ss: 0, SSS: 0 };
  let pattern = '';
  const order: string[] = [];
  let last = 0;
  for (const match of format.matchAll(FORMAT_TOKENS)) {
    pattern += escapeRegex(format.slice(last, match.index));
    const token = match[0];
    pattern += token === 'YYYY' ? '(\\d{4})' : token === 'SSS' ? '(\\d{3})' : token.length === 1 ? '(\\d{1,2})' : '(\\d{2})';
    order.push(token === 'M' ? 'MM' : token === 'D' ? 'DD' : token === 'H' ? 'HH' : token);
    last = match.index + token.length;
  }
  pattern += escapeRegex(format.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(input);
  if (!match) return null;
  order.forEach((token, index) => {
    parts[token] = Number(match[index + 1]);
  });
  const time = Date.UTC(parts.YYYY ?? 1970, (parts.MM ?? 1) - 1, parts.DD ?? 1, parts.HH ?? 0, parts.mm ?? 0, parts.ss ?? 0, parts.SSS ?? 0);
  return Number.isNaN(time) ? null : new Date(time);
}

/** DATETIME_FORMAT with the same tokens; ISO 8601 by default. */
export function formatDate(date: Date, format?: string): string {
  if (!format) return date.toISOString();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return format.replace(FORMAT_TOKENS, (token) => {
    switch (token) {
      case 'YYYY': return String(date.getUTCFullYear());
      case 'MM': return pad(date.getUTCMonth() + 1);
      case 'M': return String(date.getUTCMonth() + 1);
      case 'DD': return pad(date.getUTCDate());
      case 'D': return String(date.getUTCDate());
      case 'HH': return pad(date.getUTCHours());
      case 'H': return String(date.getUTCHours());
      case 'mm': return pad(date.getUTCMinutes());
      case 'ss': return pad(date.getUTCSeconds());
      case 'SSS': return pad(date.getUTCMilliseconds(), 3);
      case 'x': return String(date.getTime());
      case 'X': return String(Math.floor(date.getTime() / 1000));
      default: return token;
    }
  });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
