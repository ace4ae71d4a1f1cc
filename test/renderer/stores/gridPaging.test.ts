import { describe, expect, it, vi } from 'vitest';
import { PAGE_SIZE, useGrid } from '../../../renderer/src/stores/gridStore';
import { deferred, installBridge, Refusal } from './fakeBridge';
import { BASE, FIELDS, pagedTable, PROFILE, TABLE, type WindowInput, type WindowPage } from './fixtures';

vi.mock('zustand');

const nameAt = (row: number) => useGrid.getState().rowAt(row)?.cells[FIELDS.name.id];

describe('grid store: paging through a table', () => {
  it('reads the first page without a cursor and the next one after the cursor the first returned', async () => {
    const bridge = installBridge({ recordsWindow: pagedTable(1000) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 1000);
    await useGrid.getState().ensure(0, PAGE_SIZE + 10);
    expect(bridge.inputsOf('recordsWindow').map((q) => q.after)).toEqual([undefined, '200']);
    expect(nameAt(PAGE_SIZE + 10)).toBe('Row 210');
  });

  it('shows the estimate until the last page arrives, then the exact row count', async () => {
    installBridge({ recordsWindow: pagedTable(450) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 1000);
    await useGrid.getState().ensure(0, 10);
    expect(useGrid.getState()).toMatchObject({ rowCount: 1000, complete: false });
    await useGrid.getState().ensure(0, 999);
    expect(useGrid.getState()).toMatchObject({ rowCount: 450, complete: true });
  });

  it('never asks for pages past the end once the last one is known', async () => {
    const bridge = installBridge({ recordsWindow: pagedTable(150) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 150);
    await useGrid.getState().ensure(0, 5 * PAGE_SIZE);
    await useGrid.getState().ensure(3 * PAGE_SIZE, 4 * PAGE_SIZE);
    expect(bridge.inputsOf('recordsWindow')).toHaveLength(1);
  });

  it('drops pages far from the ones in view', async () => {
    installBridge({ recordsWindow: pagedTable(3000) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 3000);
    await useGrid.getState().ensure(10 * PAGE_SIZE, 10 * PAGE_SIZE + 50);
    expect([...useGrid.getState().pages.keys()].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(nameAt(0)).toBeUndefined();
  });

  it('reads a dropped page again straight from its kept cursor', async () => {
    const bridge = installBridge({ recordsWindow: pagedTable(3000) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 3000);
    await useGrid.getState().ensure(10 * PAGE_SIZE, 10 * PAGE_SIZE + 50);
    const before = bridge.inputsOf('recordsWindow').length;
    await useGrid.getState().ensure(2 * PAGE_SIZE, 2 * PAGE_SIZE + 50);
    expect(bridge.inputsOf('recordsWindow').slice(before).map((q) => q.after)).toEqual(['400']);
    expect(nameAt(2 * PAGE_SIZE)).toBe('Row 400');
  });

  it('reads a page once when the view asks for it again while it is on its way', async () => {
    const bridge = installBridge({ recordsWindow: pagedTable(100) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 100);
    await Promise.all([useGrid.getState().ensure(0, 50), useGrid.getState().ensure(0, 60)]);
    expect(bridge.inputsOf('recordsWindow')).toHaveLength(1);
  });

  it('sends the search, filters, formula and sort of the query, leaving empty parts out', async () => {
    const bridge = installBridge({ recordsWindow: pagedTable(10) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    useGrid.getState().setQuery({ search: 'alpha', sort: [{ fieldId: FIELDS.name.id, direction: 'desc' }] });
    await useGrid.getState().ensure(0, 5);
    expect(bridge.inputsOf('recordsWindow')[0]).toEqual({ profileId: PROFILE, tableId: TABLE, limit: PAGE_SIZE, search: 'alpha', sort: [{ fieldId: FIELDS.name.id, direction: 'desc' }] });
  });

  it('keeps the rows on screen after a refresh until the new copy of their page arrives', async () => {
    let answer: (input: WindowInput) => WindowPage | Promise<WindowPage> = pagedTable(10, 'Old');
    const bridge = installBridge({ recordsWindow: (input) => answer(input) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    await useGrid.getState().ensure(0, 5);
    const newPage = deferred<WindowPage>();
    answer = () => newPage.promise;
    useGrid.getState().reload();
    const reading = useGrid.getState().ensure(0, 5);
    await vi.waitFor(() => expect(bridge.inputsOf('recordsWindow')).toHaveLength(2));
    expect(nameAt(0)).toBe('Old 0');
    newPage.resolve(pagedTable(10, 'New')({ profileId: PROFILE, tableId: TABLE, limit: PAGE_SIZE }));
    await reading;
    expect(nameAt(0)).toBe('New 0');
  });

  it('ignores a page that arrives after the query changed', async () => {
    const late = deferred<WindowPage>();
    const bridge = installBridge({ recordsWindow: () => late.promise });
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    const reading = useGrid.getState().ensure(0, 5);
    await vi.waitFor(() => expect(bridge.inputsOf('recordsWindow')).toHaveLength(1));
    useGrid.getState().setQuery({ search: 'beta' });
    late.resolve(pagedTable(10, 'Stale')({ profileId: PROFILE, tableId: TABLE, limit: PAGE_SIZE }));
    await reading;
    expect(useGrid.getState()).toMatchObject({ rowCount: 0, complete: false, loading: false });
    expect(nameAt(0)).toBeUndefined();
  });

  it('says why the rows could not be read, and stops loading', async () => {
    installBridge({
      recordsWindow: () => {
        throw new Refusal('INTERNAL', 'The cache could not be read.');
      },
    });
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    await useGrid.getState().ensure(0, 5);
    expect(useGrid.getState()).toMatchObject({ error: 'The cache could not be read.', loading: false });
  });

  it('keeps the query when the same table is opened again', () => {
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    useGrid.getState().setQuery({ search: 'gamma' });
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    expect(useGrid.getState().query.search).toBe('gamma');
  });

  it('forgets the query, the selection and the undo steps when another table is opened', () => {
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    useGrid.getState().setQuery({ search: 'gamma' });
    useGrid.getState().select(2, 1);
    useGrid.setState({ undo: [{ kind: 'create', recordId: 'rec00000000000001' }] });
    useGrid.getState().open(PROFILE, BASE, 'tbl00000000000002', 10);
    expect(useGrid.getState()).toMatchObject({ query: { search: '' }, selected: null, undo: [] });
  });
});
