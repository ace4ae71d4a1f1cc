import { describe, expect, it } from 'vitest';
import { checkCellWrite, type WritableFieldInfo } from '../../../shared/domain/cellRules';

const field = (type: string, options: Record<string, unknown> | null = null): WritableFieldInfo => ({ name: 'F', type, options });
const select = field('singleSelect', { choices: [{ id: 'selA', name: 'Todo' }, { id: 'selB', name: 'Done' }] });
const multi = field('multipleSelects', { choices: [{ id: 'selA', name: 'red' }, { id: 'selB', name: 'blue' }] });

/** Every writable type: values Airtable accepts, and values it would refuse (which keep the old value here). */
const table: Array<[string, WritableFieldInfo, unknown[], unknown[]]> = [
  ['singleLineText', field('singleLineText'), ['x', '', 'x'.repeat(1000)], [1, ['x'], 'two\nlines', 'x'.repeat(100_001)]],
  ['multilineText', field('multilineText'), ['a\nb'], [false, { text: 'x' }]],
  ['email', field('email'), ['ada@example.com'], [42]],
  ['number', field('number'), [0, -1.5, 1e9], ['abc', '12', Number.NaN, Number.POSITIVE_INFINITY, true]],
  ['currency', field('currency'), [19.99], ['$19.99']],
  ['percent', field('percent'), [0.5], ['50%']],
  ['duration', field('duration'), [3600], [-1, '1:00']],
  ['rating', field('rating', { max: 5 }), [1, 5], [0, 6, 2.5, '3']],
  ['checkbox', field('checkbox'), [true, false], ['true', 1]],
  ['date', field('date'), ['2026-02-28', ''], ['2026-02-30', '28/02/2026', 20260228]],
  ['dateTime', field('dateTime'), ['2026-02-28T10:00:00.000Z'], ['not a date', 5]],
  ['singleSelect', select, ['Todo', ''], ['Maybe', ['Todo'], 3]],
  ['multipleSelects', multi, [['red'], [], ['red', 'blue']], [['green'], 'red', [1]]],
  ['singleCollaborator', field('singleCollaborator'), [{ id: 'usrAAAAAAAAAAAAAA' }, { email: 'ada@example.com' }], ['usrAAAAAAAAAAAAAA', { id: 'nope' }, { name: 'Ada' }]],
  ['multipleCollaborators', field('multipleCollaborators'), [[{ email: 'a@b.c' }]], [[{ name: 'x' }], 'a@b.c']],
  ['multipleRecordLinks', field('multipleRecordLinks'), [['recAAAAAAAAAAAAAA'], []], [['Bravo task 5'], 'recAAAAAAAAAAAAAA', ['recAAAAAAAAAAAAA']]],
  ['multipleAttachments', field('multipleAttachments'), [[{ id: 'attAAAAAAAAAAAAAA' }, { url: 'https://example.com/a.png', filename: 'a.png' }]], [[{ url: 'ftp://example.com/a.png' }], [{ url: 'file:///etc/passwd' }], ['a.png']]],
  ['barcode', field('barcode'), [{ text: '123' }], ['123']],
];

describe('what may be written to a cell', () => {
  for (const [type, info, good, bad] of table) {
    it(`${type}: accepts what Airtable accepts`, () => {
      for (const value of good) expect(checkCellWrite(info, value), JSON.stringify(value)).toEqual({ ok: true });
    });
    it(`${type}: refuses what Airtable would refuse, saying why`, () => {
      for (const value of bad) {
        const check = checkCellWrite(info, value);
        expect(check.ok, JSON.stringify(value)).toBe(false);
        if (!check.ok) expect(check.reason).toMatch(/“F”|“.+” is not an option/);
      }
    });
    it(`${type}: clears with null`, () => {
      expect(checkCellWrite(info, null)).toEqual({ ok: true });
    });
  }

  it('refuses computed fields and types it does not know', () => {
    for (const type of ['formula', 'rollup', 'autoNumber', 'createdTime', 'aiText', 'button', 'manualSort']) expect(checkCellWrite(field(type), 'x').ok, type).toBe(false);
    expect(checkCellWrite(field('somethingUnrecognizable'), 'x')).toEqual({ ok: false, reason: expect.stringContaining('cannot edit') });
  });
});
