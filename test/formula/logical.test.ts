import { describe, expect, it } from 'vitest';
import { ERROR, examples, keeps, run } from './harness';

// Logical functions and truthiness. Booleans are 1/0 in arithmetic and text (AT·universe).

examples('IF', [
  ['IF({Amount} * {Total} > 100, "This is over 100", "This is less than 100")', 'This is over 100', 'AT'],
  ['IF(1, "y", "n")', 'y', 'derived'],
  ['IF(0, "y")', null, 'community'],
  ['IF({Name}, "filled", "empty")', 'empty', 'AT·copy'],
  ['IF("0", "y", "n")', 'y', 'AT·api'],
  ['IF(1, "safe", 1/0)', 'safe', 'derived'],
], { Amount: 20, Total: 6 });

examples('SWITCH', [
  ['SWITCH("B", "A", "Value A", "B", "Value B", "Default Value")', 'Value B', 'teable'],
  ['SWITCH("Z", "A", "Value A", "B", "Value B", "Default Value")', 'Default Value', 'AT·universe'],
  ['SWITCH("Z", "A", "Value A")', null, 'AT·universe'],
  ['SWITCH(2, 1, "one", 2, "two", "many")', 'two', 'derived'],
  ['SWITCH({Name}, BLANK(), "empty", "other")', 'empty', 'derived'],
  ['SWITCH(1, 1, "one", 1/0)', 'one', 'derived'],
]);

examples('AND', [
  ['AND(1 < 2, 5 > 3)', true, 'teable'],
  ['AND(1, "x", TRUE())', true, 'derived'],
  ['AND(1, 0)', false, 'derived'],
  ['AND({Tags})', true, 'derived'],
  ['AND({Values})', false, 'derived'],
  ['OR({Values}, 0)', false, 'derived'],
], { Tags: ['a', 'b'], Values: [] });

examples('OR', [
  ['OR(1 > 2, 5 < 3)', false, 'teable'],
  ['OR(0, "", FALSE())', false, 'AT·api'],
  ['OR(0, "x")', true, 'derived'],
]);

examples('XOR', [
  ['XOR(1 < 2, 5 < 3, 8 < 10)', false, 'teable'],
  ['XOR(1 > 2, 5 < 3, 8 < 10)', true, 'teable'],
  ['XOR(1, 1, 1)', true, 'AT·universe'],
]);

examples('NOT', [
  ['NOT(1 < 2)', false, 'teable'],
  ['NOT(0)', true, 'derived'],
  ['NOT({Done})', true, 'derived'],
  ['NOT({Tags})', true, 'derived'],
]);

examples('TRUE', [
  ['TRUE()', true, 'AT·universe'],
  ['TRUE() * 5', 5, 'AT·universe'],
  ['TRUE', true, 'derived'],
]);

examples('FALSE', [
  ['FALSE()', false, 'AT·universe'],
  ['FALSE() + 1', 1, 'AT·universe'],
  ['false', false, 'derived'],
]);

examples('BLANK', [
  ['BLANK()', null, 'AT·universe'],
  ['IF(BLANK() = 0, "Same", "Different")', 'Same', 'community'],
  ['IF(BLANK() = "", "Same", "Different")', 'Same', 'community'],
  ['IF(2 > 3, "Yes", BLANK())', null, 'teable'],
]);

examples('ERROR', [
  ['ERROR()', ERROR, 'AT'],
  ['IF(0, 1, ERROR())', ERROR, 'AT'],
]);

examples('ISERROR', [
  ['ISERROR({Amount} / 0)', true, 'AT'],
  ['ISERROR(2/0)', true, 'AT·claimed'],
  ['ISERROR(ERROR())', true, 'AT'],
  ['ISERROR(1 + 1)', false, 'derived'],
  ['ISERROR(VALUE("abc"))', true, 'AT'],
  ['ISERROR({Computed})', true, 'AT·api'],
], { Amount: 5, Computed: { error: '#ERROR!' } });

describe('comparison operators', () => {
  it.each([
    ['3 > 2', true],
    ['"abc" = "abc"', true],
    ['"abc" = "ABC"', false],
    ['2 != 3', true],
    ['2 <> 2', false],
    ['2 <= 2', true],
    ['"10" = 10', true],
    ['"b" > "a"', true],
  ])('%s → %j', (formula, expected) => {
    expect(run(formula)).toBe(expected);
  });

  it('treats a blank as equal to "" and 0, and an unchecked checkbox as false (community: {Number} = BLANK() matches 0)', () => {
    expect(run('{Name} = ""')).toBe(true);
    expect(run('{Amount} = BLANK()', { Amount: 0 })).toBe(true);
    expect(run('{Amount} = BLANK()', { Amount: 3 })).toBe(false);
    expect(run('{Done}', { Done: true })).toBe(true);
    expect(run('{Done} = 0')).toBe(true);
  });
});

describe('filterByFormula truthiness (AT·api: dropped when 0, false, "", NaN, [], or #Error!)', () => {
  it.each(['0', 'FALSE()', '""', 'BLANK()', '1/0', 'VALUE("abc")', 'ERROR()', '{Tags}', '{Amount}'])('drops a record for %s', (formula) => {
    expect(keeps(formula)).toBe(false);
  });

  it.each(['1', '-1', '"x"', '"0"', '" "', 'TRUE()', '{Tags}', 'NOW()'])('keeps a record for %s', (formula) => {
    expect(keeps(formula, { Tags: ['a'] })).toBe(true);
  });
});
