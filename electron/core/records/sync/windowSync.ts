import type { ProfileApi } from '../../airtable/profileApi';
import type { CacheStore } from '../cache/cacheStore';
import { unindex } from '../searchIndex';
import type { Clock } from '../../ports';

/** Clock difference tolerated between us and Airtable when choosing where a window starts. */
const SKEW_MS = 60_000;

export interface WindowResult {
  changed: number;
  deleted: number;
  calls: number;
}

/**
 * Incremental sync without webhooks (a grant without `webhook:manage`): records modified since
 * the last window, found with `IS_AFTER(LAST_MODIFIED_TIME(), …)`, and, when asked, an id-only
 * pass (one cheap field per record) that finds deletions. Records that move while the window is
 * being paged are simply read again next time.
 */
export class WindowSync {
  constructor(
    private readonly api: ProfileApi,
    private readonly store: CacheStore,
    private readonly clock: Clock,
  ) {}

  async run(baseId: string, options: { findDeletions: boolean; signal?: AbortSignal }): Promise<WindowResult> {
    const call = { priority: 'background' as const, ...(options.signal ? { signal: options.signal } : {}) };
    const tables = this.store.db.prepare('SELECT t.id, t.primary_field_id, s.window_end, s.last_full_sync_at FROM tables t JOIN sync_state s ON s.table_id = t.id WHERE t.base_id = ?').all(baseId) as Array<{
      id: string;
      primary_field_id: string;
      window_end: number | null;
      last_full_sync_at: number | null;
    }>;
    const result: WindowResult = { changed: 0, deleted: 0, calls: 0 };
    for (const table of tables) {
      const since = (table.window_end ?? table.last_full_sync_at ?? 0) - SKEW_MS;
      const windowStart = this.clock.now();
      const formula = `IS_AFTER(LAST_MODIFIED_TIME(), '${new Date(Math.max(0, since)).toISOString()}')`;
      for await (const page of this.api.records.pages(baseId, table.id, { filterByFormula: formula }, { ...call, onProgress: () => result.calls++ })) {
        this.store.saveRecords(table.id, page, this.clock.now());
        result.changed += page.length;
      }
      if (options.findDeletions) {
        const alive = new Set<string>();
        for await (const page of this.api.records.pages(baseId, table.id, { fields: [table.primary_field_id] }, { ...call, onProgress: () => result.calls++ })) for (const record of page) alive.add(record.id);
        const cached = this.store.db.prepare('SELECT id FROM records WHERE table_id = ? AND pending = 0').all(table.id) as Array<{ id: string }>;
        this.store.db
          .transaction(() => {
            for (const { id } of cached) {
              if (alive.has(id)) continue;
              unindex(this.store.db, id);
              this.store.db.prepare('DELETE FROM records WHERE id = ?').run(id);
              result.deleted++;
            }
          })
          .immediate();
      }
      this.store.db.transaction(() => this.store.db.prepare('UPDATE sync_state SET window_end = ? WHERE table_id = ?').run(windowStart, table.id)).immediate();
    }
    return result;
  }
}
