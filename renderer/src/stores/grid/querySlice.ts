import type { StateCreator } from 'zustand';
import { call } from '../../lib/api';
import { PAGE_SIZE, pageArrived, refreshed, rowIn, startedOver, withoutFarPages } from './transitions';
import type { GridQuery, GridState, QuerySlice } from './types';
import { windowQuery } from './windowQuery';

export const emptyQuery: GridQuery = { search: '', filters: [], formula: '', sort: [] };

/**
 * Keyset pages fetched in order as the person scrolls, a cursor kept for every page so a
 * dropped page can be fetched again, and only the pages near the viewport kept in memory.
 */
export const createQuerySlice: StateCreator<GridState, [], [], QuerySlice> = (set, get) => {
  const beyondEnd = (k: number) => get().complete && k * PAGE_SIZE >= get().rowCount;

  const fetchPage = async (k: number, mine: number): Promise<void> => {
    const { profileId, tableId, query, cursors } = get();
    const page = await call('recordsWindow', windowQuery(profileId!, tableId!, query, PAGE_SIZE, cursors[k] ?? ''));
    if (mine === get().generation) set((s) => pageArrived(s, k, page));
  };

  const dropFarPages = (first: number, last: number) => {
    const dropped = withoutFarPages(get(), first, last);
    if (dropped) set(dropped);
  };

  /** Reads the missing pages of first…last, walking forward from the nearest known cursor. */
  const fetchChain = async (first: number, last: number, mine: number): Promise<void> => {
    set({ loading: true });
    try {
      for (let k = first; k <= last; k++) {
        if (get().fresh.has(k)) continue;
        let known = k;
        while (get().cursors[known] === undefined && known > 0) known--;
        // A page passed on the way is read too unless it is fresh: it gives the next one's cursor.
        for (let step = known; step <= k; step++) {
          if (beyondEnd(step)) return;
          if (!get().fresh.has(step) || step === k) await fetchPage(step, mine);
          if (mine !== get().generation) return;
        }
      }
      dropFarPages(first, last);
    } catch (error) {
      if (mine === get().generation) set({ error: error instanceof Error ? error.message : 'The records could not be read.' });
    } finally {
      if (mine === get().generation) set({ loading: false });
    }
  };

  return {
    profileId: null,
    baseId: null,
    tableId: null,
    query: emptyQuery,
    pages: new Map(),
    cursors: [''],
    rowCount: 0,
    complete: false,
    loading: false,
    version: 0,
    error: null,
    generation: 0,
    fetching: null,
    fresh: new Set(),
    open(profileId, baseId, tableId, estimate) {
      set((s) => {
        const same = s.profileId === profileId && s.tableId === tableId;
        return { ...startedOver(s), profileId, baseId, tableId, rowCount: estimate, ...(same ? {} : { query: emptyQuery, selected: null, undo: [] }) };
      });
    },
    setQuery(patch) {
      set((s) => ({ ...startedOver(s), query: { ...s.query, ...patch }, rowCount: 0, selected: null }));
    },
    reload() {
      set(refreshed);
    },
    async ensure(firstRow, lastRow) {
      if (!get().tableId) return;
      const mine = get().generation;
      const first = Math.max(0, Math.floor(firstRow / PAGE_SIZE));
      const last = Math.max(first, Math.floor(lastRow / PAGE_SIZE));
      // One fetch chain at a time: pages are read in order, since each needs the previous cursor.
      for (let chain = get().fetching; chain; chain = get().fetching) await chain;
      if (mine !== get().generation) return;
      dropFarPages(first, last);
      let missing = false;
      for (let k = first; k <= last && !missing; k++) missing = !get().fresh.has(k) && !beyondEnd(k);
      if (!missing) return;
      const run = fetchChain(first, last, mine);
      set({ fetching: run });
      try {
        await run;
      } finally {
        if (get().fetching === run) set({ fetching: null });
      }
    },
    rowAt(index) {
      return rowIn(get().pages, index);
    },
  };
};
