import type { ProfileApi } from '../../airtable';
import type { SchemaRepository } from '../cache/schemaRepository';
import type { RecordsRepository } from '../recordsRepository';
import type { SyncStateRepository } from './syncState';
import type { Clock } from '../../ports';

export interface SyncProgress {
  baseId: string;
  phase: 'schema' | 'records' | 'done';
  tablesTotal: number;
  tablesDone: number;
  records: number;
  /** Records at the tables' last complete passes; null on a first sync (Airtable does not say how many). */
  expectedRecords: number | null;
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
    private readonly deps: { api: ProfileApi; schema: SchemaRepository; records: RecordsRepository; state: SyncStateRepository; clock: Clock },
  ) {}

  async run(baseId: string, options: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncResult> {
    const { signal, onProgress } = options;
    const call = { priority: 'background' as const, ...(signal ? { signal } : {}) };
    onProgress?.({ baseId, phase: 'schema', tablesTotal: 0, tablesDone: 0, records: 0, expectedRecords: null, secondsLeft: null });
    const { api, schema, records: repository, state, clock } = this.deps;
    const tables = await api.meta.baseSchema(baseId, call);
    schema.saveSchema(baseId, tables);
    const expected = state.recordsCounted(tables.map((t) => t.id));
    const started = clock.monotonic();
    let records = 0;
    let tablesDone = 0;
    let deleted = 0;
    const report = (phase: SyncProgress['phase']) => {
      const elapsed = (clock.monotonic() - started) / 1000;
      const secondsLeft = expected > 0 && records > 0 ? Math.max(0, (elapsed / records) * Math.max(0, expected - records)) : null;
      onProgress?.({ baseId, phase, tablesTotal: tables.length, tablesDone, records, expectedRecords: expected > 0 ? expected : null, secondsLeft });
    };
    report('records');
    await Promise.all(
      tables.map(async (table) => {
        const passStarted = clock.now();
        state.beginFullSync(baseId, table.id, passStarted);
        try {
          for await (const page of api.records.pages(baseId, table.id, { pageSize: 100 }, call)) {
            repository.upsertFromAirtable(table.id, page, clock.now());
            records += page.length;
            report('records');
          }
        } catch (error) {
          state.failSync(table.id, error instanceof Error ? error.message : 'sync failed');
          throw error;
        }
        deleted += state.finishFullSync(table.id, passStarted, clock.now());
        tablesDone++;
        report('records');
      }),
    );
    report('done');
    return { tables: tables.length, records, deleted };
  }
}
