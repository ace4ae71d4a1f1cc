import type { ProfileApi } from '../../airtable/profileApi';
import type { CacheStore } from '../cache/cacheStore';
import type { Clock } from '../../ports';

export interface SyncProgress {
  baseId: string;
  phase: 'schema' | 'records' | 'done';
  tablesTotal: number;
  tablesDone: number;
  records: number;
  /** Seconds left, estimated from the last sync's record counts; null when nothing is known yet. */
  secondsLeft: number | null;
}

export interface SyncResult {
  tables: number;
  records: number;
  deleted: number;
}

/**
 * A full pull of one base into the cache: the schema first (so renamed, added and removed fields
 * and tables are followed by id), then every table's records, all tables at once through the
 * scheduler (background priority, so a person's clicks go first). Records not seen in a complete
 * pass were deleted upstream and are removed. Cancellable with an AbortSignal; an interrupted
 * sync leaves what it saved and starts the table's pass again next time, without duplicates.
 */
export class BaseSync {
  constructor(
    private readonly api: ProfileApi,
    private readonly store: CacheStore,
    private readonly clock: Clock,
  ) {}

  async run(baseId: string, options: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncResult> {
    const { signal, onProgress } = options;
    const call = { priority: 'background' as const, ...(signal ? { signal } : {}) };
    onProgress?.({ baseId, phase: 'schema', tablesTotal: 0, tablesDone: 0, records: 0, secondsLeft: null });
    const tables = await this.api.meta.baseSchema(baseId, call);
    this.store.saveSchema(baseId, tables);
    const expected = this.expectedRecords(tables.map((t) => t.id));
    const started = this.clock.monotonic();
    let records = 0;
    let tablesDone = 0;
    let deleted = 0;
    const report = (phase: SyncProgress['phase']) => {
      const elapsed = (this.clock.monotonic() - started) / 1000;
      const secondsLeft = expected > 0 && records > 0 ? Math.max(0, (elapsed / records) * Math.max(0, expected - records)) : null;
      onProgress?.({ baseId, phase, tablesTotal: tables.length, tablesDone, records, secondsLeft });
    };
    report('records');
    await Promise.all(
      tables.map(async (table) => {
        const passStarted = this.clock.now();
        this.store.beginFullSync(baseId, table.id, passStarted);
        try {
          for await (const page of this.api.records.pages(baseId, table.id, { pageSize: 100 }, call)) {
            this.store.saveRecords(table.id, page, this.clock.now());
            records += page.length;
            report('records');
          }
        } catch (error) {
          this.store.failSync(table.id, error instanceof Error ? error.message : 'sync failed');
          throw error;
        }
        deleted += this.store.finishFullSync(table.id, passStarted, this.clock.now());
        tablesDone++;
        report('records');
      }),
    );
    report('done');
    return { tables: tables.length, records, deleted };
  }

  private expectedRecords(tableIds: string[]): number {
    if (tableIds.length === 0) return 0;
    const row = this.store.db.prepare(`SELECT SUM(records) AS n FROM sync_state WHERE table_id IN (SELECT value FROM json_each(?))`).get(JSON.stringify(tableIds)) as { n: number | null };
    return row.n ?? 0;
  }
}
