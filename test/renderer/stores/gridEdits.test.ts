import { describe, expect, it, vi } from 'vitest';
import { useGrid } from '../../../renderer/src/stores/gridStore';
import { useSchema } from '../../../renderer/src/stores/schemaStore';
import { deferred, installBridge, Refusal, type Handlers } from './fakeBridge';
import { BASE, FIELDS, PROFILE, record, recordId, schema, TABLE } from './fixtures';

vi.mock('zustand');

const done = { done: true } as const;
const NAME = FIELDS.name.id;

/** A record with a value in every kind of field the write rules treat differently. */
const full = record(7, {
  [NAME]: 'Launch',
  [FIELDS.total.id]: 42,
  [FIELDS.files.id]: [
    { id: 'attAAAAAAAAAAAAAA', url: 'https://files.example/a.png', filename: 'a.png', size: 10, type: 'image/png', thumbnails: { small: { url: 'https://files.example/s.png' } } },
    { id: 'attBBBBBBBBBBBBBB', filename: 'no-url.pdf' },
  ],
  [FIELDS.owner.id]: { id: 'usrAAAAAAAAAAAAAA', email: 'ada@example.com', name: 'Ada' },
  [FIELDS.team.id]: [{ id: 'usrBBBBBBBBBBBBBB', email: 'grace@example.com', name: 'Grace' }],
  fld99999999999999: 'a field the table no longer has',
});

/** What the record above may be created with: no computed or unknown fields, files by url, people by id. */
const fullWritable = {
  [NAME]: 'Launch',
  [FIELDS.files.id]: [{ url: 'https://files.example/a.png', filename: 'a.png' }],
  [FIELDS.owner.id]: { id: 'usrAAAAAAAAAAAAAA' },
  [FIELDS.team.id]: [{ id: 'usrBBBBBBBBBBBBBB' }],
};

/** The grid open on a table whose first page holds `rows`, with the table's schema cached. */
async function openWith(rows: ReturnType<typeof record>[], handlers: Handlers = {}) {
  const bridge = installBridge({ recordsWindow: () => ({ records: rows, next: null }), ...handlers });
  useSchema.setState({ byProfile: { [PROFILE]: schema() } });
  useGrid.getState().open(PROFILE, BASE, TABLE, rows.length);
  await useGrid.getState().ensure(0, rows.length);
  return bridge;
}

