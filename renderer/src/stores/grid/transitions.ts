import type { GridRecord, GridState, UndoStep } from './types';

export const PAGE_SIZE = 200;
/** Pages further than this from the visible ones are dropped, so memory stays flat at any size. */
const KEEP_PAGES = 6;
const UNDO_DEPTH = 50;

/** A new query: nothing shown belongs to it, and an answer still on its way is for the old one. */
export function startedOver(s: GridState): Partial<GridState> {
  return { generation: s.generation + 1, fetching: null, fresh: new Set(), pages: new Map(), cursors: [''], complete: false, loading: false, error: null, checked: new Set(), version: s.version + 1 };
}

/**
 * The same query, newer data (a sync finished, edits were sent, a record was added): the rows
 * on screen stay, and an open cell editor with them, until each page's new copy replaces them.
 */
export function refreshed(s: GridState): Partial<GridState> {
  return { generation: s.generation + 1, fetching: null, fresh: new Set(), loading: false, version: s.version + 1 };
}

export function pageArrived(s: GridState, k: number, page: { records: GridRecord[]; next: string | null }): Partial<GridState> {
  const pages = new Map(s.pages).set(k, page.records);
  const cursors = [...s.cursors];
  if (page.next) cursors[k + 1] = page.next;
  const loadedRows = k * PAGE_SIZE + page.records.length;
  const complete = page.next === null;
  return {
    pages,
    cursors,
    fresh: new Set(s.fresh).add(k),
    complete,
    rowCount: complete ? loadedRows : Math.max(s.rowCount, loadedRows + 1),
    version: s.version + 1,
    error: null,
  };
}

/** Drops the pages far from first…last; null when there are none, so nothing re-renders. */
export function withoutFarPages(s: GridState, first: number, last: number): Partial<GridState> | null {
  const far = [...s.pages.keys()].filter((k) => k < first - KEEP_PAGES || k > last + KEEP_PAGES);
  if (far.length === 0) return null;
  const pages = new Map(s.pages);
  const fresh = new Set(s.fresh);
  for (const k of far) {
    pages.delete(k);
    fresh.delete(k);
  }
  return { pages, fresh };
}

/** The record changed wherever it is loaded (it may be on no page at all). */
export function withRecord(s: GridState, recordId: string, patch: (r: GridRecord) => GridRecord): Partial<GridState> {
  const pages = new Map(s.pages);
  for (const [k, rows] of pages) if (rows.some((r) => r.id === recordId)) pages.set(k, rows.map((r) => (r.id === recordId ? patch(r) : r)));
  return { pages, version: s.version + 1 };
}

export function withUndo(s: GridState, step: UndoStep): Partial<GridState> {
  return { undo: [...s.undo.slice(-(UNDO_DEPTH - 1)), step] };
}

export function rowIn(pages: Map<number, GridRecord[]>, index: number): GridRecord | undefined {
  return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}
