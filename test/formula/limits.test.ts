import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, FormulaLimitError, FormulaSyntaxError, type FormulaLimitKind } from '../../electron/core/formula';
import { compile, record, run } from './harness';

// Security checks 44 and 45: a formula is bounded in length, nesting, work per record and the
// size of every text and list it builds. Breaking a bound throws FormulaLimitError (never a
// FormulaSyntaxError, never a crash), before anything big is allocated. No assertion here
// depends on the machine's speed; each test only has a generous timeout as a safety net.

const SAFETY = { timeout: 20_000 };

function limitOf(action: () => unknown): FormulaLimitKind | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof FormulaLimitError) return error.limit;
    throw error;
  }
  return undefined;
}

describe('formula limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxFormulaLength: 100_000, maxDepth: 200, maxSteps: 100_000, maxTextLength: 1_000_000, maxArrayLength: 100_000, maxPatternLength: 10_000 });
  });

  it('refuses LEN(REPT(REPT("xx",10000),10000)) as too much text instead of building 10^8 characters', SAFETY, () => {
    const formula = 'LEN(REPT(REPT("xx",10000),10000))';
    expect(formula).toHaveLength(33);
    expect(limitOf(() => run(formula))).toBe('textLength');
    try {
      run(formula);
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaLimitError);
      expect(error).not.toBeInstanceOf(FormulaSyntaxError);
      expect((error as FormulaLimitError).message).toMatch(/longer than 1,000,000 characters/);
      expect((error as FormulaLimitError).max).toBe(1_000_000);
    }
  });

  it.each([
    ['&', 'REPT("x", 600000) & REPT("y", 600000)'],
    ['CONCATENATE', 'CONCATENATE(REPT("x", 600000), REPT("y", 600000))'],
    ['REPT', 'REPT("x", 1e300)'],
    ['SUBSTITUTE', 'SUBSTITUTE(REPT("a", 1000), "a", REPT("b", 2000))'],
    ['REPLACE', 'REPLACE(REPT("a", 600000), 1, 0, REPT("b", 600000))'],
    ['ARRAYJOIN', 'ARRAYJOIN({Values}, REPT("-", 20000))'],
    ['REGEX_REPLACE', 'REGEX_REPLACE(REPT("a", 1000), "a", REPT("b", 2000))'],
    ["REGEX_REPLACE with $'", 'REGEX_REPLACE(REPT("a", 5000), "a", "$\'")'],
    ['DATETIME_FORMAT', 'DATETIME_FORMAT(NOW(), REPT("LLLL", 200000))'],
    ['ENCODE_URL_COMPONENT', 'ENCODE_URL_COMPONENT(REPT("€", 200000))'],
    ['a list printed as text', 'LEN({Values} & "")'],
  ])('checks the size before building text with %s', SAFETY, (_name, formula) => {
    const values = Array.from({ length: 100 }, () => 'v'.repeat(20_000));
    // A large step budget, so that it is the text cap (not the work) that stops these.
    const unlimitedWork = compile(formula, { limits: { maxSteps: 100_000_000 } });
    expect(limitOf(() => unlimitedWork.evaluate(record({ Values: values })))).toBe('textLength');
  });

  it('also stops a format that would expand past the cap with the default budget', SAFETY, () => {
    expect(limitOf(() => run('DATETIME_FORMAT(NOW(), REPT("LLLL", 200000))'))).toBeDefined();
  });

  it('lets text up to the cap through', SAFETY, () => {
    expect(run('LEN(REPT("ab", 500000))')).toBe(1_000_000);
  });

  it('caps lists', SAFETY, () => {
    const values = Array.from({ length: 100_001 }, (_v, i) => i);
    expect(limitOf(() => run('COUNTALL({Values})', { Values: values }))).toBe('arrayLength');
    expect(limitOf(() => run('ARRAYFLATTEN({Values})', { Values: [values.slice(0, 60_000), values.slice(0, 60_000)] }))).toBe('arrayLength');
  });

  it('stops a record after its step budget, which is configurable', SAFETY, () => {
    const sum = Array.from({ length: 12 }, () => 'LEN(REPT("x", 999999))').join(' + ');
    expect(limitOf(() => run(sum))).toBe('steps');
    const small = compile(Array.from({ length: 30 }, (_v, i) => `LEN("${i}")`).join(' + '), { limits: { maxSteps: 50 } });
    expect(limitOf(() => small.evaluate(record()))).toBe('steps');
    expect(compile('1 + 1', { limits: { maxSteps: 50 } }).evaluate(record())).toBe(2);
  });

  it('gives each record a fresh budget', SAFETY, () => {
    const formula = compile('LEN(REPT("x", 900000))');
    for (let i = 0; i < 20; i++) expect(formula.evaluate(record())).toBe(900_000);
  });

  it('throws the limit from matches() too, so a filter can report it', SAFETY, () => {
    expect(limitOf(() => compile('LEN(REPT(REPT("xx",10000),10000))').matches(record()))).toBe('textLength');
  });

  it('refuses a formula longer than the cap before parsing it', SAFETY, () => {
    const long = `"${'x'.repeat(100_000)}"`;
    expect(limitOf(() => compile(long))).toBe('formulaLength');
    expect(limitOf(() => compile('1 + 1', { limits: { maxFormulaLength: 3 } }))).toBe('formulaLength');
  });

  it('turns deep nesting into a FormulaSyntaxError instead of a stack overflow', SAFETY, () => {
    expect(() => compile('('.repeat(100_000))).toThrow(FormulaSyntaxError);
    expect(() => compile('('.repeat(100_000))).toThrow(/nested more than 200 levels/);
    expect(() => compile(`${'('.repeat(5_000)}1${')'.repeat(5_000)}`)).toThrow(FormulaSyntaxError);
    expect(() => compile(`${'-'.repeat(50_000)}1`)).toThrow(FormulaSyntaxError);
    expect(() => compile(`${'NOT('.repeat(10_000)}1${')'.repeat(10_000)}`)).toThrow(FormulaSyntaxError);
  });

  it('accepts nesting within the cap', SAFETY, () => {
    expect(run(`${'('.repeat(150)}1${')'.repeat(150)}`)).toBe(1);
    expect(run(`${'IF(1, '.repeat(150)}"deep"${')'.repeat(150)}`)).toBe('deep');
  });

  it('evaluates a long operator chain without deep recursion', SAFETY, () => {
    const terms = 30_000;
    expect(run(Array.from({ length: terms }, () => '1').join('+'))).toBe(terms);
    expect(run(`LEN(${Array.from({ length: 15_000 }, () => '"ab"').join('&')})`)).toBe(30_000);
  });

  it('refuses an over-long regular expression but answers RE2 patterns on long text', SAFETY, () => {
    expect(limitOf(() => run('REGEX_MATCH("a", REPT("a", 20000))'))).toBe('patternLength');
    expect(run('REGEX_MATCH({Name}, "^(a+)+$")', { Name: `${'a'.repeat(10_000)}b` })).toBe(false);
  });

  it('answers WORKDAY for huge day counts without walking the days', SAFETY, () => {
    expect(run('ISERROR(WORKDAY("2020-01-01", 1e12))')).toBe(true);
    expect(run('DATESTR(WORKDAY("2020-01-01", 50000000))')).toBe('193673-06-28');
  });

  it('keeps parsing dates from huge text cheap', SAFETY, () => {
    expect(run('ISERROR(DATETIME_PARSE(REPT("1", 999999)))')).toBe(true);
    expect(limitOf(() => run('WORKDAY("2020-01-01", 1, REPT("2020-01-02,", 90000))'))).toBe('steps');
  });
});
