import type { SqlDatabase } from '../platform/db/sqlite';
import { recordText } from './recordText';

/**
 * The full-text index shares the records table's rowid, so updating or removing one record's
 * entry is a rowid lookup, not a scan of the index.
 */
export function reindex(db: SqlDatabase, recordId: string): void {
  const row = db.prepare('SELECT rowid, cells, pending FROM records WHERE id = ?').get(recordId) as { rowid: number; cells: string; pending: number } | undefined;
  if (!row) return;
  db.prepare('DELETE FROM records_fts WHERE rowid = ?').run(row.rowid);
  if (row.pending !== 2) db.prepare('INSERT INTO records_fts (rowid, text) VALUES (?, ?)').run(row.rowid, recordText(JSON.parse(row.cells) as Record<string, unknown>));
}

/** Call before deleting the record row. */
export function unindex(db: SqlDatabase, recordId: string): void {
  db.prepare('DELETE FROM records_fts WHERE rowid = (SELECT rowid FROM records WHERE id = ?)').run(recordId);
}
