import type { EvalContext } from '../context';
import { errorValue, FormulaErrorValue, numberResult, type FormulaValue } from '../values';
import { flatten, int, num } from './args';
import { MANY, type FunctionTable } from './spec';

/**
 * Numeric functions. Results that are NaN or infinite become error values (numberResult), as
 * Airtable shows them. Rounding works on the decimal text of the number (1.005 rounds to 1.01,
 * not 1.00 as binary floating point would give).
 */

/** x × 10^places, done on the decimal exponent so no binary rounding error creeps in. */
function shift(x: number, places: number): number {
  const [mantissa, exponent = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** Rounds at `precision` decimals with `how`; precision far beyond a double's range leaves x as is. */
function roundAt(x: number, precision: number, how: (n: number) => number): number {
  if (!Number.isFinite(x) || !Number.isFinite(precision)) return x;
  const scaled = shift(x, precision);
  if (!Number.isFinite(scaled)) return x;
  return shift(how(scaled), -precision);
}

/** Strips floating-point noise such as 1.1000000000000001 (15 significant digits, as Airtable prints). */
function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(15)) : x;
}

/** A quotient that is an integer up to floating-point noise (0.3 / 0.1 = 2.9999999999999996). */
function nearInteger(q: number): number | undefined {
  const r = Math.round(q);
  return Math.abs(q - r) <= 1e-9 * Math.max(1, Math.abs(q)) ? r : undefined;
}

/** CEILING/FLOOR: the nearest multiple of |significance| at or above (below) the value; 0 when significance is 0. */
function toMultiple(value: number, significance: number, up: boolean): number {
  const step = Math.abs(significance);
  if (step === 0) return 0;
  const q = value / step;
  const k = nearInteger(q) ?? (up ? Math.ceil(q) : Math.floor(q));
  return clean(k * step);
}

interface Numbers {
  values: number[];
  /** Every non-blank item was a date (MAX/MIN then answer with a date, as a rollup of dates does). */
  allDates: boolean;
}

/**
 * The numbers among the arguments (arrays flattened): numbers, booleans as 1/0, dates as their
 * instant, numeric text; other text and blanks are skipped. An error item is the answer.
 */
function numbers(args: readonly FormulaValue[], ctx: EvalContext): Numbers | FormulaErrorValue {
  const values: number[] = [];
  let allDates = true;
  for (const item of flatten(args, ctx)) {
    if (item instanceof FormulaErrorValue) return item;
    if (item === null || item === '') continue;
    if (!(item instanceof Date)) allDates = false;
    if (typeof item === 'number' || typeof item === 'boolean' || item instanceof Date) values.push(num(item));
    else {
      const n = num(item);
      if (Number.isFinite(n)) values.push(n);
    }
  }
  return { values, allDates: allDates && values.length > 0 };
}

function extreme(args: readonly FormulaValue[], ctx: EvalContext, pick: (a: number, b: number) => number): FormulaValue {
  const found = numbers(args, ctx);
  if (found instanceof FormulaErrorValue) return found;
  if (found.values.length === 0) return 0;
  const result = found.values.reduce((a, b) => pick(a, b));
  return found.allDates ? new Date(result) : result;
}

