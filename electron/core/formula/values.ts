/**
 * The values a formula computes with. A datetime is a Date; SET_TIMEZONE and SET_LOCALE return a
 * TaggedDate, which is still a Date (so callers that render `instanceof Date` keep working) but
 * also remembers the zone and locale DATETIME_FORMAT should use.
 */
export type FormulaValue = null | string | number | boolean | Date | FormulaErrorValue | FormulaValue[];

/**
 * The error values Airtable shows in a cell. `NaN` and `Infinity` are what its API returns as
 * `{"specialValue": …}`; every other failure is `#ERROR!` (`{"error": "#ERROR!"}`).
 */
export type FormulaErrorCode = '#ERROR!' | 'NaN' | 'Infinity' | '-Infinity';

/** An error value inside a formula result, as Airtable shows it in a cell. */
export class FormulaErrorValue {
  constructor(readonly code: FormulaErrorCode) {}
  toString(): string {
    return this.code;
  }
}

/** A datetime carrying the time zone and/or locale that SET_TIMEZONE / SET_LOCALE attached. */
export class TaggedDate extends Date {
  constructor(
    time: number,
    readonly timeZone: string | undefined,
    readonly locale: string | undefined,
  ) {
    super(time);
  }
}

/** Airtable's generic `#ERROR!` (what ERROR() returns and what most invalid inputs give). */
export const errorValue = (): FormulaErrorValue => new FormulaErrorValue('#ERROR!');

export function isError(value: FormulaValue | undefined): value is FormulaErrorValue {
  return value instanceof FormulaErrorValue;
}

/** The first error value in a value, looking inside arrays (a lookup of errored cells). */
export function findError(value: FormulaValue): FormulaErrorValue | undefined {
  if (value instanceof FormulaErrorValue) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findError(item);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A number result as Airtable reports it: NaN and ±Infinity are error values (ISERROR catches
 * them and filterByFormula drops them), not numbers that would print as "NaN".
 */
export function numberResult(value: number): number | FormulaErrorValue {
  if (Number.isNaN(value)) return new FormulaErrorValue('NaN');
  if (!Number.isFinite(value)) return new FormulaErrorValue(value > 0 ? 'Infinity' : '-Infinity');
  return value;
}
