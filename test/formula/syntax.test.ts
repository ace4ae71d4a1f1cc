import { describe, expect, it } from 'vitest';
import { FormulaLimitError, FormulaSyntaxError, formulaFunctionNames } from '../../electron/core/formula';
import { compile, run } from './harness';

// The formula language itself: field references, literals, function names and syntax errors.

describe('field references', () => {
  it('reads fields by bare name, by braces with spaces, and by id', () => {
    const cells = { Name: 'Widget', Amount: 12, 'Full Name': 'Ada Lovelace' };
    expect(run('{Name} & "/" & Amount', cells)).toBe('Widget/12');
    expect(run('{Full Name}', cells)).toBe('Ada Lovelace');
    expect(run('{fldAmount00000001} * 2', cells)).toBe(24);
  });

  it('lists the fields a formula references', () => {
    expect(compile('{Name} & Amount & {Name}').referencedFieldIds).toEqual(['fldName0000000001', 'fldAmount00000001']);
  });

  it('unescapes \\} inside a field reference (pyairtable writes names that way)', () => {
    expect(() => compile('{Na\\}me}')).toThrow('Unknown field names: Na}me');
  });
});

describe('function names', () => {
  it('ignores their case (AT: "IF and if both work")', () => {
    expect(run('if(1, "y", "n")')).toBe('y');
    expect(run('Sum(1, 2)')).toBe(3);
  });

  it('never treats a field named like a function as the function', () => {
    expect(run('{Name} & LEFT("ab", 1)', { Name: 'x' })).toBe('xa');
  });
});

describe('syntax errors', () => {
  it.each([
    ['', 'empty'],
    ['1 +', 'Unexpected end of formula'],
    ['(1', 'Expected ")"'],
    ['"open', 'Unterminated string'],
    ['{open', 'Unterminated field reference'],
    ['{}', 'Empty field reference'],
    ['{Missing} = 1', 'Unknown field names: Missing'],
    ['{Missing} & {Other}', 'Unknown field names: Missing, Other'],
    ['NOPE(1)', 'Unknown function names: NOPE'],
    ['IFERROR(1, 2)', 'Unknown function names: IFERROR'],
    ['NOT(1, 2)', 'NOT() takes 1 arguments'],
    ['ERROR("message")', 'ERROR() takes 0 arguments'],
    ['ROUNDUP(1.5)', 'ROUNDUP() takes 2 arguments'],
    ['1 # 2', 'Unexpected character "#"'],
    ['1 2', 'Unexpected "2"'],
    ['1 == 2', 'Unexpected "="'],
  ])('rejects %j with a clear message', (source, message) => {
    expect(() => compile(source)).toThrow(FormulaSyntaxError);
    expect(() => compile(source)).toThrow(message);
  });

  it('keeps syntax errors and limit errors apart', () => {
    expect(() => compile('NOPE(1)')).not.toThrow(FormulaLimitError);
    expect(new FormulaLimitError('steps', 1, 'x')).not.toBeInstanceOf(FormulaSyntaxError);
  });
});

describe('the function list', () => {
  it('exports the names of every function the evaluator knows', () => {
    expect(formulaFunctionNames()).toContain('REGEX_REPLACE');
    expect(formulaFunctionNames()).toEqual([...formulaFunctionNames()].sort());
  });
});
