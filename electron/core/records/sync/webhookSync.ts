import { AirtableError, type ProfileApi } from '../../airtable';
import type { CachedField, SchemaRepository } from '../cache/schemaRepository';
import type { Cells, RecordsRepository } from '../recordsRepository';
import type { SyncStateRepository } from './syncState';
import type { Clock } from '../../ports';

export interface PullResult {
  payloads: number;
  created: number;
  changed: number;
  destroyed: number;
  schemaChanged: boolean;
  /** Tables whose records were created, changed or deleted (their views' lists may have moved). */
  changedTables: Set<string>;
  /** The webhook broke or expired: a full sync is needed (and a new webhook was made). */
  needsFullSync: boolean;
  calls: number;
}

interface TableChanges {
  createdRecordsById?: Record<string, { createdTime: string; cellValuesByFieldId?: Cells }>;
  changedRecordsById?: Record<string, { current: { cellValuesByFieldId?: Cells } }>;
  destroyedRecordIds?: string[];
  createdFieldsById?: unknown;
  changedFieldsById?: unknown;
  destroyedFieldIds?: string[];
  changedMetadata?: unknown;
}

type Call = { priority: 'background'; signal?: AbortSignal };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Incremental sync through a webhook whose payloads are polled with a stored cursor: a handful
 * of calls per sync instead of re-reading every record. Reading payloads also extends the
 * webhook's 7-day life. A broken or expired webhook is replaced and a full sync requested.
 */
export class WebhookSync {
  constructor(private readonly deps: { api: ProfileApi; schema: SchemaRepository; records: RecordsRepository; state: SyncStateRepository; clock: Clock }) {}

  /** Makes sure the base has a live webhook; returns false when it had to be (re)created. */
  async ensure(baseId: string, signal?: AbortSignal): Promise<boolean> {
    const { api, state } = this.deps;
    const call: Call = { priority: 'background', ...(signal ? { signal } : {}) };
    const known = state.webhook(baseId);
    if (known) {
      const live = (await api.webhooks.list(baseId, call)).find((w) => w.id === known.webhookId);
      if (live?.isHookEnabled) return true;
      if (live) await api.webhooks.delete(baseId, live.id, call).catch(() => undefined);
    }
    const created = await api.webhooks.create(baseId, { options: { filters: { dataTypes: ['tableData', 'tableFields', 'tableMetadata'] } } }, call);
    const listed = (await api.webhooks.list(baseId, call)).find((w) => w.id === created.id);
    state.saveWebhook(baseId, created.id, listed?.cursorForNextPayload ?? 1, created.expirationTime);
    return false;
  }

  async pull(baseId: string, signal?: AbortSignal): Promise<PullResult> {
    const { api, schema, state } = this.deps;
    const call: Call = { priority: 'background', ...(signal ? { signal } : {}) };
    const result: PullResult = { payloads: 0, created: 0, changed: 0, destroyed: 0, schemaChanged: false, changedTables: new Set(), needsFullSync: false, calls: 0 };
    const known = state.webhook(baseId);
    if (!known) {
      result.needsFullSync = true;
      return result;
    }
    let cursor = known.cursor;
    for (;;) {
      let page;
      try {
        page = await api.webhooks.payloads(baseId, known.webhookId, cursor, call);
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
      state.setCursor(baseId, cursor);
      if (!page.mightHaveMore) break;
    }
    if (result.schemaChanged) {
      schema.saveSchema(baseId, await api.meta.baseSchema(baseId, call));
      result.calls++;
    }
    return result;
  }

  private async replace(baseId: string, call: Call): Promise<void> {
    this.deps.state.forgetWebhook(baseId);
    await this.ensure(baseId, call.signal);
  }

  private apply(payload: Record<string, unknown>, result: PullResult): void {
    const { schema, records, clock } = this.deps;
    const tables = isObject(payload.changedTablesById) ? payload.changedTablesById : {};
    if (isObject(payload.createdTablesById) || Array.isArray(payload.destroyedTableIds)) result.schemaChanged = true;
    records.transaction(() => {
      for (const [tableId, raw] of Object.entries(tables)) {
        const changes = raw as TableChanges;
        if (changes.createdFieldsById || changes.changedFieldsById || changes.destroyedFieldIds || changes.changedMetadata) result.schemaChanged = true;
        if (!schema.table(tableId)) {
          result.schemaChanged = true;
          continue;
        }
        const fields = schema.fields(tableId);
        const now = clock.now();
        if (changes.createdRecordsById || changes.changedRecordsById || changes.destroyedRecordIds) result.changedTables.add(tableId);
        for (const [id, created] of Object.entries(changes.createdRecordsById ?? {})) {
          records.applyChange(tableId, id, { createdTime: created.createdTime, cells: fromV2(created.cellValuesByFieldId ?? {}, fields), merge: false }, now);
          result.created++;
        }
        for (const [id, changed] of Object.entries(changes.changedRecordsById ?? {})) {
          records.applyChange(tableId, id, { cells: fromV2(changed.current.cellValuesByFieldId ?? {}, fields), merge: true }, now);
          result.changed++;
        }
        records.removeIfSynced(changes.destroyedRecordIds ?? []);
        result.destroyed += (changes.destroyedRecordIds ?? []).length;
      }
    });
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
