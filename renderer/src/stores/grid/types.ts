import type { MethodInput, MethodOutput } from '../../../../shared/ipc/contract';

export type GridRecord = MethodOutput<'recordsWindow'>['records'][number];
export type WindowQuery = MethodInput<'recordsWindow'>;
export type GridFilter = NonNullable<WindowQuery['filters']>[number];
export type GridSort = NonNullable<WindowQuery['sort']>[number];

export interface GridQuery {
  search: string;
  filters: GridFilter[];
  formula: string;
  sort: GridSort[];
}

/** One change the person can undo with Cmd/Ctrl+Z. */
export type UndoStep =
  | { kind: 'cell'; recordId: string; fieldId: string; before: unknown; after: unknown }
  | { kind: 'delete'; records: GridRecord[] }
  | { kind: 'create'; recordId: string };

/** Which table is shown, with which query, and the pages of it read so far. */
export interface QuerySlice {
  profileId: string | null;
  baseId: string | null;
  tableId: string | null;
  query: GridQuery;
  /** Loaded pages by index; page k holds rows k*PAGE_SIZE … (k+1)*PAGE_SIZE-1. */
  pages: Map<number, GridRecord[]>;
  /** cursors[k] is the keyset cursor page k starts after ('' for the first page). */
  cursors: string[];
  /** Rows known to exist: exact once the last page was read, otherwise an estimate. */
  rowCount: number;
  complete: boolean;
  loading: boolean;
  /** Bumped on every change to the rows, so views re-render and open panels re-read. */
  version: number;
  error: string | null;
  /** Bumped by every new query or refresh: an answer for an older one is thrown away. */
  generation: number;
  /** The fetch chain under way: pages are read one after another, each after the previous cursor. */
  fetching: Promise<void> | null;
  /** Pages read since the last new query or refresh; the others are shown until their new copy arrives. */
  fresh: Set<number>;
  open: (profileId: string, baseId: string, tableId: string, estimate: number) => void;
  setQuery: (patch: Partial<GridQuery>) => void;
  ensure: (firstRow: number, lastRow: number) => Promise<void>;
  rowAt: (index: number) => GridRecord | undefined;
  reload: () => void;
}

/** The cell with the keyboard focus and the rows ticked for a bulk action. */
export interface SelectionSlice {
  selected: { row: number; col: number } | null;
  checked: Set<string>;
  select: (row: number, col: number) => void;
  toggleChecked: (recordId: string) => void;
  clearChecked: () => void;
}

/** Changes made from the grid, each shown at once and kept for undo. */
export interface EditsSlice {
  undo: UndoStep[];
  updateCell: (recordId: string, fieldId: string, value: unknown) => Promise<void>;
  createRecord: (fields: Record<string, unknown>) => Promise<string>;
  duplicateRecord: (record: GridRecord) => Promise<string>;
  deleteRecords: (records: GridRecord[]) => Promise<void>;
  /** Deletes the ticked rows, reading their values first so undo can bring them back. */
  deleteCheckedRequested: () => Promise<void>;
  undoLast: () => Promise<boolean>;
}

export type GridState = QuerySlice & SelectionSlice & EditsSlice;
