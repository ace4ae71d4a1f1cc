import type { Budget } from './limits';
import type { FormulaValue } from './values';

/** What a formula may ask about the record being evaluated. */
export interface RecordContext {
  recordId: string;
  createdTime: Date;
  /** Last change to any non-computed field, or to the listed fields. */
  lastModifiedTime(fieldIds: readonly string[]): Date | null;
  now: Date;
  /**
   * IANA zone the formula computes calendar values in (YEAR, HOUR, DATETIME_FORMAT, TODAY, text
   * without an offset…) unless SET_TIMEZONE says otherwise. Airtable evaluates in GMT, so the
   * default is 'UTC'; the machine's TZ is never used. Unknown names fall back to UTC. Date-only
   * cells stay midnight GMT whatever the zone (that is how Airtable stores them), so set a zone
   * only where Airtable itself would compute in one.
   */
  timeZone?: string;
}

/** The record a formula runs against: its field values (already in formula form) plus metadata. */
export interface FormulaRecord extends RecordContext {
  value(fieldId: string): FormulaValue;
}

/** Everything a function sees while one record is evaluated. */
export interface EvalContext {
  record: FormulaRecord;
  /** The evaluation zone, validated (see RecordContext.timeZone). */
  zone: string;
  budget: Budget;
}
