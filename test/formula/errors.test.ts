import { describe, expect, it } from 'vitest';
import { FormulaErrorValue, cellToFormulaValue } from '../../electron/core/formula';
import { ERROR, INFINITY, NAN, keeps, run } from './harness';

// Error values: how Airtable's API returns failed computed cells ({"error": "#ERROR!"},
// {"specialValue": "NaN"}, AT·api via pyairtable) and how they travel through a formula.

const errored = { Computed: { error: '#ERROR!' }, Total: { specialValue: 'NaN' } };

describe('error cells', () => {
  it('read as error values, not blanks', () => {
    expect(cellToFormulaValue('formula', { error: '#ERROR!' })).toEqual(ERROR);
    expect(cellToFormulaValue('rollup', { specialValue: 'NaN' })).toEqual(NAN);
    expect(cellToFormulaValue('formula', { specialValue: 'Infinity' })).toEqual(INFINITY);
    expect(cellToFormulaValue('multipleLookupValues', [1, { error: '#ERROR!' }])).toEqual([1, ERROR]);
    expect(cellToFormulaValue('number', { specialValue: 'NaN' })).toEqual(NAN);
  });

  it.each([
    ['{Computed} + 1', ERROR],
    ['{Total} * 2', NAN],
    ['-{Computed}', ERROR],
    ['{Computed} & "x"', ERROR],
    ['UPPER({Computed})', ERROR],
    ['LEN({Total})', NAN],
    ['{Computed} = 1', ERROR],
    ['{Total} > 0', NAN],
    ['IF({Computed}, "yes", "no")', ERROR],
    ['AND(1, {Computed})', ERROR],
    ['DATETIME_FORMAT({Computed}, "YYYY")', ERROR],
    ['ARRAYJOIN({Computed})', ERROR],
  ])('propagate through %s', (formula, expected) => {
    expect(run(formula, errored)).toEqual(expected);
  });

  it('are caught by ISERROR and skipped by an untaken IF branch (AT: catching errors with ISERROR)', () => {
    expect(run('ISERROR({Computed})', errored)).toBe(true);
    expect(run('ISERROR({Total})', errored)).toBe(true);
    expect(run('IF(ISERROR({Computed}), "fallback", {Computed})', errored)).toBe('fallback');
    expect(run('IF(0, {Computed}, "ok")', errored)).toBe('ok');
  });

  it('drop the record in filterByFormula (AT·api: "#Error!" is falsy)', () => {
    expect(keeps('{Computed}', errored)).toBe(false);
    expect(keeps('NOT({Computed})', errored)).toBe(false);
  });

  it('print as their code inside text', () => {
    expect(new FormulaErrorValue('#ERROR!').toString()).toBe('#ERROR!');
    expect(run('ARRAYJOIN({Values})', { Values: [1, { specialValue: 'NaN' }] })).toBe('1, NaN');
  });
});

describe('other cell shapes', () => {
  it('reads an AI text cell as its value, blank while it is not generated', () => {
    expect(run('{Summary} & "!"', { Summary: { state: 'generated', value: 'Short summary', isStale: false } })).toBe('Short summary!');
    expect(run('{Summary}', { Summary: { state: 'loading', value: null, isStale: false } })).toBeNull();
    expect(run('{Summary}', { Summary: { state: 'error', errorType: 'x', value: null, isStale: false } })).toBeNull();
  });

  it('reads a field type it does not know as its value, or its display text, never crashing', () => {
    expect(run('{Mystery}', { Mystery: 'plain' })).toBe('plain');
    expect(run('{Mystery} + 1', { Mystery: 41 })).toBe(42);
    expect(run('{Mystery}', { Mystery: { name: 'Shown', id: 'x' } })).toBe('Shown');
    expect(run('{Mystery}', { Mystery: { a: 1 } })).toBe('{"a":1}');
    expect(run('LEN({Mystery})', { Mystery: [{ label: 'one' }, 'two'] })).toBe(8);
  });

  it('bounds deeply nested lists in a cell instead of recursing without end', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 10_000; i++) nested = [nested];
    expect(() => cellToFormulaValue('someFutureType', nested)).not.toThrow();
  });
});

describe('errors produced inside a formula', () => {
  it.each([
    ['1/0', INFINITY],
    ['-1/0', new FormulaErrorValue('-Infinity')],
    ['0/0', NAN],
    ['SQRT(-4)', NAN],
    ['VALUE("n/a")', NAN],
    ['DATETIME_PARSE("nope")', ERROR],
    ['REGEX_EXTRACT("abc", "z")', ERROR],
    ['ERROR()', ERROR],
  ])('%s → %j', (formula, expected) => {
    expect(run(formula)).toEqual(expected);
  });
});
