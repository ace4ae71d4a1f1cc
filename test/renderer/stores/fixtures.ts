import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';

type GridRecord = MethodOutput<'recordsWindow'>['records'][number];
export type WindowPage = MethodOutput<'recordsWindow'>;
export type WindowInput = MethodInput<'recordsWindow'>;
type CachedSchema = MethodOutput<'cacheSchema'>;

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(14, '0')}`;

export const PROFILE = '11111111-1111-4111-8111-111111111111';
export const BASE = id('app', 1);
export const TABLE = id('tbl', 1);
export const OTHER_TABLE = id('tbl', 2);
export const recordId = (n: number) => id('rec', n);

/** One field of every kind the write rules treat differently. */
export const FIELDS = {
  name: { id: id('fld', 1), name: 'Name', type: 'singleLineText' },
  total: { id: id('fld', 2), name: 'Total', type: 'formula' },
  files: { id: id('fld', 3), name: 'Files', type: 'multipleAttachments' },
  owner: { id: id('fld', 4), name: 'Owner', type: 'singleCollaborator' },
  team: { id: id('fld', 5), name: 'Team', type: 'multipleCollaborators' },
  links: { id: id('fld', 6), name: 'Links', type: 'multipleRecordLinks' },
} as const;

export const record = (n: number, cells: Record<string, unknown> = { [FIELDS.name.id]: `Row ${n}` }, pending = false): GridRecord => ({
  id: recordId(n),
  createdTime: '2026-11-01T10:00:00.000Z',
  cells,
  pending,
});

/** The cached schema of one base with the table above (and an empty second table). */
export function schema(): CachedSchema {
  const table = (tableId: string, name: string, fields: Array<{ id: string; name: string; type: string }>) => ({
    id: tableId,
    name,
    primaryFieldId: FIELDS.name.id,
    description: null,
    fields: fields.map((f) => ({ ...f, description: null, options: null })),
    views: [],
    records: 0,
    lastSyncedAt: null,
  });
  return {
    bases: [
      {
        id: BASE,
        name: 'Projects',
        budget: { plan: 'unknown', month: '2026-11', callsThisMonth: 0, backgroundCalls: 0, backgroundAllowance: 1000 },
        tables: [table(TABLE, 'Tasks', Object.values(FIELDS)), table(OTHER_TABLE, 'People', [FIELDS.name])],
      },
    ],
  };
}

/**
 * records:window over a table of `count` rows, keyset-paged as the cache pages it: the cursor
 * is the index of the next row, and `label` names rows so a test can tell two reads apart.
 */
export function pagedTable(count: number, label = 'Row') {
  return (input: WindowInput): WindowPage => {
    const start = input.after ? Number(input.after) : 0;
    const end = Math.min(count, start + input.limit);
    const records = Array.from({ length: end - start }, (_, i) => record(start + i, { [FIELDS.name.id]: `${label} ${start + i}` }));
    return { records, next: end < count ? String(end) : null };
  };
}
