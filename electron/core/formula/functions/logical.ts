import { formulaEquals, isTruthy } from '../coerce';
import type { EvalContext } from '../context';
import { errorValue, findError, isError, type FormulaValue } from '../values';
import { flatten } from './args';
import { MANY, type FunctionTable } from './spec';

/**
 * The truth values of the arguments: a list (a lookup or multiple select) gives one per item, and
 * an empty list counts as one blank, so AND({Empty lookup}) is false rather than vacuously true.
 */
function truths(args: readonly FormulaValue[], ctx: EvalContext): boolean[] {
  return flatten(
    args.map((arg) => (Array.isArray(arg) && arg.length === 0 ? null : arg)),
    ctx,
  ).map(isTruthy);
}

/** Logical functions. Booleans are Airtable's 1 and 0: TRUE() = 1, FALSE() = 0 in arithmetic. */
export const LOGICAL: FunctionTable = {
  AND: { min: 1, max: MANY, impl: (args, ctx) => truths(args, ctx).every(Boolean) },
  OR: { min: 1, max: MANY, impl: (args, ctx) => truths(args, ctx).some(Boolean) },
  XOR: { min: 1, max: MANY, impl: (args, ctx) => truths(args, ctx).filter(Boolean).length % 2 === 1 },
  NOT: { min: 1, max: 1, impl: (args) => !isTruthy(args[0] ?? null) },
  /**
   * Only the branch taken is evaluated, so `IF({Count}, {Total} / {Count})` is safe. An error in
   * the condition is the result (Airtable does not treat it as false). Without a third argument
   * the "else" value is blank.
   */
  IF: {
    min: 2,
    max: 3,
    args: 'lazy',
    impl: ([condition, then, otherwise]) => {
      const test = condition?.() ?? null;
      if (isError(test)) return test;
      const branch = isTruthy(test) ? then : otherwise;
      return branch ? branch() : null;
    },
  },
  /** SWITCH(expression, pattern, result, …, [default]): the first equal pattern wins (blank equals "" and 0, as with =). */
  SWITCH: {
    min: 2,
    max: MANY,
    args: 'lazy',
    impl: (args, ctx) => {
      const at = (i: number) => args[i]?.() ?? null;
      const subject = at(0);
      if (isError(subject)) return subject;
      let i = 1;
      for (; i + 1 < args.length; i += 2) {
        const pattern = at(i);
        if (isError(pattern)) return pattern;
        if (formulaEquals(subject, pattern, ctx.zone)) return at(i + 1);
      }
      return i < args.length ? at(i) : null;
    },
  },
  BLANK: { min: 0, max: 0, impl: () => null },
  TRUE: { min: 0, max: 0, impl: () => true },
  FALSE: { min: 0, max: 0, impl: () => false },
  /** Airtable's ERROR() takes no argument; ERROR("message") belongs to clones (teable, APITable). */
  ERROR: { min: 0, max: 0, impl: () => errorValue() },
  /** True for #ERROR!, NaN and Infinity ("any type of error"), including errors inside a lookup list. */
  ISERROR: { min: 1, max: 1, seesErrors: true, impl: (args) => findError(args[0] ?? null) !== undefined },
};
