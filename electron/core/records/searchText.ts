/**
 * What search means in Airvault, in one place: the full-text index is built from it, the query
 * given to the index is built from it, and every hit the index proposes is checked against it,
 * so a search can only ever return records that truly match (a property test compares it with a
 * plain scan of the cached records).
 *
 * A record's searchable text is every string a person would recognise in its cells. Text is cut
 * into words of letters and digits, case and accents folded ("Émile" is "emile"). As in
 * Airtable's own search, a query matches inside one cell: its words, in order and next to each
 * other, the last one as the start of a word ("kelvin project 1" finds "Kelvin project 17";
 * "ada@exam" finds "ada@example.com"; punctuation and spaces between words do not matter, so
 * "e-mail" finds "e mail"). Unlike Airtable it does not find text in the middle of a word
 * ("elvin" does not find "Kelvin"): the index is of words. A one-character last word must be a
 * whole word (a one-letter prefix would match most of a table).
 */

const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Every string a person would recognise in a record's cells, one entry per value. Linked-record ids are left out: nobody types them. */
export function recordTextParts(cells: Record<string, unknown>): string[] {
  const parts: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (!RECORD_ID.test(value)) parts.push(value);
    } else if (typeof value === 'number') parts.push(String(value));
    else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const key of ['name', 'email', 'filename', 'text', 'label', 'value']) visit(object[key], depth + 1);
    }
  };
  for (const value of Object.values(cells)) visit(value, 0);
  return parts;
}

const NON_ASCII = /[^ -~\t\n\r]/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;

/** Words of letters and digits, lower case, accents removed. */
export function searchWords(text: string): string[] {
  return foldedWords(text).split(' ').filter(Boolean);
}

/**
 * The text's words, folded, separated by single spaces. Plain ASCII text (most of it) takes a
 * fast path that gives the same words as the Unicode one: storing a first sync runs this once
 * per record, and the Unicode normalisation cost more than SQLite's own insert.
 */
function foldedWords(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_WORD, ' ').trim();
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().split(NOT_WORD).filter(Boolean).join(' ');
}

/**
 * What the full-text index stores for a record: its words, already folded, space-separated.
 * Folding here (not only in SQLite's tokenizer) keeps the index and the check below agreeing
 * on what a word is, whatever characters a cell holds.
 */
export function indexText(cells: Record<string, unknown>): string {
  return foldedWords(recordTextParts(cells).join(' '));
}

/** A query: the run of folded words it must match, in order, in one cell. */
export type SearchQuery = string[];

/** At most this many words are used (a pasted paragraph is not a search). */
const MAX_WORDS = 20;

/** The query's words; null when it has nothing to search for (only spaces or punctuation). */
export function parseSearch(text: string): SearchQuery | null {
  // Whatever arrives (the contract caps it, core does not rely on that), only its start is read.
  const words = searchWords(text.slice(0, 2000)).slice(0, MAX_WORDS);
  return words.length > 0 ? words : null;
}

const isPrefix = (part: string) => part.length >= 2;

/**
 * The FTS5 expression that finds every record that may match: the run as a phrase (words next to
 * each other, in order), its last word as a prefix. A phrase may still cross from one cell into
 * the next in the index, so every hit is checked. Parts are plain letters and digits, so quoting
 * them can never produce FTS syntax.
 */
export function ftsExpression(query: SearchQuery): string {
  const last = query[query.length - 1]!;
  return `"${query.join(' ')}"${isPrefix(last) ? ' *' : ''}`;
}

/** Whether a record's cells match the query: the definition the index's hits are checked against. */
export function matchesSearch(cells: Record<string, unknown>, query: SearchQuery): boolean {
  return recordTextParts(cells).some((part) => containsRun(searchWords(part), query));
}

function containsRun(words: string[], run: string[]): boolean {
  const last = run.length - 1;
  for (let i = 0; i + last < words.length; i++) {
    let ok = true;
    for (let j = 0; j < last && ok; j++) ok = words[i + j] === run[j];
    if (!ok) continue;
    const word = words[i + last]!;
    if (isPrefix(run[last]!) ? word.startsWith(run[last]!) : word === run[last]) return true;
  }
  return false;
}
