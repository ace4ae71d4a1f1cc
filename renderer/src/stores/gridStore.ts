import { create } from 'zustand';
import { createEditsSlice } from './grid/editsSlice';
import { createQuerySlice } from './grid/querySlice';
import { createSelectionSlice } from './grid/selectionSlice';
import type { GridState } from './grid/types';

export { PAGE_SIZE } from './grid/transitions';
export type { GridFilter, GridQuery, GridRecord, GridState } from './grid/types';

/**
 * The records grid: the table and query shown with the pages read so far, the selection, and
 * the edits that can be undone. Everything lives in the store, the fetch in flight included,
 * so setting it back to its initial state (as tests do) leaves nothing of the last table behind.
 */
export const useGrid = create<GridState>()((...a) => ({
  ...createQuerySlice(...a),
  ...createSelectionSlice(...a),
  ...createEditsSlice(...a),
}));
