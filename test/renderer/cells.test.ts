import { describe, expect, it } from 'vitest';
import { cellText, editText, inputKind, isReadOnly, parseInput, type FieldInfo } from '../../renderer/src/lib/cells';
import { badgeOf, relativeTime } from '../../renderer/src/features/profiles/profileStatus';

const field = (type: string, options: Record<string, unknown> | null = null): FieldInfo => ({ id: 'fldAAAAAAAAAAAAAA', name: type, type, options });

describe('cells: what the grid shows and what an edit sends', () => {
  it('turns typed text into Airtable’s write format per field type', () => {
    expect(parseInput(field('number'), ' 1,250.5 ', undefined)).toBe(1250.5);
    expect(parseInput(field('percent'), '42', undefined)).toBe(0.42);
    expect(parseInput(field('currency'), '$19.99', undefined)).toBe(19.99);
    expect(parseInput(field('number'), '', 3)).toBeNull();
    expect(parseInput(field('multipleSelects'), 'Todo, Blocked ,', undefined)).toEqual(['Todo', 'Blocked']);
    expect(parseInput(field('singleSelect'), '', 'Todo')).toBeNull();
    expect(parseInput(field('singleCollaborator'), 'ada@example.com', undefined)).toEqual({ email: 'ada@example.com' });
    expect(parseInput(field('multipleRecordLinks'), 'recAAAAAAAAAAAAAA, recBBBBBBBBBBBBBB', undefined)).toEqual(['recAAAAAAAAAAAAAA', 'recBBBBBBBBBBBBBB']);
    expect(parseInput(field('barcode'), '4006381333931', undefined)).toEqual({ text: '4006381333931' });
    expect(parseInput(field('dateTime'), '2026-11-22T10:30', undefined)).toBe(new Date('2026-11-22T10:30').toISOString());
    // Attachments: existing files are kept by id, a pasted https URL is added.
    expect(parseInput(field('multipleAttachments'), 'https://example.com/a.png', [{ id: 'attA', url: 'x' }])).toEqual([{ id: 'attA' }, { url: 'https://example.com/a.png' }]);
    expect(parseInput(field('singleLineText'), '  keeps spaces ', undefined)).toBe('  keeps spaces ');
  });

  it('refuses what Airtable would refuse, with a message a person understands', () => {
    expect(() => parseInput(field('number'), 'twelve', undefined)).toThrow('“twelve” is not a number.');
    expect(() => parseInput(field('dateTime'), 'someday', undefined)).toThrow('is not a date and time');
  });

  it('shows values as a person reads them, and computed fields as read-only', () => {
    expect(cellText(field('percent'), 0.125)).toBe('12.5%');
    expect(cellText(field('currency', { symbol: '€', precision: 2 }), 3)).toBe('€3.00');
    expect(cellText(field('checkbox'), true)).toBe('✓');
    expect(cellText(field('rating'), 3)).toBe('★★★');
    expect(cellText(field('duration'), 5400)).toBe('1:30');
    expect(cellText(field('multipleCollaborators'), [{ id: 'usr1', name: 'Ada' }, { id: 'usr2', email: 'g@x.test' }])).toBe('Ada, g@x.test');
    expect(cellText(field('multipleAttachments'), [{ filename: 'a.pdf' }, { filename: 'b.png' }])).toBe('a.pdf, b.png');
    expect(cellText(field('formula'), { specialValue: 'NaN' })).toBe('#ERROR');
    expect(cellText(field('someFutureType'), { label: 'new' })).toBe('new');
    expect(isReadOnly(field('formula'))).toBe(true);
    expect(isReadOnly(field('singleLineText'))).toBe(false);
    expect(editText(field('percent'), 0.5)).toBe('50');
    expect(inputKind(field('multilineText'))).toBe('textarea');
  });
});

describe('profile badges', () => {
  const profile = { id: 'p', name: 'W', color: 'blue' as const, authKind: 'oauth' as const, statusReason: null, airtableUser: null, grantedScopes: null, accessExpiresAt: null, refreshExpiresAt: null };
  it('say what matters now: offline over active, and the reason to reconnect', () => {
    expect(badgeOf({ ...profile, status: 'active' }, undefined)).toBe('active');
    expect(badgeOf({ ...profile, status: 'active' }, false)).toBe('offline');
    expect(badgeOf({ ...profile, status: 'needs-reauth' }, true)).toBe('needs re-auth');
    expect(badgeOf({ ...profile, status: 'revoked' }, true)).toBe('revoked');
    expect(badgeOf({ ...profile, status: 'pending' }, undefined)).toBe('not connected');
  });

  it('give expiry times in words', () => {
    const now = Date.UTC(2026, 10, 22);
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now + 60 * 86_400_000, now)).toBe('in 60 days');
    expect(relativeTime(now - 2 * 3_600_000, now)).toBe('2 hours ago');
  });
});
