import { describe, expect, it, vi } from 'vitest';
import { useGrid } from '../../../renderer/src/stores/gridStore';
import { useRecords } from '../../../renderer/src/stores/recordsStore';
import type { FieldInfo } from '../../../renderer/src/lib/cells';
import { deferred, installBridge } from './fakeBridge';
import { BASE, FIELDS, OTHER_TABLE, pagedTable, PROFILE, record, recordId, TABLE, type WindowPage } from './fixtures';

vi.mock('zustand');

type Found = { records: Array<{ tableId: string; record: ReturnType<typeof record> }> };
const NAME = FIELDS.name.id;
const LINKS = FIELDS.links.id;
const fields: FieldInfo[] = [{ ...FIELDS.name, options: null }];
const emptyQuery = { search: '', filters: [], formula: '', sort: [] };

describe('records store: the open record', () => {
  it('opens a record with the records it links to, for their names', async () => {
    const open = record(1, { [NAME]: 'Task', [LINKS]: [recordId(50)] });
    const person = record(50, { [NAME]: 'Ada' });
    installBridge({ recordsGet: ({ recordIds }) => ({ records: recordIds[0] === recordId(1) ? [{ tableId: TABLE, record: open }] : [{ tableId: OTHER_TABLE, record: person }] }) });
    await useRecords.getState().recordOpened(PROFILE, recordId(1), [LINKS]);
    expect(useRecords.getState().detail).toEqual({ profileId: PROFILE, recordId: recordId(1), record: open, linked: new Map([[recordId(50), { tableId: OTHER_TABLE, record: person }]]) });
  });

  it('keeps showing the open record while it is read again', async () => {
    let answer: Found | Promise<Found> = { records: [{ tableId: TABLE, record: record(1, { [NAME]: 'Before' }) }] };
    installBridge({ recordsGet: () => answer });
    await useRecords.getState().recordOpened(PROFILE, recordId(1), []);
    const reread = deferred<Found>();
    answer = reread.promise;
    const reading = useRecords.getState().recordOpened(PROFILE, recordId(1), []);
    expect(useRecords.getState().detail?.record?.cells[NAME]).toBe('Before');
    reread.resolve({ records: [{ tableId: TABLE, record: record(1, { [NAME]: 'After' }) }] });
    await reading;
    expect(useRecords.getState().detail?.record?.cells[NAME]).toBe('After');
  });

  it('ignores the answer for a record that is no longer the open one', async () => {
    const slow = deferred<Found>();
    installBridge({ recordsGet: ({ recordIds }) => (recordIds[0] === recordId(1) ? slow.promise : { records: [{ tableId: TABLE, record: record(2) }] }) });
    const first = useRecords.getState().recordOpened(PROFILE, recordId(1), []);
    await useRecords.getState().recordOpened(PROFILE, recordId(2), []);
    slow.resolve({ records: [{ tableId: TABLE, record: record(1) }] });
    await first;
    expect(useRecords.getState().detail).toMatchObject({ recordId: recordId(2), record: { id: recordId(2) } });
  });

  it('shows an edit made in the panel at once, and sends it through the grid', async () => {
    const bridge = installBridge({ recordsGet: () => ({ records: [{ tableId: TABLE, record: record(1) }] }), recordsUpdate: () => ({ done: true }) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 1);
    await useRecords.getState().recordOpened(PROFILE, recordId(1), []);
    const saving = useRecords.getState().detailCellEdited(NAME, 'Edited');
    expect(useRecords.getState().detail?.record).toMatchObject({ pending: true, cells: { [NAME]: 'Edited' } });
    await saving;
    expect(bridge.inputsOf('recordsUpdate')).toEqual([{ profileId: PROFILE, baseId: BASE, tableId: TABLE, recordId: recordId(1), fields: { [NAME]: 'Edited' } }]);
    expect(useGrid.getState().undo).toHaveLength(1);
  });
});

describe('records store: CSV export', () => {
  it('exports every row of the view as CSV, page by page', async () => {
    const bridge = installBridge({ recordsWindow: pagedTable(600) });
    const csv = await useRecords.getState().exportRequested(PROFILE, TABLE, { ...emptyQuery, search: 'Row' }, fields);
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['Name', 'Row 0']);
    expect(lines).toHaveLength(1 + 600 + 1);
    expect(bridge.inputsOf('recordsWindow').map((q) => [q.after, q.limit, q.search])).toEqual([
      [undefined, 500, 'Row'],
      ['500', 500, 'Row'],
    ]);
  });

  it('counts the rows written while the export runs, and stops counting when it ends', async () => {
    const second = deferred<WindowPage>();
    const bridge = installBridge({ recordsWindow: (q) => (q.after ? second.promise : pagedTable(600)(q)) });
    const exporting = useRecords.getState().exportRequested(PROFILE, TABLE, emptyQuery, fields);
    await vi.waitFor(() => expect(bridge.inputsOf('recordsWindow')).toHaveLength(2));
    expect(useRecords.getState().exportedRows).toBe(500);
    second.resolve(pagedTable(600)({ profileId: PROFILE, tableId: TABLE, limit: 500, after: '500' }));
    await exporting;
    expect(useRecords.getState().exportedRows).toBeNull();
  });
});
