import { describe, expect, it } from 'vitest';
import { CompiledFormula, FormulaErrorValue, FormulaSyntaxError, cellToFormulaValue, type FormulaRecord } from '../../electron/core/formula';

const fields: Record<string, { id: string; type: string }> = {
  Name: { id: 'fldName0000000001', type: 'singleLineText' },
  Amount: { id: 'fldAmount00000001', type: 'number' },
  Done: { id: 'fldDone0000000001', type: 'checkbox' },
  Due: { id: 'fldDue00000000001', type: 'date' },
  Tags: { id: 'fldTags0000000001', type: 'multipleSelects' },
  'Full Name': { id: 'fldFull0000000001', type: 'singleLineText' },
};
const byId = new Map(Object.values(fields).map((f) => [f.id, f]));
const resolve = (nameOrId: string) => fields[nameOrId]?.id ?? (byId.has(nameOrId) ? nameOrId : undefined);

function record(cells: Record<string, unknown>, extra: Partial<FormulaRecord> = {}): FormulaRecord {
  return {
    recordId: 'recAAAAAAAAAAAAAA',
    createdTime: new Date('2026-01-01T10:00:00.000Z'),
    lastModifiedTime: (ids) => (ids.includes(fields.Amount?.id ?? '') ? new Date('2026-02-01T00:00:00.000Z') : new Date('2026-03-01T00:00:00.000Z')),
    now: new Date('2026-06-15T12:00:00.000Z'),
    value: (id) => cellToFormulaValue(byId.get(id)?.type ?? 'singleLineText', cells[Object.keys(fields).find((k) => fields[k]?.id === id) ?? '']),
    ...extra,
  };
}

const run = (source: string, cells: Record<string, unknown> = {}) => CompiledFormula.compile(source, resolve).evaluate(record(cells));
const keeps = (source: string, cells: Record<string, unknown> = {}) => CompiledFormula.compile(source, resolve).matches(record(cells));

