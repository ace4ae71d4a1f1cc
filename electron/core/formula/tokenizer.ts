import { FormulaSyntaxError } from './ast';

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

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
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
    } else if (/[0-9.]/.test(ch) && /[0-9]/.test(source.charAt(ch === '.' ? i + 1 : i))) {
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
      const text = match?.[0] ?? ch;
      tokens.push({ type: 'number', value: Number(text), at });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const text = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))?.[0] ?? ch;
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

/** Reads a quoted string or a `{field}` reference; a backslash escapes the next character. */
function readQuoted(source: string, start: number, close: string): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '\\' && i + 1 < source.length) {
      const next = source.charAt(i + 1);
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
    } else if (ch === close) {
      return [value, i + 1];
    } else {
      value += ch;
      i++;
    }
  }
  throw new FormulaSyntaxError(`Unterminated ${close === '}' ? 'field reference' : 'string'} starting at position ${start + 1}`);
}