describe('grid store: edits and undo', () => {
  it('shows an edit at once, marked pending, before main has answered', async () => {
    const answer = deferred<typeof done>();
    await openWith([record(1)], { recordsUpdate: () => answer.promise });
    const saving = useGrid.getState().updateCell(recordId(1), NAME, 'Renamed');
    expect(useGrid.getState().rowAt(0)).toMatchObject({ pending: true, cells: { [NAME]: 'Renamed' } });
    answer.resolve(done);
    await saving;
  });

  it('puts a refused edit back as it was and throws the error', async () => {
    await openWith([record(1)], {
      recordsUpdate: () => {
        throw new Refusal('INVALID_INPUT', 'That is not a name.');
      },
    });
    await expect(useGrid.getState().updateCell(recordId(1), NAME, 'Renamed')).rejects.toThrow('That is not a name.');
    expect(useGrid.getState().rowAt(0)).toMatchObject({ pending: false, cells: { [NAME]: 'Row 1' } });
  });

  it('undoes a cell edit by sending the old value', async () => {
    const bridge = await openWith([record(1)], { recordsUpdate: () => done });
    await useGrid.getState().updateCell(recordId(1), NAME, 'Renamed');
    expect(await useGrid.getState().undoLast()).toBe(true);
    expect(bridge.inputsOf('recordsUpdate').at(-1)).toEqual({ profileId: PROFILE, baseId: BASE, tableId: TABLE, recordId: recordId(1), fields: { [NAME]: 'Row 1' } });
    expect(useGrid.getState().rowAt(0)?.cells[NAME]).toBe('Row 1');
  });

  it('undoes an edit of an empty cell by clearing it', async () => {
    const bridge = await openWith([record(1, {})], { recordsUpdate: () => done });
    await useGrid.getState().updateCell(recordId(1), NAME, 'Filled');
    await useGrid.getState().undoLast();
    expect(bridge.inputsOf('recordsUpdate').at(-1)?.fields).toEqual({ [NAME]: null });
  });

  it('has nothing to undo before the first change', async () => {
    await openWith([record(1)]);
    expect(await useGrid.getState().undoLast()).toBe(false);
  });

  it('keeps the last 50 changes for undo', async () => {
    await openWith([record(1)], { recordsUpdate: () => done });
    for (let i = 0; i < 55; i++) await useGrid.getState().updateCell(recordId(1), NAME, `v${i}`);
    expect(useGrid.getState().undo).toHaveLength(50);
    expect(useGrid.getState().undo[0]).toMatchObject({ before: 'v4', after: 'v5' });
  });

  it('counts a new record at once and reads the rows again', async () => {
    const bridge = await openWith([record(1)], { recordsCreate: () => ({ id: recordId(2) }) });
    expect(await useGrid.getState().createRecord({ [NAME]: 'New' })).toBe(recordId(2));
    expect(useGrid.getState()).toMatchObject({ rowCount: 2, complete: false });
    await useGrid.getState().ensure(0, 1);
    expect(bridge.inputsOf('recordsWindow')).toHaveLength(2);
  });

  it('undoes a new record by deleting it', async () => {
    const bridge = await openWith([record(1)], { recordsCreate: () => ({ id: recordId(2) }), recordsDelete: () => ({ undoableForMs: 10_000 }) });
    await useGrid.getState().createRecord({});
    await useGrid.getState().undoLast();
    expect(bridge.inputsOf('recordsDelete')).toEqual([{ profileId: PROFILE, baseId: BASE, tableId: TABLE, recordIds: [recordId(2)] }]);
    expect(useGrid.getState().rowCount).toBe(1);
  });

  it('duplicates a record with only the values Airtable accepts on create', async () => {
    const bridge = await openWith([full], { recordsCreate: () => ({ id: recordId(8) }) });
    await useGrid.getState().duplicateRecord(full);
    expect(bridge.inputsOf('recordsCreate')[0]?.fields).toEqual(fullWritable);
  });

  it('deletes the ticked rows, reading their values from the cache first, and clears the ticks', async () => {
    const rows = [record(1), record(2), record(3)];
    const bridge = await openWith(rows, { recordsGet: ({ recordIds }) => ({ records: rows.filter((r) => recordIds.includes(r.id)).map((r) => ({ tableId: TABLE, record: r })) }), recordsDelete: () => ({ undoableForMs: 10_000 }) });
    useGrid.getState().toggleChecked(recordId(1));
    useGrid.getState().toggleChecked(recordId(3));
    await useGrid.getState().deleteCheckedRequested();
    expect(bridge.inputsOf('recordsGet')).toEqual([{ profileId: PROFILE, recordIds: [recordId(1), recordId(3)] }]);
    expect(bridge.inputsOf('recordsDelete').map((d) => d.recordIds)).toEqual([[recordId(1), recordId(3)]]);
    expect(useGrid.getState()).toMatchObject({ rowCount: 1, checked: new Set(), undo: [{ kind: 'delete', records: [rows[0], rows[2]] }] });
  });

  it('undoes a delete still waiting to be sent by restoring the same record, creating nothing', async () => {
    const bridge = await openWith([full], { recordsDelete: () => ({ undoableForMs: 10_000 }), recordsRestore: ({ recordIds }) => ({ restored: recordIds, gone: [] }) });
    await useGrid.getState().deleteRecords([full]);
    await useGrid.getState().undoLast();
    expect(bridge.inputsOf('recordsRestore')).toEqual([{ profileId: PROFILE, recordIds: [full.id] }]);
    expect(bridge.inputsOf('recordsCreate')).toEqual([]);
    expect(useGrid.getState().rowCount).toBe(1);
  });

  it('undoes a delete already sent by creating the record again with only its writable fields', async () => {
    const bridge = await openWith([full], { recordsDelete: () => ({ undoableForMs: 10_000 }), recordsRestore: ({ recordIds }) => ({ restored: [], gone: recordIds }), recordsCreate: () => ({ id: recordId(9) }) });
    await useGrid.getState().deleteRecords([full]);
    await useGrid.getState().undoLast();
    expect(bridge.inputsOf('recordsCreate')).toEqual([{ profileId: PROFILE, baseId: BASE, tableId: TABLE, fields: fullWritable }]);
    expect(useGrid.getState().rowCount).toBe(1);
  });
});

describe('grid store: selection', () => {
  it('ticks a row, and unticks it the second time', () => {
    useGrid.getState().toggleChecked(recordId(1));
    expect(useGrid.getState().checked).toEqual(new Set([recordId(1)]));
    useGrid.getState().toggleChecked(recordId(1));
    expect(useGrid.getState().checked.size).toBe(0);
  });

  it('clears the selected cell and the ticks when the query changes', () => {
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    useGrid.getState().select(3, 2);
    useGrid.getState().toggleChecked(recordId(1));
    useGrid.getState().setQuery({ search: 'delta' });
    expect(useGrid.getState()).toMatchObject({ selected: null, checked: new Set() });
  });
});
