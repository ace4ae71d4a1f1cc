import { describe, expect, it } from 'vitest';
import { testRecords } from '../../helpers/records';

const BASE = 'appAAAAAAAAAAAAAA';
const TABLE = 'tblAAAAAAAAAAAAAA';
const NAME = 'fldAAAAAAAAAAAAA0';

/** An offline table of `count` records whose name is `name(i)`. */
function table(count: number, name: (i: number) => string) {
  const p = testRecords();
  p.schema.saveSchema(BASE, [{ id: TABLE, name: 'T', primaryFieldId: NAME, fields: [{ id: NAME, name: 'Name', type: 'singleLineText' }], views: [] }]);
  p.records.upsertFromAirtable(TABLE, Array.from({ length: count }, (_, i) => ({ id: `rec${String(i).padStart(14, '0')}`, createdTime: '2026-01-01T00:00:00.000Z', fields: { [NAME]: name(i) } })), 0);
  return p;
}

describe('local formula filters are bounded (checks 44 and 45)', () => {
  it('refuses a 40-character formula that would build a 10^8-character string, with a typed error, and keeps working', () => {
    const p = table(3, (i) => `r${i}`);
    expect(() => p.queries.window({ tableId: TABLE, formula: 'LEN(REPT(REPT("xx",10000),10000))', limit: 10 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(p.queries.window({ tableId: TABLE, formula: 'LEN({Name}) = 2', limit: 10 }).records).toHaveLength(3);
  });

  it('refuses nesting too deep to evaluate, without overflowing the stack', () => {
    const p = table(1, () => 'x');
    expect(() => p.queries.window({ tableId: TABLE, formula: `${'('.repeat(100_000)}1${')'.repeat(100_000)}`, limit: 10 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('runs a catastrophic regular expression in linear time (RE2), on 10,000 characters', () => {
    const p = table(20, (i) => `${'a'.repeat(10_000)}${i % 2 ? 'b' : ''}`);
    const hits = p.queries.window({ tableId: TABLE, formula: 'REGEX_MATCH({Name}, "^(a+)+$")', limit: 50 }).records;
    expect(hits).toHaveLength(10);
  });

  it('turns a formula that needs too much work per record into a typed error, not a stalled process', () => {
    const p = table(2, () => 'x');
    const heavy = `LEN(${Array.from({ length: 60 }, () => 'REPT("ab",9000)').join('&')})`;
    expect(() => p.queries.window({ tableId: TABLE, formula: heavy, limit: 10 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
