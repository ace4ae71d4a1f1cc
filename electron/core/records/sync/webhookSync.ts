import { AirtableError } from '../../airtable/airtableError';
import type { ProfileApi } from '../../airtable/profileApi';
import type { CacheStore, CachedField } from '../cache/cacheStore';
import { reindex, unindex } from '../searchIndex';
import type { Clock } from '../../ports';

export interface PullResult {
  payloads: number;
  created: number;
  changed: number;
  destroyed: number;
  schemaChanged: boolean;
  /** The webhook broke or expired: a full sync is needed (and a new webhook was made). */
  needsFullSync: boolean;
  calls: number;
}

type Cells = Record<string, unknown>;
interface TableChanges {
  createdRecordsById?: Record<string, { createdTime: string; cellValuesByFieldId?: Cells }>;
  changedRecordsById?: Record<string, { current: { cellValuesByFieldId?: Cells } }>;
  destroyedRecordIds?: string[];
  createdFieldsById?: unknown;
  changedFieldsById?: unknown;
  destroyedFieldIds?: string[];
  changedMetadata?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Incremental sync through a webhook whose payloads are polled with a stored cursor: a handful
 * of calls per sync instead of re-reading every record. Reading payloads also extends the
 * webhook's 7-day life. A broken or expired webhook is replaced and a full sync requested.
 */
export class WebhookSync {
  constructor(
    private readonly api: ProfileApi,
    private readonly store: CacheStore,
    private readonly clock: Clock,
  ) {}

  /** Makes sure the base has a live webhook; returns false when it had to be (re)created. */
  async ensure(baseId: string, signal?: AbortSignal): Promise<boolean> {
    const call = { priority: 'background' as const, ...(signal ? { signal } : {}) };
    const row = this.store.db.prepare('SELECT webhook_id FROM webhooks WHERE base_id = ?').get(baseId) as { webhook_id: string } | undefined;
    if (row) {
      const live = (await this.api.webhooks.list(baseId, call)).find((w) => w.id === row.webhook_id);
      if (live?.isHookEnabled) return true;
      if (live) await this.api.webhooks.delete(baseId, live.id, call).catch(() => undefined);
    }
    const created = await this.api.webhooks.create(baseId, { options: { filters: { dataTypes: ['tableData', 'tableFields', 'tableMetadata'] } } }, call);
    const listed = (await this.api.webhooks.list(baseId, call)).find((w) => w.id === created.id);
    this.store.db
      .transaction(() =>
        this.store.db
          .prepare('INSERT INTO webhooks (base_id, webhook_id, cursor, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT(base_id) DO UPDATE SET webhook_id = excluded.webhook_id, cursor = excluded.cursor, expires_at = excluded.expires_at')
          .run(baseId, created.id, listed?.cursorForNextPayload ?? 1, created.expirationTime),
      )
      .immediate();
    return false;
  }

  async pull(baseId: string, signal?: AbortSignal): Promise<PullResult> {
    const call = { priority: 'background' as const, ...(signal ? { signal } : {}) };
    const result: PullResult = { payloads: 0, created: 0, changed: 0, destroyed: 0, schemaChanged: false, needsFullSync: false, calls: 0 };
    const row = this.store.db.prepare('SELECT webhook_id, cursor FROM webhooks WHERE base_id = ?').get(baseId) as { webhook_id: string; cursor: number } | undefined;
    if (!row) {
      result.needsFullSync = true;
      return result;
    }
    let cursor = row.cursor;
    for (;;) {
      let page;
      try {
        page = await this.api.webhooks.payloads(baseId, row.webhook_id, cursor, call);
        result.calls++;
      } catch (error) {
        if (error instanceof AirtableError && (error.kind === 'not-found' || error.kind === 'forbidden')) {
          await this.replace(baseId, call);
          result.needsFullSync = true;
          return result;
        }
        throw error;
      }
      for (const payload of page.payloads) {
        if (payload.error === true) {
          await this.replace(baseId, call);
          result.needsFullSync = true;
          return result;
        }
        this.apply(payload, result);
        result.payloads++;
      }
      cursor = page.cursor;
      this.store.db.transaction(() => this.store.db.prepare('UPDATE webhooks SET cursor = ? WHERE base_id = ?').run(cursor, baseId)).immediate();
      if (!page.mightHaveMore) break;
    }
    if (result.schemaChanged) {
      this.store.saveSchema(baseId, await this.api.meta.baseSchema(baseId, call));
      result.calls++;
    }
    return result;
  }

  private async replace(baseId: string, call: { priority: 'background'; signal?: AbortSignal }): Promise<void> {
    this.store.db.transaction(() => this.store.db.prepare('DELETE FROM webhooks WHERE base_id = ?').run(baseId)).immediate();
    await this.ensure(baseId, call.signal);
  }

