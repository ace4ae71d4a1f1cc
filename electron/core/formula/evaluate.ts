import type { BinaryNode, FormulaNode } from './ast';
import { toNumber } from './coerce';
import type { EvalContext, FormulaRecord } from './context';
import { resolveZone, UTC } from './dates/zone';
import { FormulaLimitError } from './errors';
import { functionSpec } from './functions/registry';
import { Budget, type FormulaLimits } from './limits';
import { applyOperator } from './operators';
import { errorValue, isError, numberResult, type FormulaValue } from './values';

/** Evaluates a parsed formula for one record, within a fresh step budget. */
export function evaluateFormula(root: FormulaNode, record: FormulaRecord, limits: Readonly<FormulaLimits>): FormulaValue {
  const ctx: EvalContext = { record, zone: resolveZone(record.timeZone ?? UTC) ?? UTC, budget: new Budget(limits) };
  return evaluate(root, ctx);
}

function evaluate(node: FormulaNode, ctx: EvalContext): FormulaValue {
  ctx.budget.step();
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value;
    case 'field':
      return ctx.record.value(node.fieldId);
    case 'negate': {
      const value = evaluate(node.operand, ctx);
      return isError(value) ? value : numberResult(-toNumber(value));
    }
    case 'binary':
      return evaluateChain(node, ctx);
    case 'call':
      return call(node.name, node.args, ctx);
  }
}

/**
 * `a & b & c & …` parses as a left-leaning tree as deep as the chain is long; walking its left
 * spine in a loop keeps the stack flat however long the chain.
 */
function evaluateChain(node: BinaryNode, ctx: EvalContext): FormulaValue {
  const spine: BinaryNode[] = [];
  let leftmost: FormulaNode = node;
  while (leftmost.kind === 'binary') {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  let value = evaluate(leftmost, ctx);
  for (let i = spine.length - 1; i >= 0; i--) {
    const step = spine[i] as BinaryNode;
    ctx.budget.step();
    // An error on the left is the answer whatever the right side holds.
    value = isError(value) ? value : applyOperator(step.operator, value, evaluate(step.right, ctx), ctx);
  }
  return value;
}

/**
 * A function that fails unexpectedly (a platform API refusing an odd input, or a bug) gives
 * #ERROR! for that call instead of an exception out of the evaluator: callers run a formula over
 * every record, and one odd value must not stop a listing. Limit errors still go through.
 */
function call(name: string, argNodes: FormulaNode[], ctx: EvalContext): FormulaValue {
  try {
    return invoke(name, argNodes, ctx);
  } catch (error) {
    if (error instanceof FormulaLimitError) throw error;
    return errorValue();
  }
}

function invoke(name: string, argNodes: FormulaNode[], ctx: EvalContext): FormulaValue {
  const spec = functionSpec(name);
  if (!spec) return errorValue();
  switch (spec.args) {
    case 'lazy':
      return spec.impl(
        argNodes.map((arg) => () => evaluate(arg, ctx)),
        ctx,
      );
    case 'fields':
      return spec.impl(
        argNodes.map((arg) => (arg.kind === 'field' ? arg.fieldId : '')),
        ctx,
      );
    case undefined:
    case 'values': {
      const args = argNodes.map((arg) => evaluate(arg, ctx));
      if (!spec.seesErrors) {
        const error = args.find(isError);
        if (error) return error;
      }
      return spec.impl(args, ctx);
    }
  }
}
