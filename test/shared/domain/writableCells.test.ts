import { describe, expect, it } from 'vitest';
import { writableCells } from '../../../shared/domain/writableCells';

const fields = [
  { id: 'fldName', type: 'singleLineText' },
  { id: 'fldTotal', type: 'rollup' },
  { id: 'fldFiles', type: 'multipleAttachments' },
  { id: 'fldOwner', type: 'singleCollaborator' },
  { id: 'fldTeam', type: 'multipleCollaborators' },
];

describe('writableCells: a record’s values as Airtable accepts them on create', () => {
  it('drops computed fields and fields the table does not have', () => {
    expect(writableCells(fields, { fldName: 'A', fldTotal: 3, fldGone: 'x' })).toEqual({ fldName: 'A' });
  });

  it('sends files by url and name only, leaving out those without a url', () => {
    const files = [{ id: 'att1', url: 'https://f.example/a.png', filename: 'a.png', size: 3, thumbnails: {} }, { id: 'att2', filename: 'b.pdf' }, { url: 'https://f.example/c' }];
    expect(writableCells(fields, { fldFiles: files })).toEqual({ fldFiles: [{ url: 'https://f.example/a.png', filename: 'a.png' }, { url: 'https://f.example/c' }] });
  });

  it('sends people by id only', () => {
    expect(writableCells(fields, { fldOwner: { id: 'usr1', email: 'a@x.test', name: 'Ada' }, fldTeam: [{ id: 'usr2', name: 'Grace' }, { email: 'no-id@x.test' }] })).toEqual({ fldOwner: { id: 'usr1' }, fldTeam: [{ id: 'usr2' }] });
  });

  it('keeps empty values empty', () => {
    expect(writableCells(fields, { fldOwner: null, fldTeam: [], fldFiles: [] })).toEqual({ fldOwner: null, fldTeam: [], fldFiles: [] });
  });
});
