import { describe, expect, it } from 'vitest';
import { ERROR, examples, run } from './harness';

// REGEX_* run on RE2 (re2js): linear time, (?i)-style flags, no backreferences or lookaround.

examples('REGEX_MATCH', [
  ['REGEX_MATCH("Hello World", "Hello.World")', true, 'AT·copy'],
  ['REGEX_MATCH("abc123", "[0-9]+$")', true, 'derived'],
  ['REGEX_MATCH("Say HELLO", "hello")', false, 'derived'],
  ['REGEX_MATCH("Say HELLO", "(?i)hello")', true, 'derived'],
  ['REGEX_MATCH("ÉCOLE", "(?i)école")', true, 'derived'],
  ['REGEX_MATCH("Ω", "\\p{Greek}")', true, 'derived'],
  ['REGEX_MATCH("a.b", "^a\\.b$")', true, 'derived'],
  ['REGEX_MATCH({Name}, "^$")', true, 'derived'],
  ['REGEX_MATCH("aa", "(a)\\1")', ERROR, 'derived'],
  ['REGEX_MATCH("ab", "a(?=b)")', ERROR, 'derived'],
  ['REGEX_MATCH("ab", "(?<=a)b")', ERROR, 'derived'],
  ['REGEX_MATCH("a", "(")', ERROR, 'derived'],
]);

examples('REGEX_EXTRACT', [
  ['REGEX_EXTRACT("Hello World", "W.*")', 'World', 'AT·copy'],
  ['REGEX_EXTRACT("Order #1234 shipped", "\\d+")', '1234', 'derived'],
  ['REGEX_EXTRACT("key=value", "(\\w+)=(\\w+)")', 'key=value', 'AT·universe'],
  ['REGEX_EXTRACT("Hello World", "xyz")', ERROR, 'community'],
  ['REGEX_EXTRACT("Hello", "[")', ERROR, 'derived'],
]);

// `$1` (JavaScript replacement syntax, as re2js and Node's RE2 bindings use) names a group;
// `\1` stays as written. Airtable does not document which; community answers use `$1`.
examples('REGEX_REPLACE', [
  ['REGEX_REPLACE("Hello World", " W.*", "")', 'Hello', 'AT·copy'],
  ['REGEX_REPLACE("a1b22c333", "\\d+", "#")', 'a#b#c#', 'AT·universe'],
  ['REGEX_REPLACE("John Smith", "(\\w+) (\\w+)", "$2, $1")', 'Smith, John', 'community'],
  ['REGEX_REPLACE("John Smith", "(\\w+) (\\w+)", "\\2 \\1")', '\\2 \\1', 'derived'],
  ['REGEX_REPLACE("John Smith", "(?P<first>\\w+) (?P<last>\\w+)", "$<last>")', 'Smith', 'derived'],
  ['REGEX_REPLACE("price", "price", "$$5 ($&)")', '$5 (price)', 'derived'],
  ['REGEX_REPLACE("abc", "", "-")', '-a-b-c-', 'derived'],
  ['REGEX_REPLACE("abc", "b", "$9")', 'a$9c', 'derived'],
  ['REGEX_REPLACE("HELLO", "(?i)l+", "L")', 'HELO', 'derived'],
  ['REGEX_REPLACE("x", "(", "y")', ERROR, 'derived'],
]);

describe('RE2 guarantees', () => {
  it('answers a catastrophic-backtracking pattern on a long value without hanging (security check 45)', { timeout: 10_000 }, () => {
    const long = `${'a'.repeat(10_000)}!`;
    expect(run('REGEX_MATCH({Name}, "^(a+)+$")', { Name: long })).toBe(false);
    expect(run('REGEX_MATCH({Name}, "^(a|aa)+$")', { Name: long.slice(0, -1) })).toBe(true);
  });
});
