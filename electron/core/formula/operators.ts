import type { BinaryOperator } from './ast';
import { formulaCompare, formulaEquals, toNumber } from './coerce';
import type { EvalContext } from './context';
import { text } from './functions/args';
import { isError, numberResult, type FormulaValue } from './values';

const COMPARISONS: ReadonlySet<BinaryOperator> = new Set(['=', '!=', '<', '>', '<=', '>=']);

/**
 * The binary operators. An error on either side is the result (it propagates through
 * arithmetic, `&` and comparisons alike). `&` checks the joined length before joining.
 */
export function applyOperator(operator: BinaryOperator, rawLeft: FormulaValue, rawRight: FormulaValue, ctx: EvalContext): FormulaValue {
  if (isError(rawLeft)) return rawLeft;
  if (isError(rawRight)) return rawRight;
  // A list compares as its text; converting it here keeps that text within the size cap.
  const comparison = COMPARISONS.has(operator);
  const left = comparison && Array.isArray(rawLeft) ? text(rawLeft, ctx) : rawLeft;
  const right = comparison && Array.isArray(rawRight) ? text(rawRight, ctx) : rawRight;
  switch (operator) {
    case '=':
      return formulaEquals(left, right, ctx.zone);
    case '!=':
      return !formulaEquals(left, right, ctx.zone);
    case '<':
      return formulaCompare(left, right, ctx.zone) < 0;
    case '>':
      return formulaCompare(left, right, ctx.zone) > 0;
    case '<=':
      return formulaCompare(left, right, ctx.zone) <= 0;
    case '>=':
      return formulaCompare(left, right, ctx.zone) >= 0;
    case '&': {
      const a = text(left, ctx);
      const b = text(right, ctx);
      // V8 joins strings without copying (ropes), so only the size is checked, not charged:
      // a long `a & b & c & …` chain costs its nodes, not the square of its length.
      ctx.budget.textCap(a.length + b.length);
      return a + b;
    }
    case '+':
      return numberResult(toNumber(left) + toNumber(right));
    case '-':
      return numberResult(toNumber(left) - toNumber(right));
    case '*':
      return numberResult(toNumber(left) * toNumber(right));
    case '/':
      // x/0 is Infinity (or NaN for 0/0): error values, as Airtable shows "Infinity" and ISERROR catches it.
      return numberResult(toNumber(left) / toNumber(right));
  }
}
