import { describe, expect, it, vi } from 'vitest';
import { useGrid } from '../../../renderer/src/stores/gridStore';
import { installBridge } from './fakeBridge';
import { BASE, pagedTable, PROFILE, TABLE } from './fixtures';

vi.mock('zustand');

// The two tests run in order: the first leaves a read table behind, the second must not see it.
describe('store reset between tests', () => {
  it('leaves a table with pages, cursors and ticked rows behind', async () => {
    installBridge({ recordsWindow: pagedTable(500) });
    useGrid.getState().open(PROFILE, BASE, TABLE, 500);
    useGrid.getState().toggleChecked('rec00000000000001');
    await useGrid.getState().ensure(0, 300);
    expect(useGrid.getState().fresh.size).toBe(2);
  });

  it('starts the next test from the initial state, the grid’s fetch bookkeeping included', () => {
    const state = useGrid.getState();
    expect(state).toEqual(useGrid.getInitialState());
    expect(state).toMatchObject({ tableId: null, generation: 0, fetching: null, cursors: [''], rowCount: 0 });
    expect(state.fresh.size + state.pages.size + state.checked.size).toBe(0);
  });
});
