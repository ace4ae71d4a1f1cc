import { formatNumber, textToNumber, toDate } from '../coerce';
import type { EvalContext } from '../context';
import { FormulaErrorValue, TaggedDate, type FormulaValue } from '../values';

/**
 * Argument coercions for functions, with the budget applied: converting an array to text checks
 * the size of the result before joining it.
 */

/** Text of a value, refusing (FormulaLimitError) before building a text over the cap. */
export function text(value: FormulaValue | undefined, ctx: EvalContext): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (value instanceof FormulaErrorValue) return value.code;
  return joinTexts(value.map((item) => text(item, ctx)), ', ', ctx);
}

/** Joins texts after checking the joined length against the cap. */
export function joinTexts(parts: readonly string[], separator: string, ctx: EvalContext): string {
  let length = parts.length > 1 ? separator.length * (parts.length - 1) : 0;
  for (const part of parts) length += part.length;
  ctx.budget.text(length);
  return parts.join(separator);
}

export function num(value: FormulaValue | undefined): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return textToNumber(value);
  if (Array.isArray(value)) return value.length === 0 ? 0 : value.length === 1 ? num(value[0]) : Number.NaN;
  return Number.NaN;
}

/** An integer argument (counts, positions, precisions): fractions are cut toward zero. */
export function int(value: FormulaValue | undefined): number {
  return Math.trunc(num(value));
}

/** Reading a date from text costs a few microseconds: charged as that many steps. */
export const DATE_TEXT_COST = 5;
/** Converting an instant to a wall time in a zone other than UTC goes through Intl: likewise. */
export const ZONE_COST = 3;

/** Date argument: a Date, or text/number read as one in the evaluation zone; null when neither. */
export function date(value: FormulaValue | undefined, ctx: EvalContext): Date | null {
  if (typeof value === 'string') ctx.budget.step(DATE_TEXT_COST);
  return toDate(value ?? null, ctx.zone);
}

/** The zone a date's calendar parts are read in: its SET_TIMEZONE zone, else the evaluation zone. */
export function zoneOf(value: Date, ctx: EvalContext): string {
  const zone = value instanceof TaggedDate && value.timeZone !== undefined ? value.timeZone : ctx.zone;
  if (zone !== 'UTC') ctx.budget.step(ZONE_COST);
  return zone;
}

export function localeOf(value: Date): string | undefined {
  return value instanceof TaggedDate ? value.locale : undefined;
}

/** A new instant that keeps the zone and locale tags of `like` (DATEADD keeps SET_TIMEZONE). */
export function sameTags(like: Date, ms: number): Date {
  return like instanceof TaggedDate ? new TaggedDate(ms, like.timeZone, like.locale) : new Date(ms);
}

/** All items of the arguments, arrays flattened; the list is capped as it grows and charged once. */
export function flatten(values: readonly FormulaValue[], ctx: EvalContext): FormulaValue[] {
  const out: FormulaValue[] = [];
  const walk = (items: readonly FormulaValue[]) => {
    for (const item of items) {
      if (Array.isArray(item)) walk(item);
      else if (out.push(item) > ctx.budget.limits.maxArrayLength) ctx.budget.listCap(out.length);
    }
  };
  walk(values);
  ctx.budget.list(out.length);
  return out;
}

/** A value as a list: arrays as they are, blank as empty, anything else as a list of one. */
export function asList(value: FormulaValue | undefined): FormulaValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
