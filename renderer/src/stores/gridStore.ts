import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import { call } from '../lib/api';

export type GridRecord = MethodOutput<'recordsWindow'>['records'][number];
type Query = MethodInput<'recordsWindow'>;
export type GridFilter = NonNullable<Query['filters']>[number];
export type GridSort = NonNullable<Query['sort']>[number];

export interface GridQuery {
  search: string;
  filters: GridFilter[];
  formula: string;
  sort: GridSort[];
}

/** One change the person can undo with Cmd/Ctrl+Z. */
type UndoStep =
  | { kind: 'cell'; recordId: string; fieldId: string; before: unknown; after: unknown }
  | { kind: 'delete'; records: GridRecord[] }
  | { kind: 'create'; recordId: string };

export const PAGE_SIZE = 200;
/** Pages further than this from the visible one are dropped, so memory stays flat at any size. */
const KEEP_PAGES = 6;

const emptyQuery: GridQuery = { search: '', filters: [], formula: '', sort: [] };

interface GridState {
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
  version: number;
  error: string | null;
  selected: { row: number; col: number } | null;
  checked: Set<string>;
  undo: UndoStep[];
  open: (profileId: string, baseId: string, tableId: string, estimate: number) => void;
  setQuery: (patch: Partial<GridQuery>) => void;
  ensure: (firstRow: number, lastRow: number) => Promise<void>;
  rowAt: (index: number) => GridRecord | undefined;
  select: (row: number, col: number) => void;
  toggleChecked: (recordId: string) => void;
  clearChecked: () => void;
  updateCell: (recordId: string, fieldId: string, value: unknown) => Promise<void>;
  createRecord: (fields: Record<string, unknown>) => Promise<string>;
  duplicateRecord: (record: GridRecord) => Promise<string>;
  deleteRecords: (records: GridRecord[]) => Promise<void>;
  undoLast: () => Promise<boolean>;
  reload: () => void;
}

let generation = 0;
let fetching: Promise<void> | null = null;
/** Pages read since the last reset or reload; the others are shown until their new copy arrives. */
let fresh = new Set<number>();

/**
 * The records grid's data: keyset pages fetched in order as the person scrolls, a cursor kept
 * for every page so a dropped page can be fetched again, and only the pages near the viewport
 * kept in memory. Edits are shown at once (pending) and go through the outbox.
 */
