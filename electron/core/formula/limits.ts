import { FormulaLimitError } from './errors';

/** The bounds that keep one formula from stalling or exhausting the process (security checks 44/45). */
export interface FormulaLimits {
  /** Characters in the formula source. */
  maxFormulaLength: number;
  /** Nesting of parentheses, function calls and unary operators. Deeper formulas are syntax errors. */
  maxDepth: number;
  /** Work units per evaluation (one record): each node visit and call, plus bulk work (see Budget). */
  maxSteps: number;
  /** Characters in any text a formula builds, checked before the text is built. */
  maxTextLength: number;
  /** Items in any list a formula builds or walks. */
  maxArrayLength: number;
  /** Characters in a regular expression pattern (RE2 compiles it to a program of that order). */
  maxPatternLength: number;
}

export const DEFAULT_LIMITS: Readonly<FormulaLimits> = Object.freeze({
  maxFormulaLength: 100_000,
  maxDepth: 200,
  maxSteps: 100_000,
  maxTextLength: 1_000_000,
  maxArrayLength: 100_000,
  maxPatternLength: 10_000,
});

/** Bulk work is charged in steps too, so a loop of cheap-looking calls cannot copy gigabytes. */
const CHARS_PER_STEP = 100;
const ITEMS_PER_STEP = 10;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The per-evaluation allowance. Sizes are checked before anything is allocated: a function asks
 * `text(n)` with the length it is about to build, and the budget refuses before the string exists.
 */
export class Budget {
  private used = 0;
  constructor(readonly limits: Readonly<FormulaLimits>) {}

  step(units = 1): void {
    this.used += units;
    if (this.used > this.limits.maxSteps) {
      throw new FormulaLimitError('steps', this.limits.maxSteps, `The formula needs more than ${count(this.limits.maxSteps)} steps for one record.`);
    }
  }

  /** About to build text of `length` characters: refuse it over the cap, else charge for the copying. */
  text(length: number): void {
    this.textCap(length);
    this.step(Math.ceil(length / CHARS_PER_STEP));
  }

  /** Only the size check, for text built piece by piece (charged once at the end). */
  textCap(length: number): void {
    if (length > this.limits.maxTextLength) {
      throw new FormulaLimitError('textLength', this.limits.maxTextLength, `The formula builds a text longer than ${count(this.limits.maxTextLength)} characters.`);
    }
  }

  /** About to read through `length` characters without building anything (searching, matching). */
  scan(length: number): void {
    this.step(Math.ceil(length / CHARS_PER_STEP));
  }

  /** About to build or walk a list of `length` items. */
  list(length: number): void {
    this.listCap(length);
    this.step(Math.ceil(length / ITEMS_PER_STEP));
  }

  /** Only the size check, for lists built item by item. */
  listCap(length: number): void {
    if (length > this.limits.maxArrayLength) {
      throw new FormulaLimitError('arrayLength', this.limits.maxArrayLength, `The formula builds a list longer than ${count(this.limits.maxArrayLength)} items.`);
    }
  }

  pattern(length: number): void {
    if (length > this.limits.maxPatternLength) {
      throw new FormulaLimitError('patternLength', this.limits.maxPatternLength, `A regular expression in the formula is longer than ${count(this.limits.maxPatternLength)} characters.`);
    }
    // Compiling is roughly linear in the pattern.
    this.step(length);
  }
}

export function resolveLimits(overrides: Partial<FormulaLimits> | undefined): Readonly<FormulaLimits> {
  return overrides ? Object.freeze({ ...DEFAULT_LIMITS, ...overrides }) : DEFAULT_LIMITS;
}
