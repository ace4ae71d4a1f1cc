import { describe, expect, it } from 'vitest';
import { compile, examples, record } from './harness';

// Record functions: RECORD_ID, CREATED_TIME and LAST_MODIFIED_TIME come from the record context.

examples('RECORD_ID', [['RECORD_ID()', 'recAAAAAAAAAAAAAA', 'AT·universe']]);

examples('CREATED_TIME', [
  ['CREATED_TIME()', new Date('2026-01-01T10:00:00.000Z'), 'AT·universe'],
  ['DATETIME_FORMAT(CREATED_TIME(), "YYYY")', '2026', 'derived'],
]);

examples('LAST_MODIFIED_TIME', [
  ['LAST_MODIFIED_TIME()', new Date('2026-03-01T00:00:00.000Z'), 'AT·universe'],
  ['LAST_MODIFIED_TIME({Amount})', new Date('2026-02-01T00:00:00.000Z'), 'AT·universe'],
]);

describe('LAST_MODIFIED_TIME arguments', () => {
  it('takes field references only', () => {
    expect(() => compile('LAST_MODIFIED_TIME("Amount")')).toThrow(/takes field references/);
  });

  it('is blank when the record has no modification time', () => {
    expect(compile('LAST_MODIFIED_TIME()').evaluate(record({}, { lastModifiedTime: () => null }))).toBeNull();
  });
});
