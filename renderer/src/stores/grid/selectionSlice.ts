import type { StateCreator } from 'zustand';
import type { GridState, SelectionSlice } from './types';

export const createSelectionSlice: StateCreator<GridState, [], [], SelectionSlice> = (set) => ({
  selected: null,
  checked: new Set(),
  select(row, col) {
    set({ selected: { row, col } });
  },
  toggleChecked(recordId) {
    set((s) => {
      const checked = new Set(s.checked);
      if (!checked.delete(recordId)) checked.add(recordId);
      return { checked };
    });
  },
  clearChecked() {
    set({ checked: new Set() });
  },
});
