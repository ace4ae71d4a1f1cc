import type { EvalContext } from '../context';
import { errorValue, type FormulaValue } from '../values';
import { int, joinTexts, text } from './args';
import { MANY, type FunctionTable } from './spec';

/**
 * Text functions. Positions are 1-based and count UTF-16 code units, as JavaScript (and so
 * Airtable) does, which keeps LEN, FIND, MID and REPLACE consistent with one another.
 * Every function that builds text asks the budget for the result's length first.
 */

function position(value: FormulaValue | undefined): number {
  return value === undefined ? 0 : Math.max(0, int(value) - 1);
}

/**
 * Where the non-overlapping occurrences of `needle` are: their count, and the start of the
 * `nth` (1-based) when asked. Nothing is built, whatever the count.
 */
function occurrences(haystack: string, needle: string, ctx: EvalContext, nth?: number): { count: number; at: number } {
  ctx.budget.scan(haystack.length);
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    count++;
    if (count === nth) return { count, at };
  }
  return { count, at: -1 };
}

/** UPPER/LOWER can lengthen text ("ß" → "SS"); the result is checked after the fact, as it is at most 3× the input. */
function recase(value: string, upper: boolean, ctx: EvalContext): string {
  const result = upper ? value.toUpperCase() : value.toLowerCase();
  ctx.budget.text(result.length);
  return result;
}

/** ASCII characters encodeURIComponent leaves as they are. */
const UNRESERVED = new Set([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"].map((c) => c.charCodeAt(0)));

/** encodeURIComponent's output length, computed first so a huge input is refused before encoding. */
function encodedLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) length += UNRESERVED.has(code) ? 1 : 3;
    else if (code < 0x800) length += 6;
    else if (code >= 0xd800 && code <= 0xdbff) {
      length += 12;
      i++;
    } else length += 9;
  }
  return length;
}

export const TEXT: FunctionTable = {
  CONCATENATE: { min: 1, max: MANY, impl: (args, ctx) => joinTexts(args.map((a) => text(a, ctx)), '', ctx) },
  /** FIND: 1-based position, 0 when absent. startFromPosition counts from 1 (0, the default, means the start). */
  FIND: {
    min: 2,
    max: 3,
    impl: (args, ctx) => {
      const haystack = text(args[1], ctx);
      ctx.budget.scan(haystack.length);
      return haystack.indexOf(text(args[0], ctx), position(args[2])) + 1;
    },
  },
  /**
   * SEARCH: like FIND but blank when absent. Airtable documents that as the only difference, so
   * SEARCH is case-sensitive too (Excel's SEARCH ignores case; Airtable's description does not say so).
   */
  SEARCH: {
    min: 2,
    max: 3,
    impl: (args, ctx) => {
      const haystack = text(args[1], ctx);
      ctx.budget.scan(haystack.length);
      const index = haystack.indexOf(text(args[0], ctx), position(args[2]));
      return index < 0 ? null : index + 1;
    },
  },
  LEFT: { min: 2, max: 2, impl: (args, ctx) => text(args[0], ctx).slice(0, Math.max(0, int(args[1]))) },
  RIGHT: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const value = text(args[0], ctx);
      const count = Math.max(0, int(args[1]));
      return count === 0 ? '' : value.slice(Math.max(0, value.length - count));
    },
  },
  /** MID(string, whereToStart, count): whereToStart is 1-based; before 1 it starts at the beginning. */
  MID: {
    min: 3,
    max: 3,
    impl: (args, ctx) => {
      const start = position(args[1]);
      return text(args[0], ctx).slice(start, start + Math.max(0, int(args[2])));
    },
  },
  LEN: { min: 1, max: 1, impl: (args, ctx) => text(args[0], ctx).length },
  LOWER: { min: 1, max: 1, impl: (args, ctx) => recase(text(args[0], ctx), false, ctx) },
  UPPER: { min: 1, max: 1, impl: (args, ctx) => recase(text(args[0], ctx), true, ctx) },
  /** Removes whitespace at both ends only (Airtable's description; Excel also squeezes inner spaces). */
  TRIM: { min: 1, max: 1, impl: (args, ctx) => text(args[0], ctx).trim() },
  /** REPT(string, number): the size is checked before repeating, so REPT(REPT("xx",10000),10000) is refused at once. */
  REPT: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const value = text(args[0], ctx);
      const times = int(args[1]);
      if (!Number.isFinite(times)) return errorValue();
      if (times <= 0 || value === '') return '';
      ctx.budget.text(value.length * times);
      return value.repeat(times);
    },
  },
  /** REPLACE(string, start_character, number_of_characters, replacement): positional, 1-based. */
  REPLACE: {
    min: 4,
    max: 4,
    impl: (args, ctx) => {
      const value = text(args[0], ctx);
      const start = position(args[1]);
      const count = Math.max(0, int(args[2]));
      const replacement = text(args[3], ctx);
      const head = value.slice(0, start);
      const tail = value.slice(start + count);
      ctx.budget.text(head.length + replacement.length + tail.length);
      return head + replacement + tail;
    },
  },
  /** SUBSTITUTE(string, old_text, new_text, [index]): all occurrences, or only the index-th (from 1). */
  SUBSTITUTE: {
    min: 3,
    max: 4,
    impl: (args, ctx) => {
      const value = text(args[0], ctx);
      const from = text(args[1], ctx);
      const to = text(args[2], ctx);
      if (from === '') return value;
      if (args[3] !== undefined) {
        const { at } = occurrences(value, from, ctx, int(args[3]));
        if (at < 0) return value;
        ctx.budget.text(value.length - from.length + to.length);
        return value.slice(0, at) + to + value.slice(at + from.length);
      }
      const { count } = occurrences(value, from, ctx);
      ctx.budget.text(value.length + count * (to.length - from.length));
      // A replacer function keeps `$&` and friends in new_text literal.
      return value.replaceAll(from, () => to);
    },
  },
  /** T(value): the value when it is text, blank otherwise. */
  T: { min: 1, max: 1, impl: (args) => (typeof args[0] === 'string' ? args[0] : null) },
  /** Percent-encodes all but A–Z a–z 0–9 - _ . ! ~ * ' ( ) (JavaScript's encodeURIComponent). */
  ENCODE_URL_COMPONENT: {
    min: 1,
    max: 1,
    impl: (args, ctx) => {
      const value = text(args[0], ctx);
      ctx.budget.text(encodedLength(value));
      try {
        return encodeURIComponent(value);
      } catch {
        // A lone surrogate cannot be encoded.
        return errorValue();
      }
    },
  },
};