export const useGrid = create<GridState>((set, get) => {
  const queryFor = (after: string): Query => {
    const { profileId, tableId, query } = get();
    return {
      profileId: profileId!,
      tableId: tableId!,
      limit: PAGE_SIZE,
      ...(after ? { after } : {}),
      ...(query.search.trim() ? { search: query.search } : {}),
      ...(query.filters.length ? { filters: query.filters } : {}),
      ...(query.formula.trim() ? { formula: query.formula } : {}),
      ...(query.sort.length ? { sort: query.sort } : {}),
    };
  };

  const fetchPage = async (k: number, mine: number): Promise<void> => {
    const window = await call('recordsWindow', queryFor(get().cursors[k] ?? ''));
    if (mine !== generation) return;
    fresh.add(k);
    const state = get();
    const pages = new Map(state.pages);
    pages.set(k, window.records);
    const cursors = [...state.cursors];
    const loadedRows = k * PAGE_SIZE + window.records.length;
    if (window.next) cursors[k + 1] = window.next;
    const complete = window.next === null;
    set({
      pages,
      cursors,
      complete,
      rowCount: complete ? loadedRows : Math.max(state.rowCount, loadedRows + 1),
      version: state.version + 1,
      error: null,
    });
  };

  const patchRecord = (recordId: string, patch: (r: GridRecord) => GridRecord) => {
    const pages = new Map(get().pages);
    for (const [k, rows] of pages) if (rows.some((r) => r.id === recordId)) pages.set(k, rows.map((r) => (r.id === recordId ? patch(r) : r)));
    set({ pages, version: get().version + 1 });
  };

  const evictFar = (first: number, last: number) => {
    const far = [...get().pages.keys()].filter((k) => k < first - KEEP_PAGES || k > last + KEEP_PAGES);
    if (far.length === 0) return;
    const pages = new Map(get().pages);
    for (const k of far) {
      pages.delete(k);
      fresh.delete(k);
    }
    set({ pages });
  };

  /** A new query: nothing shown belongs to it. */
  const reset = (extra: Partial<GridState> = {}) => {
    generation++;
    fetching = null;
    fresh = new Set();
    set({ pages: new Map(), cursors: [''], complete: false, loading: false, error: null, checked: new Set(), version: get().version + 1, ...extra });
  };

  /**
   * The same query, newer data (a sync finished, edits were sent, a record was added): the rows
   * on screen stay, and an open cell editor with them, until each page's new copy replaces them.
   */
  const refresh = (extra: Partial<GridState> = {}) => {
    generation++;
    fetching = null;
    fresh = new Set();
    set({ loading: false, version: get().version + 1, ...extra });
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
    selected: null,
    checked: new Set(),
    undo: [],
    open(profileId, baseId, tableId, estimate) {
      const same = get().profileId === profileId && get().tableId === tableId;
      reset({ profileId, baseId, tableId, rowCount: estimate, ...(same ? {} : { query: emptyQuery, selected: null, undo: [] }) });
    },
    setQuery(patch) {
      reset({ query: { ...get().query, ...patch }, rowCount: 0, selected: null });
    },
    reload() {
      refresh();
    },
    async ensure(firstRow, lastRow) {
      if (!get().tableId) return;
      const mine = generation;
      const first = Math.max(0, Math.floor(firstRow / PAGE_SIZE));
      const last = Math.max(first, Math.floor(lastRow / PAGE_SIZE));
      // One fetch chain at a time: pages are read in order, since each needs the previous cursor.
      while (fetching) await fetching;
      if (mine !== generation) return;
      evictFar(first, last);
      let missing = false;
      for (let k = first; k <= last && !missing; k++) missing = !fresh.has(k) && !(get().complete && k * PAGE_SIZE >= get().rowCount);
      if (!missing) return;
      const run = (async () => {
        set({ loading: true });
        try {
          for (let k = first; k <= last; k++) {
            if (fresh.has(k)) continue;
            // Walk forward from the nearest known cursor; pages passed on the way are not kept.
            let known = k;
            while (get().cursors[known] === undefined && known > 0) known--;
            for (let step = known; step <= k; step++) {
              if (get().complete && step * PAGE_SIZE >= get().rowCount) return;
              if (!fresh.has(step) || step === k) await fetchPage(step, mine);
              if (mine !== generation) return;
            }
          }
          evictFar(first, last);
        } catch (error) {
          if (mine === generation) set({ error: error instanceof Error ? error.message : 'The records could not be read.' });
        } finally {
          if (mine === generation) set({ loading: false });
        }
      })();
      fetching = run;
      try {
        await run;
      } finally {
        if (fetching === run) fetching = null;
      }
    },
    rowAt(index) {
      return get().pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },
    select(row, col) {
      set({ selected: { row, col } });
    },
    toggleChecked(recordId) {
      const checked = new Set(get().checked);
      if (!checked.delete(recordId)) checked.add(recordId);
      set({ checked });
    },
    clearChecked() {
      set({ checked: new Set() });
    },
    async updateCell(recordId, fieldId, value) {
      const { profileId, baseId, tableId } = get();
      let before: unknown;
      patchRecord(recordId, (r) => {
        before = r.cells[fieldId];
        return { ...r, pending: true, cells: { ...r.cells, [fieldId]: value } };
      });
      try {
        await call('recordsUpdate', { profileId: profileId!, baseId: baseId!, tableId: tableId!, recordId, fields: { [fieldId]: value } });
        set({ undo: [...get().undo.slice(-49), { kind: 'cell', recordId, fieldId, before, after: value }] });
      } catch (error) {
        patchRecord(recordId, (r) => ({ ...r, cells: { ...r.cells, [fieldId]: before } }));
        throw error;
      }
    },
    async createRecord(fields) {
      const { profileId, baseId, tableId } = get();
      const { id } = await call('recordsCreate', { profileId: profileId!, baseId: baseId!, tableId: tableId!, fields });
      set({ undo: [...get().undo.slice(-49), { kind: 'create', recordId: id }] });
      refresh({ rowCount: get().rowCount + 1, complete: false });
      return id;
    },
    duplicateRecord(record) {
      return get().createRecord(writableCells(record.cells));
    },
    async deleteRecords(records) {
      const { profileId, baseId, tableId } = get();
      for (const record of records) await call('recordsDelete', { profileId: profileId!, baseId: baseId!, tableId: tableId!, recordId: record.id });
      set({ undo: [...get().undo.slice(-49), { kind: 'delete', records }], checked: new Set() });
      refresh({ rowCount: Math.max(0, get().rowCount - records.length) });
    },
    async undoLast() {
      const step = get().undo.at(-1);
      if (!step) return false;
      set({ undo: get().undo.slice(0, -1) });
      const { profileId, baseId, tableId } = get();
      const where = { profileId: profileId!, baseId: baseId!, tableId: tableId! };
      if (step.kind === 'cell') {
        patchRecord(step.recordId, (r) => ({ ...r, pending: true, cells: { ...r.cells, [step.fieldId]: step.before } }));
        await call('recordsUpdate', { ...where, recordId: step.recordId, fields: { [step.fieldId]: step.before ?? null } });
      } else if (step.kind === 'create') {
        await call('recordsDelete', { ...where, recordId: step.recordId });
        refresh({ rowCount: Math.max(0, get().rowCount - 1) });
      } else {
        // Airtable has no undelete: the records come back as new records with the same values.
        for (const record of step.records) await call('recordsCreate', { ...where, fields: writableCells(record.cells) });
        refresh({ rowCount: get().rowCount + step.records.length, complete: false });
      }
      return true;
    },
  };
});

/** The table's writable fields by id and type: computed values cannot be written back. */
let writableFields: Map<string, string> | null = null;
export function setWritableFields(fields: Array<{ id: string; type: string }>): void {
  writableFields = new Map(fields.map((f) => [f.id, f.type]));
}

/** A record's values in the shape Airtable accepts on create (files by URL, people by id). */
function writableCells(cells: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(cells)) {
    const type = writableFields?.get(id);
    if (writableFields && !type) continue;
    if (type === 'multipleAttachments' && Array.isArray(value)) out[id] = (value as Array<{ url?: string; filename?: string }>).filter((a) => a.url).map((a) => ({ url: a.url, filename: a.filename }));
    else if (type === 'singleCollaborator' && value && typeof value === 'object') out[id] = { id: (value as { id?: string }).id };
    else if (type === 'multipleCollaborators' && Array.isArray(value)) out[id] = (value as Array<{ id?: string }>).map((c) => ({ id: c.id }));
    else out[id] = value;
  }
  return out;
}
