import { create } from 'zustand';
import { call } from '../lib/api';
import { cellText, type FieldInfo } from '../lib/cells';
import { csvLine } from '../../../shared/domain/csv';
import { windowQuery } from './grid/windowQuery';
import { useGrid, type GridQuery, type GridRecord } from './gridStore';

export interface LinkedRecord {
  tableId: string;
  record: GridRecord;
}

export interface RecordDetail {
  profileId: string;
  recordId: string;
  /** Null until the cache answers (and when it does not have the record). */
  record: GridRecord | null;
  linked: Map<string, LinkedRecord>;
}

interface RecordsState {
  /** The record open in the detail panel, and the records its links point to, for their names. */
  detail: RecordDetail | null;
  /** Bumped by every read of the open record: an answer for an older read is thrown away. */
  detailRead: number;
  /** Rows written so far by the CSV export under way; null when none runs. */
  exportedRows: number | null;
  recordOpened: (profileId: string, recordId: string, linkFieldIds: string[]) => Promise<void>;
  detailCellEdited: (fieldId: string, value: unknown) => Promise<void>;
  exportRequested: (profileId: string, tableId: string, query: GridQuery, fields: FieldInfo[]) => Promise<string>;
}

/** records:get takes this many ids; a record linking to more shows the rest by id. */
const GET_BATCH = 200;
/** Export pages are larger than the grid's: nobody scrolls them, and fewer calls finish sooner. */
const EXPORT_PAGE = 500;

/** Records read from the cache outside the grid: the one open in the detail panel, and CSV exports. */
export const useRecords = create<RecordsState>()((set, get) => ({
  detail: null,
  detailRead: 0,
  exportedRows: null,
  async recordOpened(profileId, recordId, linkFieldIds) {
    const mine = get().detailRead + 1;
    // Read again after a change (same record): keep showing it until the new copy arrives.
    set((s) => ({ detailRead: mine, detail: s.detail?.profileId === profileId && s.detail.recordId === recordId ? s.detail : { profileId, recordId, record: null, linked: new Map() } }));
    const [found] = (await call('recordsGet', { profileId, recordIds: [recordId] })).records;
    if (get().detailRead !== mine) return;
    const record = found?.record ?? null;
    set((s) => ({ detail: { profileId, recordId, record, linked: s.detail?.linked ?? new Map<string, LinkedRecord>() } }));
    const ids = linkFieldIds.flatMap((id) => {
      const value = record?.cells[id];
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    });
    if (ids.length === 0) return;
    const links = await call('recordsGet', { profileId, recordIds: ids.slice(0, GET_BATCH) });
    if (get().detailRead === mine) set((s) => ({ detail: s.detail && { ...s.detail, linked: new Map(links.records.map((l) => [l.record.id, l])) } }));
  },
  detailCellEdited(fieldId, value) {
    const detail = get().detail;
    if (!detail?.record) return Promise.resolve();
    set({ detail: { ...detail, record: { ...detail.record, pending: true, cells: { ...detail.record.cells, [fieldId]: value } } } });
    // The grid sends it and keeps it for undo; its new version makes the panel read the record again.
    return useGrid.getState().updateCell(detail.recordId, fieldId, value);
  },
  async exportRequested(profileId, tableId, query, fields) {
    // Page by page, so progress can be shown and a large table never needs one huge answer.
    set({ exportedRows: 0 });
    try {
      const lines = [csvLine(fields.map((f) => f.name))];
      let after = '';
      do {
        const page = await call('recordsWindow', windowQuery(profileId, tableId, query, EXPORT_PAGE, after));
        for (const record of page.records) lines.push(csvLine(fields.map((f) => cellText(f, record.cells[f.id]))));
        set({ exportedRows: lines.length - 1 });
        after = page.next ?? '';
      } while (after);
      return `${lines.join('\r\n')}\r\n`;
    } finally {
      set({ exportedRows: null });
    }
  },
}));
