import type { SqlDatabase } from '../../platform/db/sqlite';

/**
 * The one writer of `view_records` (each view's records, in its order) and `view_syncs` (when a
 * view's list was last read, and whether changes since may have moved records in or out).
 */
export class ViewMembersRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Replaces a view's list with Airtable's, in order. */
  replace(viewId: string, recordIds: readonly string[], at: number): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM view_records WHERE view_id = ?').run(viewId);
        const insert = this.db.prepare('INSERT INTO view_records (view_id, position, record_id) VALUES (?, ?, ?)');
        recordIds.forEach((id, position) => insert.run(viewId, position, id));
        this.db.prepare('INSERT INTO view_syncs (view_id, synced_at, stale) VALUES (?, ?, 0) ON CONFLICT(view_id) DO UPDATE SET synced_at = excluded.synced_at, stale = 0').run(viewId, at);
      })
      .immediate();
  }

  /** Records of these tables changed upstream: their views' lists may be out of date. */
  markStale(tableIds: readonly string[]): void {
    if (tableIds.length === 0) return;
    this.db
      .transaction(() => this.db.prepare('UPDATE view_syncs SET stale = 1 WHERE view_id IN (SELECT id FROM views WHERE table_id IN (SELECT value FROM json_each(?)))').run(JSON.stringify(tableIds)))
      .immediate();
  }

  state(viewId: string): { syncedAt: number; stale: boolean } | undefined {
    const row = this.db.prepare('SELECT synced_at, stale FROM view_syncs WHERE view_id = ?').get(viewId) as { synced_at: number; stale: number } | undefined;
    return row && { syncedAt: row.synced_at, stale: row.stale === 1 };
  }
}
