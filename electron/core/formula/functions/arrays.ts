import type { EvalContext } from '../context';
import { FormulaErrorValue, type FormulaValue } from '../values';
import { asList, flatten, int, joinTexts, text } from './args';
import type { FunctionTable } from './spec';

/**
 * Array functions, for rollups (`values`) and lookup fields. A single value counts as a list of
 * one and a blank as an empty list. Lists are capped and charged like text.
 */

/** Identity for ARRAYUNIQUE: same type and value (1 and "1" differ; dates by instant). */
function identity(value: FormulaValue, ctx: EvalContext): string {
  if (value === null) return 'null';
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (value instanceof FormulaErrorValue) return `error:${value.code}`;
  if (Array.isArray(value)) return `list:${text(value, ctx)}`;
  return `${typeof value}:${String(value)}`;
}

/** ARRAYSLICE positions: 1-based from the start, negative from the end (-1 is the last item). */
function index(position: number, length: number): number {
  return position > 0 ? position - 1 : position < 0 ? length + position : 0;
}

export const ARRAYS: FunctionTable = {
  /**
   * ARRAYJOIN(values, [separator]): items as text joined by the separator; blank items are left
   * out. The default separator is ", ", the same text Airtable shows for a list in a formula.
   */
  ARRAYJOIN: {
    min: 1,
    max: 2,
    impl: (args, ctx) => {
      const items = flatten(asList(args[0]), ctx).filter((v) => v !== null);
      const separator = args[1] === undefined ? ', ' : text(args[1], ctx);
      return joinTexts(items.map((item) => text(item, ctx)), separator, ctx);
    },
  },
  /** ARRAYCOMPACT(values): drops blanks and empty text; keeps false and text of spaces. */
  ARRAYCOMPACT: {
    min: 1,
    max: 1,
    impl: (args, ctx) => {
      const items = asList(args[0]);
      ctx.budget.list(items.length);
      return items.filter((v) => v !== null && v !== '');
    },
  },
  /**
   * ARRAYFLATTEN(values): one flat list. Airtable's own example shows an empty string vanishing
   * ([[1, 2, "", 3], [false]] → [1, 2, 3, false]); its description only speaks of removing
   * nesting, which is what this does (keeping ""), since dropping data silently is the riskier reading.
   */
  ARRAYFLATTEN: { min: 1, max: 1, impl: (args, ctx) => flatten(asList(args[0]), ctx) },
  /** ARRAYUNIQUE(values): first occurrence of each distinct item, in order. */
  ARRAYUNIQUE: {
    min: 1,
    max: 1,
    impl: (args, ctx) => {
      const items = asList(args[0]);
      ctx.budget.list(items.length);
      const seen = new Set<string>();
      return items.filter((item) => {
        const key = identity(item, ctx);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  },
  /**
   * ARRAYSLICE(values, start, [end]): from start to end, both 1-based and included
   * (ARRAYSLICE(["A","B","C","D"], 2, 3) = ["B","C"]); negative positions count from the end.
   */
  ARRAYSLICE: {
    min: 2,
    max: 3,
    impl: (args) => {
      const items = asList(args[0]);
      const from = Math.max(0, index(int(args[1]), items.length));
      const to = args[2] === undefined ? items.length - 1 : index(int(args[2]), items.length);
      return Number.isFinite(from) && Number.isFinite(to) ? items.slice(from, to + 1) : [];
    },
  },
};
