import { FormulaSyntaxError } from './errors';

export type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'field'; value: string; at: number }
  | { type: 'identifier'; value: string; at: number }
  | { type: 'operator'; value: string; at: number }
  | { type: 'paren'; value: '(' | ')'; at: number }
  | { type: 'comma'; at: number }
  | { type: 'end'; at: number };

const OPERATORS = ['!=', '<>', '<=', '>=', '=', '<', '>', '&', '+', '-', '*', '/'];
// Sticky patterns read at a position without copying the rest of the source.
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /\s/;

function readAt(pattern: RegExp, source: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0] ?? source.charAt(at);
}

/** Splits a formula into tokens in one left-to-right pass (linear in the formula's length). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === '"' || ch === "'") {
      const [value, next] = readQuoted(source, i, ch);
      tokens.push({ type: 'string', value, at });
      i = next;
    } else if (ch === '{') {
      const [value, next] = readQuoted(source, i, '}');
      if (value.trim() === '') throw new FormulaSyntaxError(`Empty field reference at position ${at + 1}`);
      tokens.push({ type: 'field', value, at });
      i = next;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source.charAt(i + 1)))) {
      const text = readAt(NUMBER, source, i);
      tokens.push({ type: 'number', value: Number(text), at });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const text = readAt(IDENTIFIER, source, i);
      tokens.push({ type: 'identifier', value: text, at });
      i += text.length;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: 'paren', value: ch, at });
      i++;
    } else if (ch === ',') {
      tokens.push({ type: 'comma', at });
      i++;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new FormulaSyntaxError(`Unexpected character "${ch}" at position ${at + 1}`);
      tokens.push({ type: 'operator', value: op === '<>' ? '!=' : op, at });
      i += op.length;
    }
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

/**
 * Reads a quoted string or a `{field}` reference. A backslash escapes a quote, a backslash or a
 * closing brace, and `\n`, `\t`, `\r` are the control characters; before any other character it
 * is kept, so Airtable's own regex tip `REGEX_REPLACE(x, "\D", "")` reaches RE2 as `\D`.
 */
function readQuoted(source: string, start: number, close: string): [string, number] {
  const parts: string[] = [];
  let from = start + 1;
  let i = from;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '\\' && i + 1 < source.length) {
      const next = source.charAt(i + 1);
      parts.push(source.slice(from, i));
      parts.push(next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === close || next === '\\' || next === '"' || next === "'" ? next : `\\${next}`);
      i += 2;
      from = i;
    } else if (ch === close) {
      parts.push(source.slice(from, i));
      return [parts.join(''), i + 1];
    } else {
      i++;
    }
  }
  throw new FormulaSyntaxError(`Unterminated ${close === '}' ? 'field reference' : 'string'} starting at position ${start + 1}`);
}
