import type { EvalContext } from '../context';
import type { FormulaValue } from '../values';

/** A function's argument, evaluated on demand (IF and SWITCH evaluate only the branch they take). */
export type Thunk = () => FormulaValue;

interface Arity {
  min: number;
  max: number;
}

/**
 * How a function takes its arguments:
 * - `values` (the default): all evaluated first; an error in any argument is the result, unless
 *   the function `seesErrors` (ISERROR) and handles them itself.
 * - `lazy`: thunks, for IF and SWITCH.
 * - `fields`: the referenced field ids, for LAST_MODIFIED_TIME({Field}, …); the parser insists
 *   every argument is a field reference.
 */
export type FunctionSpec =
  | (Arity & { args?: 'values'; seesErrors?: boolean; impl: (args: FormulaValue[], ctx: EvalContext) => FormulaValue })
  | (Arity & { args: 'lazy'; impl: (args: Thunk[], ctx: EvalContext) => FormulaValue })
  | (Arity & { args: 'fields'; impl: (fieldIds: string[], ctx: EvalContext) => FormulaValue });

export type FunctionTable = Readonly<Record<string, FunctionSpec>>;

/** Any number of arguments. */
export const MANY = Number.POSITIVE_INFINITY;
