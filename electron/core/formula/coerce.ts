import { parseLooseDate } from './dates/parseLoose';
import { UTC } from './dates/zone';
import { FormulaErrorValue, type FormulaValue } from './values';

/**
 * Conversions between formula values. These are the unbounded forms, for callers that render a
 * value they already hold (the sandbox, sorting); functions inside a formula use the budgeted
 * versions in functions/args.ts, which check sizes before building text.
 */

export function isBlank(value: FormulaValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Airtable's truthiness, as filterByFormula uses it: 0, false, "", NaN, [], blank and errors drop a record. */
export function isTruthy(value: FormulaValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof FormulaErrorValue) return false;
  return true;
}

export function toText(value: FormulaValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(toText).join(', ');
  return value.code;
}

/**
 * Text to number as Airtable's arithmetic reads it: surrounding spaces, thousands separators, a
 * leading `$` and a trailing `%` (which divides by 100) are accepted; anything else is NaN.
 */
export function textToNumber(text: string): number {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return 0;
  const parsed = Number(trimmed.replace(/^(-?)\$/, '$1').replace(/%$/, ''));
  return trimmed.endsWith('%') ? parsed / 100 : parsed;
}

export function toNumber(value: FormulaValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return textToNumber(value);
  if (Array.isArray(value)) return value.length === 0 ? 0 : value.length === 1 ? toNumber(value[0] ?? null) : Number.NaN;
  return Number.NaN;
}

/** The instants a JavaScript Date can hold (±100,000,000 days around 1970). */
export function inDateRange(ms: number): boolean {
  return Math.abs(ms) <= 8.64e15;
}

/**
 * A datetime from a value: dates as they are, text read as a date (wall times without an offset
 * in `zone`), numbers as milliseconds since the epoch. Anything else is not a date (null).
 */
export function toDate(value: FormulaValue, zone: string = UTC): Date | null {
  if (value instanceof Date) return inDateRange(value.getTime()) ? value : null;
  if (typeof value === 'string') {
    const ms = parseLooseDate(value, zone);
    return ms !== null && inDateRange(ms) ? new Date(ms) : null;
  }
  if (typeof value === 'number') return inDateRange(value) ? new Date(value) : null;
  if (Array.isArray(value) && value.length === 1) return toDate(value[0] ?? null, zone);
  return null;
}

/** Numbers print without trailing zeros or exponent noise, as Airtable shows them in text. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return String(Number(value.toPrecision(15)));
}

/**
 * `=` as Airtable evaluates it: blank equals "" and 0, numbers compare numerically when either
 * side is a number, dates by instant, and text exactly (case-sensitive).
 */
export function formulaEquals(left: FormulaValue, right: FormulaValue, zone: string = UTC): boolean {
  if (isBlank(left) || isBlank(right)) {
    const other = isBlank(left) ? right : left;
    return isBlank(other) || other === 0 || other === false;
  }
  if (left instanceof Date || right instanceof Date) {
    const a = toDate(left, zone);
    const b = toDate(right, zone);
    return a !== null && b !== null && a.getTime() === b.getTime();
  }
  if (typeof left === 'number' || typeof right === 'number' || typeof left === 'boolean' || typeof right === 'boolean') {
    return toNumber(left) === toNumber(right);
  }
  return toText(left) === toText(right);
}

/** Ordering for `<`, `>` and sorts: numbers and dates numerically, everything else as text. */
export function formulaCompare(left: FormulaValue, right: FormulaValue, zone: string = UTC): number {
  if (left instanceof Date || right instanceof Date) {
    const a = toDate(left, zone)?.getTime() ?? Number.NaN;
    const b = toDate(right, zone)?.getTime() ?? Number.NaN;
    return a - b;
  }
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return toNumber(left) - toNumber(right);
}
