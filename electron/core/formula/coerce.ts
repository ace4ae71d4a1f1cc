import { FormulaErrorValue, type FormulaValue } from './ast';

export function isError(value: FormulaValue): value is FormulaErrorValue {
  return value instanceof FormulaErrorValue;
}

export function isBlank(value: FormulaValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Airtable's truthiness, as filterByFormula uses it: 0, false, "", NaN, [], blank and errors drop a record. */
export function isTruthy(value: FormulaValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (Array.isArray(value)) return value.length > 0;
  if (isError(value)) return false;
  return true;
}

export function toText(value: FormulaValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toText).join(', ');
  return value.code;
}

export function toNumber(value: FormulaValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const trimmed = value.trim().replace(/,/g, '');
    if (trimmed === '') return 0;
    const parsed = Number(trimmed.replace(/^\$/, '').replace(/%$/, ''));
    return trimmed.endsWith('%') ? parsed / 100 : parsed;
  }
  if (Array.isArray(value)) return value.length === 1 ? toNumber(value[0] ?? null) : Number.NaN;
  return Number.NaN;
}

/** Accepts dates, ISO strings and `YYYY-MM-DD`; anything else is not a date. */
export function toDate(value: FormulaValue): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00.000Z` : value);
    return Number.isNaN(time) ? null : new Date(time);
  }
  if (typeof value === 'number') return new Date(value);
  if (Array.isArray(value) && value.length === 1) return toDate(value[0] ?? null);
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
export function formulaEquals(left: FormulaValue, right: FormulaValue): boolean {
  if (isBlank(left) || isBlank(right)) {
    const other = isBlank(left) ? right : left;
    return isBlank(other) || other === 0 || other === false;
  }
  if (left instanceof Date || right instanceof Date) {
    const a = toDate(left);
    const b = toDate(right);
    return a !== null && b !== null && a.getTime() === b.getTime();
  }
  if (typeof left === 'number' || typeof right === 'number' || typeof left === 'boolean' || typeof right === 'boolean') {
    return toNumber(left) === toNumber(right);
  }
  return toText(left) === toText(right);
}

/** Ordering for `<`, `>` and sorts: numbers and dates numerically, everything else as text. */
export function formulaCompare(left: FormulaValue, right: FormulaValue): number {
  if (left instanceof Date || right instanceof Date) {
    const a = toDate(left)?.getTime() ?? Number.NaN;
    const b = toDate(right)?.getTime() ?? Number.NaN;
    return a - b;
  }
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return toNumber(left) - toNumber(right);
}
