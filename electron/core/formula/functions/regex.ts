import { RE2JS } from 're2js';
import type { EvalContext } from '../context';
import { errorValue, type FormulaValue } from '../values';
import { text } from './args';
import type { FunctionTable } from './spec';

/**
 * REGEX_MATCH / REGEX_EXTRACT / REGEX_REPLACE with RE2 semantics (re2js, pure JavaScript): linear
 * time whatever the pattern, so `^(a+)+$` on a long text cannot hang; inline flags such as (?i);
 * no backreferences or lookaround (an invalid pattern is #ERROR!, not an exception).
 */

const compiled = new Map<string, RE2JS | null>();
/** Patterns are usually the same for every record; keep a small cache, oldest out first. */
const CACHE_SIZE = 256;

function compile(pattern: string, ctx: EvalContext): RE2JS | null {
  ctx.budget.pattern(pattern.length);
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  let re: RE2JS | null;
  try {
    // No flags: LOOKBEHINDS is a re2js extension that RE2 (and so Airtable) does not have.
    re = RE2JS.compile(pattern);
  } catch {
    re = null;
  }
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  compiled.set(pattern, re);
  return re;
}

/**
 * RE2 runs a program of roughly the pattern's size over each character; charge that up front so
 * a big pattern over a long text counts as the work it is. Measured with re2js: about 0.15 µs a
 * character for small programs, growing with the program; a step is meant to be about 1 µs.
 */
function chargeScan(re: RE2JS, input: string, ctx: EvalContext): void {
  const programSize = re.matcher('').programSize();
  ctx.budget.step(Math.ceil((input.length / 8) * Math.max(1, programSize / 25)));
}

/**
 * JavaScript's replacement syntax, which is what re2js and Node's RE2 bindings use: `$1`…`$99`,
 * `$<name>`, `$&` (the match), `` $` `` and `$'` (before and after), `$$` for a dollar. `\1` is
 * left as written. Airtable's documentation does not say; community answers use `$1`.
 */
function expand(replacement: string, input: string, matcher: ReturnType<RE2JS['matcher']>, groups: number, named: boolean): { parts: Array<string | [number, number]>; length: number } {
  const parts: Array<string | [number, number]> = [];
  let length = 0;
  const literal = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  const span = (start: number, end: number) => {
    if (start >= 0 && end > start) {
      parts.push([start, end]);
      length += end - start;
    }
  };
  let i = 0;
  while (i < replacement.length) {
    const dollar = replacement.indexOf('$', i);
    if (dollar === -1 || dollar === replacement.length - 1) {
      literal(replacement.slice(i));
      break;
    }
    literal(replacement.slice(i, dollar));
    const next = replacement.charAt(dollar + 1);
    i = dollar + 2;
    if (next === '$') literal('$');
    else if (next === '&') span(matcher.start(), matcher.end());
    else if (next === '`') span(0, matcher.start());
    else if (next === "'") span(matcher.end(), input.length);
    else if (next >= '0' && next <= '9') {
      // Two digits when they name an existing group ($10 with ten groups), else one ($10 = $1 then "0").
      const pair = replacement.slice(dollar + 1, dollar + 3);
      const useTwo = /^\d\d$/.test(pair) && Number(pair) >= 1 && Number(pair) <= groups;
      const group = useTwo ? Number(pair) : Number(next);
      if (group >= 1 && group <= groups) {
        if (useTwo) i++;
        span(matcher.start(group), matcher.end(group));
      } else literal(`$${next}`);
    } else if (next === '<' && named) {
      const close = replacement.indexOf('>', i);
      if (close === -1) literal('$<');
      else {
        const name = replacement.slice(i, close);
        i = close + 1;
        try {
          span(matcher.start(name), matcher.end(name));
        } catch {
          // No such group: empty, as in JavaScript.
        }
      }
    } else literal(`$${next}`);
  }
  return { parts, length };
}

function replaceAll(re: RE2JS, input: string, replacement: string, ctx: EvalContext): string {
  const matcher = re.matcher(input);
  const groups = matcher.groupCount();
  const named = Object.keys(re.namedGroups()).length > 0;
  const out: string[] = [];
  let length = 0;
  let last = 0;
  while (matcher.find()) {
    ctx.budget.step(3);
    const { parts, length: added } = expand(replacement, input, matcher, groups, named);
    length += matcher.start() - last + added;
    // Checked before the pieces are copied: `$'` on a long text could otherwise grow quadratically.
    ctx.budget.textCap(length + (input.length - matcher.end()));
    out.push(input.slice(last, matcher.start()));
    for (const part of parts) out.push(typeof part === 'string' ? part : input.slice(part[0], part[1]));
    last = matcher.end();
  }
  out.push(input.slice(last));
  const result = out.join('');
  ctx.budget.text(result.length);
  return result;
}

/** The text and the compiled pattern, or #ERROR! for a pattern RE2 rejects. */
function prepare(args: FormulaValue[], ctx: EvalContext): { input: string; re: RE2JS } | null {
  const input = text(args[0], ctx);
  const re = compile(text(args[1], ctx), ctx);
  if (!re) return null;
  chargeScan(re, input, ctx);
  return { input, re };
}

export const REGEX: FunctionTable = {
  /** REGEX_MATCH(string, regex): 1 when the pattern matches anywhere in the text (add ^…$ for all of it). */
  REGEX_MATCH: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const ready = prepare(args, ctx);
      return ready ? ready.re.matcher(ready.input).find() : errorValue();
    },
  },
  /** REGEX_EXTRACT(string, regex): the first match (the whole match, not a group); no match is #ERROR!. */
  REGEX_EXTRACT: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const ready = prepare(args, ctx);
      if (!ready) return errorValue();
      const matcher = ready.re.matcher(ready.input);
      return matcher.find() ? (matcher.group() ?? '') : errorValue();
    },
  },
  /** REGEX_REPLACE(string, regex, replacement): every match replaced. */
  REGEX_REPLACE: {
    min: 3,
    max: 3,
    impl: (args, ctx) => {
      const ready = prepare(args, ctx);
      return ready ? replaceAll(ready.re, ready.input, text(args[2], ctx), ctx) : errorValue();
    },
  },
};