  private apply(payload: Record<string, unknown>, result: PullResult): void {
    const tables = isObject(payload.changedTablesById) ? payload.changedTablesById : {};
    if (isObject(payload.createdTablesById) || Array.isArray(payload.destroyedTableIds)) result.schemaChanged = true;
    const db = this.store.db;
    db.transaction(() => {
      for (const [tableId, raw] of Object.entries(tables)) {
        const changes = raw as TableChanges;
        if (changes.createdFieldsById || changes.changedFieldsById || changes.destroyedFieldIds || changes.changedMetadata) result.schemaChanged = true;
        const known = db.prepare('SELECT 1 FROM tables WHERE id = ?').get(tableId);
        if (!known) {
          result.schemaChanged = true;
          continue;
        }
        const fields = this.store.fields(tableId);
        for (const [id, created] of Object.entries(changes.createdRecordsById ?? {})) {
          this.write(tableId, id, created.createdTime, fromV2(created.cellValuesByFieldId ?? {}, fields), false);
          result.created++;
        }
        for (const [id, changed] of Object.entries(changes.changedRecordsById ?? {})) {
          this.write(tableId, id, undefined, fromV2(changed.current.cellValuesByFieldId ?? {}, fields), true);
          result.changed++;
        }
        for (const id of changes.destroyedRecordIds ?? []) {
          if ((db.prepare('SELECT pending FROM records WHERE id = ?').get(id) as { pending: number } | undefined)?.pending === 0) {
            unindex(db, id);
            db.prepare('DELETE FROM records WHERE id = ?').run(id);
          }
          result.destroyed++;
        }
      }
    }).immediate();
  }

  /** Writes one record from a payload; a record with edits waiting in the outbox keeps them. */
  private write(tableId: string, id: string, createdTime: string | undefined, cells: Cells, merge: boolean): void {
    const db = this.store.db;
    const existing = db.prepare('SELECT cells, pending FROM records WHERE id = ?').get(id) as { cells: string; pending: number } | undefined;
    if (existing && existing.pending !== 0) return;
    const next: Cells = merge && existing ? { ...(JSON.parse(existing.cells) as Cells), ...cells } : { ...cells };
    for (const [key, value] of Object.entries(next)) if (value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
    db.prepare(
      `INSERT INTO records (id, table_id, cells, created_time, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET cells = excluded.cells, last_seen = excluded.last_seen`,
    ).run(id, tableId, JSON.stringify(next), createdTime ?? new Date(this.clock.now()).toISOString(), this.clock.now());
    reindex(db, id);
  }
}

/** Webhook payloads use the "V2" cell format for selects and links; the cache keeps the API's format. */
export function fromV2(cells: Cells, fields: readonly CachedField[]): Cells {
  const out: Cells = {};
  for (const [fieldId, value] of Object.entries(cells)) {
    const type = fields.find((f) => f.id === fieldId)?.type;
    if (type === 'singleSelect' && isObject(value)) out[fieldId] = value.name ?? null;
    else if (type === 'multipleSelects' && Array.isArray(value)) out[fieldId] = value.map((v: unknown) => (isObject(v) ? v.name : v));
    else if (type === 'multipleRecordLinks' && Array.isArray(value)) out[fieldId] = value.map((v: unknown) => (isObject(v) ? v.id : v));
    else out[fieldId] = value;
  }
  return out;
}

const COMPUTED = new Set(['formula', 'rollup', 'multipleLookupValues', 'count', 'lastModifiedTime', 'lastModifiedBy', 'aiText', 'button']);

/**
 * Formula, rollup and lookup values change without any edit to their record (a linked record or
 * the clock changed), so webhooks and modification times can miss them. On a slower schedule,
 * re-read just those fields: one cheap pass per table, merged into the cache.
 */
export async function refreshComputed(api: ProfileApi, store: CacheStore, baseId: string, clock: Clock, signal?: AbortSignal): Promise<{ tables: number; records: number }> {
  const tables = store.db.prepare('SELECT id FROM tables WHERE base_id = ?').all(baseId) as Array<{ id: string }>;
  let records = 0;
  let touched = 0;
  for (const { id: tableId } of tables) {
    const computed = store.fields(tableId).filter((f) => COMPUTED.has(f.type)).map((f) => f.id);
    if (computed.length === 0) continue;
    touched++;
    const update = store.db.prepare('SELECT cells FROM records WHERE id = ? AND pending = 0');
    const write = store.db.prepare('UPDATE records SET cells = ?, last_seen = ? WHERE id = ?');
    for await (const page of api.records.pages(baseId, tableId, { fields: computed }, { priority: 'background', ...(signal ? { signal } : {}) })) {
      store.db.transaction(() => {
        for (const record of page) {
          const row = update.get(record.id) as { cells: string } | undefined;
          if (!row) continue;
          const cells = JSON.parse(row.cells) as Cells;
          for (const fieldId of computed) {
            if (record.fields[fieldId] === undefined) delete cells[fieldId];
            else cells[fieldId] = record.fields[fieldId];
          }
          write.run(JSON.stringify(cells), clock.now(), record.id);
          records++;
        }
      }).immediate();
    }
  }
  return { tables: touched, records };
}
