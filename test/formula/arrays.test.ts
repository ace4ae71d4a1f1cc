import { describe, expect, it } from 'vitest';
import { ERROR, examples, run } from './harness';

// Array functions on rollup `values` and lookup fields (AT: "Using array functions in Airtable").
// {Values} is a lookup field in these tables.

examples('ARRAYCOMPACT', [
  ['ARRAYCOMPACT({Values})', [1, 2, false, 5], 'AT'],
], { Values: [1, 2, false, null, 5] });

examples('ARRAYCOMPACT', [
  ['ARRAYCOMPACT({Values})', ['a', ' ', 0], 'AT'],
  ['ARRAYCOMPACT({Name})', [], 'derived'],
  ['ARRAYCOMPACT("x")', ['x'], 'derived'],
], { Values: ['a', '', ' ', null, 0] });

// Airtable's example drops the "" too ([1, 2, 3, false]); the description only removes nesting,
// and this evaluator keeps the "" (see functions/arrays.ts).
examples('ARRAYFLATTEN', [
  ['ARRAYFLATTEN({Values})', [1, 2, '', 3, false], 'AT'],
  ['ARRAYFLATTEN("x")', ['x'], 'derived'],
], { Values: [[1, 2, '', 3], [false]] });

examples('ARRAYJOIN', [
  ['ARRAYJOIN({Values}, "; ")', '1; 2; 3', 'AT'],
  ['ARRAYJOIN({Values})', '1, 2, 3', 'derived'],
  ['ARRAYJOIN({Values}, "")', '123', 'derived'],
  ['ARRAYJOIN({Name}, "-")', '', 'derived'],
  ['ARRAYJOIN("solo", "-")', 'solo', 'derived'],
  ['IF(ARRAYJOIN({Values}), "has values")', 'has values', 'community'],
], { Values: [1, 2, 3] });

examples('ARRAYUNIQUE', [
  ['ARRAYUNIQUE({Values})', [1, 2, 3], 'AT'],
], { Values: [1, 2, 3, 3, 2, 1] });

examples('ARRAYUNIQUE', [
  ['ARRAYUNIQUE({Values})', ['a', 'A', 1, '1'], 'derived'],
], { Values: ['a', 'A', 'a', 1, '1', 1] });

examples('ARRAYSLICE', [
  ['ARRAYSLICE({Values}, 2, 3)', ['B', 'C'], 'AT'],
  ['ARRAYSLICE({Values}, 2)', ['B', 'C', 'D'], 'AT·universe'],
  ['ARRAYSLICE({Values}, -2)', ['C', 'D'], 'AT·universe'],
  ['ARRAYSLICE({Values}, 1, -2)', ['A', 'B', 'C'], 'AT·universe'],
  ['ARRAYSLICE({Values}, 3, 2)', [], 'derived'],
  ['ARRAYSLICE({Values}, 9)', [], 'derived'],
], { Values: ['A', 'B', 'C', 'D'] });

describe('lists in other functions', () => {
  it('prints a list as its items joined by ", " and finds text in it', () => {
    expect(run('{Tags} & ""', { Tags: ['a', 'b'] })).toBe('a, b');
    expect(run('FIND("b", {Tags})', { Tags: ['a', 'b'] })).toBe(4);
  });

  it('carries an errored item of a lookup into arithmetic but prints it inside text', () => {
    const cells = { Values: [1, { error: '#ERROR!' }] };
    expect(run('SUM({Values})', cells)).toEqual(ERROR);
    expect(run('ARRAYJOIN({Values}, "|")', cells)).toBe('1|#ERROR!');
  });
});
