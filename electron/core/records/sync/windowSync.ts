import type { ProfileApi } from '../../airtable';
import type { RecordsRepository } from '../recordsRepository';
import type { SyncStateRepository } from './syncState';
import type { Clock } from '../../ports';

/** Clock difference tolerated between us and Airtable when choosing where a window starts. */
const SKEW_MS = 60_000;

export interface WindowResult {
  /** Tables with records read in a window or found deleted (their views' lists may have moved). */
  changedTables: Set<string>;
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
  constructor(private readonly deps: { api: ProfileApi; records: RecordsRepository; state: SyncStateRepository; clock: Clock }) {}

  async run(baseId: string, options: { findDeletions: boolean; signal?: AbortSignal }): Promise<WindowResult> {
    const { api, records, state, clock } = this.deps;
    const call = { priority: 'background' as const, ...(options.signal ? { signal: options.signal } : {}) };
    const result: WindowResult = { changedTables: new Set(), changed: 0, deleted: 0, calls: 0 };
    for (const table of state.tables(baseId)) {
      const since = (table.windowEnd ?? table.lastFullSyncAt ?? 0) - SKEW_MS;
      const windowStart = clock.now();
      const formula = `IS_AFTER(LAST_MODIFIED_TIME(), '${new Date(Math.max(0, since)).toISOString()}')`;
      for await (const page of api.records.pages(baseId, table.tableId, { filterByFormula: formula }, { ...call, onProgress: () => result.calls++ })) {
        records.upsertFromAirtable(table.tableId, page, clock.now());
        result.changed += page.length;
        result.changedTables.add(table.tableId);
      }
      if (options.findDeletions) {
        const alive = new Set<string>();
        for await (const page of api.records.pages(baseId, table.tableId, { fields: [table.primaryFieldId] }, { ...call, onProgress: () => result.calls++ })) for (const record of page) alive.add(record.id);
        const deleted = records.removeIfSynced(records.syncedIds(table.tableId).filter((id) => !alive.has(id)));
        if (deleted > 0) result.changedTables.add(table.tableId);
        result.deleted += deleted;
      }
      state.setWindowEnd(table.tableId, windowStart);
    }
    return result;
  }
}
