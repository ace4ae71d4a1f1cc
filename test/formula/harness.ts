import { describe, expect, it } from 'vitest';
import { CompiledFormula, FormulaErrorValue, cellToFormulaValue, type CompileOptions, type FormulaRecord, type FormulaValue } from '../../electron/core/formula';

/**
 * A small table for formula tests, and helpers to run a formula against one record of it.
 * Every test row says where its expected value comes from (the tags of
 * /work/staging/formula-reference.md): Airtable's own documentation, or another source.
 */

/** AT: an Airtable support page; AT·copy / AT·claimed / AT·universe: Airtable's reference text as copied elsewhere; the rest are not Airtable. */
export type Source = 'AT' | 'AT·copy' | 'AT·claimed' | 'AT·universe' | 'AT·api' | 'community' | 'moment' | 'teable' | 'derived';

export const FIELDS: Record<string, { id: string; type: string }> = {
  Name: { id: 'fldName0000000001', type: 'singleLineText' },
  Amount: { id: 'fldAmount00000001', type: 'number' },
  Done: { id: 'fldDone0000000001', type: 'checkbox' },
  Due: { id: 'fldDue00000000001', type: 'date' },
  When: { id: 'fldWhen0000000001', type: 'dateTime' },
  Tags: { id: 'fldTags0000000001', type: 'multipleSelects' },
  'Full Name': { id: 'fldFull0000000001', type: 'singleLineText' },
  Values: { id: 'fldValues00000001', type: 'multipleLookupValues' },
  Total: { id: 'fldTotal000000001', type: 'rollup' },
  Computed: { id: 'fldComputed000001', type: 'formula' },
  Summary: { id: 'fldSummary0000001', type: 'aiText' },
  Mystery: { id: 'fldMystery0000001', type: 'someFutureType' },
  Holidays: { id: 'fldHolidays000001', type: 'singleLineText' },
};

const byId = new Map(Object.entries(FIELDS).map(([name, f]) => [f.id, { ...f, name }]));
export const resolve = (nameOrId: string) => FIELDS[nameOrId]?.id ?? (byId.has(nameOrId) ? nameOrId : undefined);

export const NOW = new Date('2026-06-15T12:00:00.000Z');

export function record(cells: Record<string, unknown> = {}, extra: Partial<FormulaRecord> = {}): FormulaRecord {
  return {
    recordId: 'recAAAAAAAAAAAAAA',
    createdTime: new Date('2026-01-01T10:00:00.000Z'),
    lastModifiedTime: (ids) => (ids.includes(FIELDS.Amount?.id ?? '') ? new Date('2026-02-01T00:00:00.000Z') : new Date('2026-03-01T00:00:00.000Z')),
    now: NOW,
    value: (id) => {
      const field = byId.get(id);
      return cellToFormulaValue(field?.type ?? 'singleLineText', cells[field?.name ?? '']);
    },
    ...extra,
  };
}

export const compile = (source: string, options?: CompileOptions) => CompiledFormula.compile(source, resolve, options);
export const run = (source: string, cells: Record<string, unknown> = {}, extra: Partial<FormulaRecord> = {}): FormulaValue => compile(source).evaluate(record(cells, extra));
export const keeps = (source: string, cells: Record<string, unknown> = {}) => compile(source).matches(record(cells));

export const ERROR = new FormulaErrorValue('#ERROR!');
export const NAN = new FormulaErrorValue('NaN');
export const INFINITY = new FormulaErrorValue('Infinity');

/** Formats a Date for DATETIME_FORMAT-free assertions: its ISO text. */
export const iso = (value: FormulaValue) => (value instanceof Date ? value.toISOString() : value);

export type Row = readonly [formula: string, expected: FormulaValue, source: Source];

/**
 * One function's table of examples: `describe(name)` with one `it` per row. The name must be
 * the function the rows exercise (coverage.test.ts checks every function has a table).
 */
export function examples(name: string, rows: readonly Row[], cells: Record<string, unknown> = {}): void {
  describe(name, () => {
    it.each(rows)('%s → %j (%s)', (formula, expected) => {
      expect(run(formula, cells)).toEqual(expected);
    });
  });
}
