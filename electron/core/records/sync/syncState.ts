import type { SqlDatabase } from '../../platform/db/sqlite';
import type { RecordsRepository } from '../recordsRepository';

export interface TableSyncState {
  tableId: string;
  primaryFieldId: string;
  windowEnd: number | null;
  lastFullSyncAt: number | null;
}

/**
 * The one writer of `sync_state` (each table's full passes and modified-time windows) and
 * `webhooks` (each base's webhook and payload cursor).
 */
export class SyncStateRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly records: RecordsRepository,
  ) {}

  beginFullSync(baseId: string, tableId: string, startedAt: number): void {
    this.db
      .transaction(() =>
        this.db
          .prepare(
            `INSERT INTO sync_state (table_id, base_id, status, full_sync_started_at) VALUES (?, ?, 'syncing', ?)
             ON CONFLICT(table_id) DO UPDATE SET status = 'syncing', full_sync_started_at = excluded.full_sync_started_at, error = NULL`,
          )
          .run(tableId, baseId, startedAt),
      )
      .immediate();
  }

  /** After a complete read: whatever was not seen since the pass began was deleted upstream. Returns how many. */
  finishFullSync(tableId: string, startedAt: number, finishedAt: number): number {
    return this.db
      .transaction(() => {
        const gone = this.records.removeUnseen(tableId, startedAt);
        const count = (this.db.prepare('SELECT COUNT(*) AS n FROM records WHERE table_id = ?').get(tableId) as { n: number }).n;
        this.db.prepare("UPDATE sync_state SET status = 'synced', records = ?, last_full_sync_at = ?, error = NULL WHERE table_id = ?").run(count, finishedAt, tableId);
        return gone;
      })
      .immediate();
  }

  failSync(tableId: string, message: string): void {
    this.db.transaction(() => this.db.prepare("UPDATE sync_state SET status = 'error', error = ? WHERE table_id = ?").run(message, tableId)).immediate();
  }

  /** A base needs a full pass until every one of its tables has finished one (an interrupted first sync resumes). */
  needsFullSync(baseId: string): boolean {
    const state = this.db.prepare('SELECT COUNT(*) AS total, COUNT(last_full_sync_at) AS synced FROM sync_state WHERE base_id = ?').get(baseId) as { total: number; synced: number };
    return state.total === 0 || state.synced < state.total;
  }

  /** Bases the person has synced (completely or not: an interrupted first sync counts). */
  syncedBases(): string[] {
    return (this.db.prepare('SELECT DISTINCT base_id FROM sync_state ORDER BY base_id').all() as Array<{ base_id: string }>).map((r) => r.base_id);
  }

  /** Records counted at the end of the tables' last full passes (the estimate for progress). */
  recordsCounted(tableIds: readonly string[]): number {
    if (tableIds.length === 0) return 0;
    const row = this.db.prepare('SELECT SUM(records) AS n FROM sync_state WHERE table_id IN (SELECT value FROM json_each(?))').get(JSON.stringify(tableIds)) as { n: number | null };
    return row.n ?? 0;
  }

  recordsInBase(baseId: string): number {
    return (this.db.prepare('SELECT IFNULL(SUM(records), 0) AS n FROM sync_state WHERE base_id = ?').get(baseId) as { n: number }).n;
  }

  lastFullSyncAt(tableId: string): number | null {
    return (this.db.prepare('SELECT last_full_sync_at FROM sync_state WHERE table_id = ?').get(tableId) as { last_full_sync_at: number | null } | undefined)?.last_full_sync_at ?? null;
  }

  tables(baseId: string): TableSyncState[] {
    return (
      this.db.prepare('SELECT t.id, t.primary_field_id, s.window_end, s.last_full_sync_at FROM tables t JOIN sync_state s ON s.table_id = t.id WHERE t.base_id = ? ORDER BY t.position').all(baseId) as Array<{
        id: string;
        primary_field_id: string;
        window_end: number | null;
        last_full_sync_at: number | null;
      }>
    ).map((r) => ({ tableId: r.id, primaryFieldId: r.primary_field_id, windowEnd: r.window_end, lastFullSyncAt: r.last_full_sync_at }));
  }

  setWindowEnd(tableId: string, at: number): void {
    this.db.transaction(() => this.db.prepare('UPDATE sync_state SET window_end = ? WHERE table_id = ?').run(at, tableId)).immediate();
  }

  webhook(baseId: string): { webhookId: string; cursor: number } | undefined {
    const row = this.db.prepare('SELECT webhook_id, cursor FROM webhooks WHERE base_id = ?').get(baseId) as { webhook_id: string; cursor: number } | undefined;
    return row && { webhookId: row.webhook_id, cursor: row.cursor };
  }

  saveWebhook(baseId: string, webhookId: string, cursor: number, expiresAt: string | null): void {
    this.db
      .transaction(() =>
        this.db
          .prepare('INSERT INTO webhooks (base_id, webhook_id, cursor, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT(base_id) DO UPDATE SET webhook_id = excluded.webhook_id, cursor = excluded.cursor, expires_at = excluded.expires_at')
          .run(baseId, webhookId, cursor, expiresAt),
      )
      .immediate();
  }

  setCursor(baseId: string, cursor: number): void {
    this.db.transaction(() => this.db.prepare('UPDATE webhooks SET cursor = ? WHERE base_id = ?').run(cursor, baseId)).immediate();
  }

  forgetWebhook(baseId: string): void {
    this.db.transaction(() => this.db.prepare('DELETE FROM webhooks WHERE base_id = ?').run(baseId)).immediate();
  }
}