describe('formula evaluator', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['-2 - -3', 1],
    ['10 / 4', 2.5],
    ['"a" & "b" & 1', 'ab1'],
    ['3 > 2', true],
    ['"abc" = "abc"', true],
    ['"abc" = "ABC"', false],
    ['2 != 3', true],
    ['2 <> 2', false],
    ['2 <= 2', true],
    ["'single' & \"double\"", 'singledouble'],
    ['"esc\\"aped"', 'esc"aped'],
    ['TRUE()', true],
    ['FALSE', false],
    ['IF(1, "y", "n")', 'y'],
    ['IF(0, "y")', null],
    ['AND(1, "x", TRUE())', true],
    ['OR(0, "", FALSE())', false],
    ['NOT(0)', true],
    ['XOR(1, 1, 1)', true],
    ['BLANK()', null],
    ['FIND("b", "abcb")', 2],
    ['FIND("b", "abcb", 3)', 4],
    ['FIND("z", "abc")', 0],
    ['SEARCH("B", "abc")', 2],
    ['SEARCH("z", "abc")', null],
    ['LOWER("AbC")', 'abc'],
    ['UPPER("AbC")', 'ABC'],
    ['LEN("héllo")', 5],
    ['TRIM("  x  ")', 'x'],
    ['CONCATENATE("a", 1, "b")', 'a1b'],
    ['LEFT("abcdef", 2) & MID("abcdef", 3, 2) & RIGHT("abcdef", 2)', 'abcdef'],
    ['SUBSTITUTE("a-b-c", "-", "+")', 'a+b+c'],
    ['SUBSTITUTE("a-b-c", "-", "+", 2)', 'a-b+c'],
    ['ROUND(2.456, 2)', 2.46],
    ['MAX(1, 5, 3) + MIN(4, 2) + SUM(1, 2)', 10],
    ['MOD(7, 3)', 1],
    ['RECORD_ID()', 'recAAAAAAAAAAAAAA'],
    ['SWITCH(2, 1, "one", 2, "two", "many")', 'two'],
    ['SWITCH(9, 1, "one", "many")', 'many'],
    ['IS_AFTER("2026-02-01", "2026-01-01")', true],
    ['IS_BEFORE("2026-02-01", "2026-01-01")', false],
    ['IS_AFTER(CREATED_TIME(), "2025-12-31T23:59:59Z")', true],
    ['DATETIME_FORMAT(DATETIME_PARSE("05/03/2026", "DD/MM/YYYY"), "YYYY-MM-DD")', '2026-03-05'],
    ['DATETIME_FORMAT(DATEADD("2026-01-31", 1, "days"), "YYYY-MM-DD")', '2026-02-01'],
    ['DATETIME_DIFF("2026-01-10", "2026-01-01", "days")', 9],
    ['IS_SAME("2026-01-10T05:00:00Z", "2026-01-10T23:00:00Z", "day")', true],
    ['YEAR("2026-07-04") & "-" & MONTH("2026-07-04") & "-" & DAY("2026-07-04")', '2026-7-4'],
    ['ISERROR(1/0)', true],
    ['REGEX_MATCH("abc123", "[0-9]+$")', true],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('reads fields by name, by braces with spaces, and by id', () => {
    const cells = { Name: 'Widget', Amount: 12, 'Full Name': 'Ada Lovelace' };
    expect(run('{Name} & "/" & Amount', cells)).toBe('Widget/12');
    expect(run('{Full Name}', cells)).toBe('Ada Lovelace');
    expect(run('{fldAmount00000001} * 2', cells)).toBe(24);
  });

  it('treats blank as equal to "" and 0, and reads an unchecked checkbox as false', () => {
    expect(run('{Name} = ""', {})).toBe(true);
    expect(run('{Amount} = BLANK()', { Amount: 0 })).toBe(true);
    expect(run('{Amount} = BLANK()', { Amount: 3 })).toBe(false);
    expect(run('NOT({Done})', {})).toBe(true);
    expect(run('{Done}', { Done: true })).toBe(true);
  });

  it('joins multi-value fields as text and compares dates by instant', () => {
    expect(run('{Tags} & ""', { Tags: ['a', 'b'] })).toBe('a, b');
    expect(run('FIND("b", {Tags})', { Tags: ['a', 'b'] })).toBe(4);
    expect(run('IS_BEFORE({Due}, "2026-01-02")', { Due: '2026-01-01' })).toBe(true);
  });

  it('gives LAST_MODIFIED_TIME for the whole record or the named fields', () => {
    expect(run('LAST_MODIFIED_TIME()')).toEqual(new Date('2026-03-01T00:00:00.000Z'));
    expect(run('LAST_MODIFIED_TIME({Amount})')).toEqual(new Date('2026-02-01T00:00:00.000Z'));
  });

  it('keeps a record unless the result is 0, false, "", NaN, blank or an error', () => {
    expect(keeps('1')).toBe(true);
    expect(keeps('"x"')).toBe(true);
    for (const dropped of ['0', 'FALSE()', '""', 'BLANK()', '1/0', 'VALUE("abc")']) expect(keeps(dropped)).toBe(false);
  });

  it('propagates errors through operators and functions but not through ISERROR or an untaken IF branch', () => {
    expect(run('1/0 + 1')).toBeInstanceOf(FormulaErrorValue);
    expect(run('UPPER(ERROR())')).toBeInstanceOf(FormulaErrorValue);
    expect(run('IF(1, "safe", 1/0)')).toBe('safe');
  });

  it.each([
    ['', 'empty'],
    ['1 +', 'Unexpected end of formula'],
    ['(1', 'Expected ")"'],
    ['"open', 'Unterminated string'],
    ['{Missing} = 1', 'Unknown field names: Missing'],
    ['NOPE(1)', 'Unknown function names: NOPE'],
    ['NOT(1, 2)', 'NOT() takes 1 arguments'],
    ['1 # 2', 'Unexpected character "#"'],
    ['1 2', 'Unexpected "2"'],
  ])('rejects %j with a clear message', (source, message) => {
    expect(() => CompiledFormula.compile(source, resolve)).toThrow(FormulaSyntaxError);
    expect(() => CompiledFormula.compile(source, resolve)).toThrow(message);
  });

  it('lists the fields a formula references', () => {
    expect(CompiledFormula.compile('{Name} & Amount & {Name}', resolve).referencedFieldIds).toEqual(['fldName0000000001', 'fldAmount00000001']);
  });
});