function aggregate(args: readonly FormulaValue[], ctx: EvalContext, reduce: (values: number[]) => number): FormulaValue {
  const found = numbers(args, ctx);
  return found instanceof FormulaErrorValue ? found : numberResult(reduce(found.values));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export const NUMERIC: FunctionTable = {
  ABS: { min: 1, max: 1, impl: (args) => numberResult(Math.abs(num(args[0]))) },
  SUM: { min: 1, max: MANY, impl: (args, ctx) => aggregate(args, ctx, sum) },
  /** AVERAGE of no numbers is 0/0, NaN. */
  AVERAGE: { min: 1, max: MANY, impl: (args, ctx) => aggregate(args, ctx, (v) => sum(v) / v.length) },
  MAX: { min: 1, max: MANY, impl: (args, ctx) => extreme(args, ctx, Math.max) },
  MIN: { min: 1, max: MANY, impl: (args, ctx) => extreme(args, ctx, Math.min) },
  /** COUNT: numbers only (not numeric text, not booleans). */
  COUNT: { min: 1, max: MANY, impl: (args, ctx) => flatten(args, ctx).filter((v) => typeof v === 'number').length },
  /** COUNTA: everything but blanks and empty text. */
  COUNTA: { min: 1, max: MANY, impl: (args, ctx) => flatten(args, ctx).filter((v) => v !== null && v !== '').length },
  /** COUNTALL: every item, blanks included (an empty list contributes nothing). */
  COUNTALL: { min: 1, max: MANY, impl: (args, ctx) => flatten(args.map((a) => (a === undefined ? null : a)), ctx).length },
  /** ROUND: half up toward +∞ (ROUND(-2.5, 0) = -2), negative precision rounds to tens, hundreds… */
  ROUND: { min: 1, max: 2, impl: (args) => numberResult(roundAt(num(args[0]), int(args[1]), Math.round)) },
  /** ROUNDUP: away from zero. Airtable requires the precision. */
  ROUNDUP: { min: 2, max: 2, impl: (args) => { const x = num(args[0]); return numberResult(Math.sign(x) * roundAt(Math.abs(x), int(args[1]), Math.ceil)); } },
  /** ROUNDDOWN: toward zero (unlike INT, which goes down: INT(-1.5) = -2, ROUNDDOWN(-1.5, 0) = -1). */
  ROUNDDOWN: { min: 2, max: 2, impl: (args) => { const x = num(args[0]); return numberResult(Math.sign(x) * roundAt(Math.abs(x), int(args[1]), Math.floor)); } },
  CEILING: { min: 1, max: 2, impl: (args) => numberResult(toMultiple(num(args[0]), args[1] === undefined ? 1 : num(args[1]), true)) },
  FLOOR: { min: 1, max: 2, impl: (args) => numberResult(toMultiple(num(args[0]), args[1] === undefined ? 1 : num(args[1]), false)) },
  /** EVEN/ODD round away from zero to the next even/odd integer (EVEN(-0.1) = -2, ODD(0) = 1). */
  EVEN: { min: 1, max: 1, impl: (args) => { const x = num(args[0]); return numberResult(Math.sign(x) * Math.ceil(Math.abs(x) / 2) * 2 || 0); } },
  ODD: {
    min: 1,
    max: 1,
    impl: (args) => {
      const x = num(args[0]);
      const up = Math.ceil(Math.abs(x));
      return numberResult((x < 0 ? -1 : 1) * (up % 2 === 0 ? up + 1 : up));
    },
  },
  /** INT: the greatest integer ≤ the value (floor, not truncation). */
  INT: { min: 1, max: 1, impl: (args) => numberResult(Math.floor(num(args[0]))) },
  /** MOD keeps the sign of the dividend (JavaScript's %): MOD(-7, 3) = -1. */
  MOD: { min: 2, max: 2, impl: (args) => numberResult(clean(num(args[0]) % num(args[1]))) },
  EXP: { min: 1, max: 1, impl: (args) => numberResult(Math.exp(num(args[0]))) },
  /** LOG(number, [base]): base 10 by default. */
  LOG: {
    min: 1,
    max: 2,
    impl: (args) => {
      const x = num(args[0]);
      const base = args[1] === undefined ? 10 : num(args[1]);
      const value = base === 10 ? Math.log10(x) : base === 2 ? Math.log2(x) : Math.log(x) / Math.log(base);
      return numberResult(clean(value));
    },
  },
  POWER: { min: 2, max: 2, impl: (args) => numberResult(clean(num(args[0]) ** num(args[1]))) },
  /** SQRT of a negative number is NaN (an error value). */
  SQRT: { min: 1, max: 1, impl: (args) => numberResult(Math.sqrt(num(args[0]))) },
  /**
   * VALUE(text): the number the text spells, accepting spaces, thousands separators, a leading $
   * and a trailing % (÷100); other text is NaN. Dates give their milliseconds.
   */
  VALUE: { min: 1, max: 1, impl: (args) => (args[0] === undefined ? errorValue() : numberResult(num(args[0]))) },
};
