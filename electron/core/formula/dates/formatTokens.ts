import { longFormat, type LocaleData, type LongFormatKey } from './locales';

/**
 * Splits a moment.js format string into tokens and literal text, the way moment's
 * `formattingTokens` regex does (same alternatives, same order), including `[escaped text]`,
 * backslash escapes and the localized `L…`/`l…` formats. It is a generator so that a huge format
 * string is rendered piece by piece and the caller can stop at the output cap: nothing
 * proportional to the format's expansion is ever held at once.
 */

export type FormatPiece = { token: string } | { literal: string };

/** The token alternatives in moment's order; the first that matches wins (not the longest). */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /[Hh]mm(?:ss)?/y,
  /Mo/y,
  /M{1,4}/y,
  /Do/y,
  /DDDo/y,
  /D{1,4}/y,
  /d{2,4}/y,
  /do?/y,
  /w[o|w]?/y,
  /W[o|W]?/y,
  /Qo?/y,
  /N{1,5}/y,
  /Y{6}|Y{5}|Y{4}|Y{2}/y,
  /y{2,4}/y,
  /yo?/y,
  /g{5}|g{4}|g{2}/y,
  /G{5}|G{4}|G{2}/y,
  /[eEaA]/y,
  /hh?|HH?|kk?|mm?|ss?/y,
  /S{1,9}/y,
  /[xX]|zz?|ZZ?/y,
];

const LONG_PATTERN = /LTS|LT|L{1,4}|l{1,4}/y;

/** Every token moment can render or parse; anything else a pattern matches is printed as is. */
export const KNOWN_TOKENS: ReadonlySet<string> = new Set(
  'M Mo MM MMM MMMM Q Qo D Do DD DDD DDDo DDDD d do dd ddd dddd e E w wo ww W Wo WW Y YY YYYY YYYYY YYYYYY gg gggg ggggg GG GGGG GGGGG a A H HH h hh k kk hmm hmmss Hmm Hmmss m mm s ss S SS SSS SSSS SSSSS SSSSSS SSSSSSS SSSSSSSS SSSSSSSSS Z ZZ z zz X x N NN NNN NNNN NNNNN y yo yy yyy yyyy'.split(' '),
);

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** Characters that can start a token; anything else is literal without trying the patterns. */
const TOKEN_STARTS = new Set('HhMDdwWQNYygGeEaAkmsSxXzZ');

function tokenAt(format: string, at: number): string {
  if (!TOKEN_STARTS.has(format.charAt(at))) return format.charAt(at);
  for (const pattern of TOKEN_PATTERNS) {
    const match = matchAt(pattern, format, at);
    if (match) return match;
  }
  return format.charAt(at);
}

/** Tracks the next `[` and `]` after a position; both only move forward, so scanning stays linear. */
class BracketFinder {
  private close = -1;
  private open = -1;
  constructor(private readonly text: string) {}

  /** The `]` closing a `[` at `at`, or -1 when there is none before the next `[` (moment's `\[[^\[]*\]`). */
  closing(at: number): number {
    if (this.close <= at) this.close = this.text.indexOf(']', at + 1);
    if (this.close === -1) this.close = this.text.length + 1;
    if (this.open <= at) this.open = this.text.indexOf('[', at + 1);
    if (this.open === -1) this.open = this.text.length + 1;
    return this.close <= this.text.length && this.close < this.open ? this.close : -1;
  }
}

export function* formatPieces(format: string, locale: LocaleData, expandLong = true): Generator<FormatPiece> {
  const brackets = new BracketFinder(format);
  let i = 0;
  while (i < format.length) {
    const ch = format.charAt(i);
    if (ch === '[') {
      const close = brackets.closing(i);
      if (close !== -1) {
        yield { literal: format.slice(i + 1, close) };
        i = close + 1;
        continue;
      }
    }
    if (ch === '\\') {
      // A backslash makes the next token literal (moment strips the backslashes).
      const long = matchAt(LONG_PATTERN, format, i + 1);
      const escaped = long ?? (i + 1 < format.length ? tokenAt(format, i + 1) : '');
      yield { literal: escaped };
      i += 1 + escaped.length;
      continue;
    }
    const long = expandLong ? matchAt(LONG_PATTERN, format, i) : undefined;
    if (long) {
      // Locale formats contain no L tokens themselves, so one level of expansion is enough.
      yield* formatPieces(longFormat(locale, long as LongFormatKey), locale, false);
      i += long.length;
      continue;
    }
    const token = tokenAt(format, i);
    yield KNOWN_TOKENS.has(token) ? { token } : { literal: token };
    i += token.length;
  }
}
