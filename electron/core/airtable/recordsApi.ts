import { z } from 'zod';
import { AirtableError, invalidInput } from './airtableError';
import type { AirtableClient } from './client';
import { checkId, checkViewRef } from './ids';
import type { QueryValue } from './query';
import { AirtableRecord, DeleteResult, RecordList, RecordPage, UpsertResult } from './schemas';
import type { CallOptions } from './callOptions';

/** Airtable refuses URLs of 16,000 characters or more; past this length listings use POST. */
export const MAX_URL_LENGTH = 16_000;
export const MAX_BATCH = 10;

export const ListRecordsParams = z
  .object({
    fields: z.array(z.string().min(1)).optional(),
    filterByFormula: z.string().optional(),
    maxRecords: z.number().int().positive().optional(),
    pageSize: z.number().int().min(1).max(100).optional(),
    sort: z.array(z.object({ field: z.string().min(1), direction: z.enum(['asc', 'desc']).optional() }).strict()).optional(),
    view: z.string().optional(),
    cellFormat: z.enum(['json', 'string']).optional(),
    timeZone: z.string().optional(),
    userLocale: z.string().optional(),
    returnFieldsByFieldId: z.boolean().optional(),
    recordMetadata: z.array(z.literal('commentCount')).optional(),
  })
  .strict();
export type ListRecordsParams = z.input<typeof ListRecordsParams>;

export interface ListOptions extends CallOptions {
  /** Called after each page with the number of records yielded so far. */
  onProgress?: (progress: { records: number; pages: number; restarts: number }) => void;
}

export type RecordResult = { ok: true; record: AirtableRecord } | { ok: false; error: AirtableError };
export type DeleteOutcome = { ok: true; id: string } | { ok: false; id: string; error: AirtableError };

export interface RecordInput {
  fields: Record<string, unknown>;
}
export interface RecordUpdate extends RecordInput {
  id: string;
}

export interface WriteOptions extends CallOptions {
  typecast?: boolean;
  onProgress?: (progress: { done: number; total: number }) => void;
}

function parseParams(params: ListRecordsParams): z.output<typeof ListRecordsParams> {
  const parsed = ListRecordsParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`Invalid listing parameter${issue?.path.length ? ` "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'not allowed'}.`);
  }
  if (parsed.data.view !== undefined) checkViewRef(parsed.data.view);
  if (parsed.data.cellFormat === 'string' && (!parsed.data.timeZone || !parsed.data.userLocale)) throw invalidInput('cellFormat "string" needs timeZone and userLocale.');
  return parsed.data;
}

function tablePath(baseId: string, tableId: string): string {
  return `/${checkId('app', baseId)}/${checkId('tbl', tableId)}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Records: list with every parameter and automatic paging, get, create, update, upsert, delete. */
export class RecordsApi {
  constructor(
    private readonly client: AirtableClient,
    private readonly profileId: string,
  ) {}

  /**
   * Every page of a listing, in order. Field ids by default. When Airtable expires the offset
   * (422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE) the listing restarts from the first page and skips
   * the records already yielded, so callers see each record once.
   */
  async *pages(baseId: string, tableId: string, params: ListRecordsParams = {}, options: ListOptions = {}): AsyncGenerator<AirtableRecord[]> {
    const path = tablePath(baseId, tableId);
    const checked = parseParams({ returnFieldsByFieldId: true, ...params });
    const seen = new Set<string>();
    let offset: string | undefined;
    let pages = 0;
    let restarts = 0;
    for (;;) {
      let page: z.output<typeof RecordPage>;
      try {
        page = await this.fetchPage(path, checked, offset, options);
      } catch (error) {
        if (error instanceof AirtableError && error.type === 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE' && offset !== undefined && restarts < 3) {
          restarts++;
          offset = undefined;
          continue;
        }
        throw error;
      }
      pages++;
      const fresh = page.records.filter((record) => !seen.has(record.id));
      for (const record of fresh) seen.add(record.id);
      options.onProgress?.({ records: seen.size, pages, restarts });
      if (fresh.length > 0) yield fresh;
      if (!page.offset) return;
      offset = page.offset;
    }
  }

  async list(baseId: string, tableId: string, params: ListRecordsParams = {}, options: ListOptions = {}): Promise<AirtableRecord[]> {
    const all: AirtableRecord[] = [];
    for await (const page of this.pages(baseId, tableId, params, options)) all.push(...page);
    return all;
  }

  private fetchPage(path: string, params: z.output<typeof ListRecordsParams>, offset: string | undefined, options: CallOptions) {
    const { timeZone, userLocale, ...rest } = params;
    const query: Record<string, QueryValue> = {
      ...rest,
      sort: rest.sort?.map((s) => ({ field: s.field, direction: s.direction ?? 'asc' })),
      offset,
      timeZone,
      userLocale,
    };
    const common = { idempotent: true, scope: 'data.records:read' as const, ...(options.priority ? { priority: options.priority } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    if (this.client.urlLength(this.profileId, path, query) < MAX_URL_LENGTH) return this.client.call(this.profileId, 'GET', path, RecordPage, { ...common, query });
    // timeZone and userLocale are not accepted in the body; they stay in the query string.
    const body = Object.fromEntries(Object.entries({ ...rest, offset }).filter(([, v]) => v !== undefined));
    return this.client.call(this.profileId, 'POST', `${path}/listRecords`, RecordPage, { ...common, json: body, query: { timeZone, userLocale } });
  }

  get(baseId: string, tableId: string, recordId: string, options: CallOptions & { returnFieldsByFieldId?: boolean } = {}): Promise<AirtableRecord> {
    const path = `${tablePath(baseId, tableId)}/${checkId('rec', recordId)}`;
    return this.client.call(this.profileId, 'GET', path, AirtableRecord, { ...options, scope: 'data.records:read', query: { returnFieldsByFieldId: options.returnFieldsByFieldId ?? true } });
  }

  /** Creates any number of records, 10 per request; results line up with the input. */
  create(baseId: string, tableId: string, records: readonly RecordInput[], options: WriteOptions = {}): Promise<RecordResult[]> {
    const path = tablePath(baseId, tableId);
    checkBatch(records);
    return this.batched(records, options, async (batch) => {
      const res = await this.client.call(this.profileId, 'POST', path, RecordList, {
        ...callOptions(options),
        idempotent: false,
        json: { records: batch.map((r) => ({ fields: r.fields })), typecast: options.typecast ?? false, returnFieldsByFieldId: true },
      });
      return res.records;
    });
  }

  /** Updates any number of records; `replace` uses PUT, which clears every field not given. */
  update(baseId: string, tableId: string, records: readonly RecordUpdate[], options: WriteOptions & { replace?: boolean } = {}): Promise<RecordResult[]> {
    const path = tablePath(baseId, tableId);
    checkBatch(records);
    for (const record of records) checkId('rec', record.id);
    return this.batched(records, options, async (batch) => {
      const res = await this.client.call(this.profileId, options.replace ? 'PUT' : 'PATCH', path, RecordList, {
        ...callOptions(options),
        idempotent: true,
        json: { records: batch.map((r) => ({ id: r.id, fields: r.fields })), typecast: options.typecast ?? false, returnFieldsByFieldId: true },
      });
      return res.records;
    });
  }

  /** Upserts on 1 to 3 merge fields: creates records with no match, updates the one that matches. */
  async upsert(
    baseId: string,
    tableId: string,
    records: readonly RecordInput[],
    options: WriteOptions & { fieldsToMergeOn: readonly string[]; replace?: boolean },
  ): Promise<{ results: RecordResult[]; createdRecordIds: string[]; updatedRecordIds: string[] }> {
    const path = tablePath(baseId, tableId);
    checkBatch(records);
    if (options.fieldsToMergeOn.length < 1 || options.fieldsToMergeOn.length > 3) throw invalidInput('Upsert needs 1 to 3 fields to merge on.');
    const created: string[] = [];
    const updated: string[] = [];
    const results = await this.batched(records, options, async (batch) => {
      const res = await this.client.call(this.profileId, options.replace ? 'PUT' : 'PATCH', path, UpsertResult, {
        ...callOptions(options),
        idempotent: true,
        json: { performUpsert: { fieldsToMergeOn: options.fieldsToMergeOn }, records: batch.map((r) => ({ fields: r.fields })), typecast: options.typecast ?? false, returnFieldsByFieldId: true },
      });
      created.push(...res.createdRecords);
      updated.push(...res.updatedRecords);
      return res.records;
    });
    return { results, createdRecordIds: created, updatedRecordIds: updated };
  }

  /** Deletes any number of records, 10 per request. */
  async delete(baseId: string, tableId: string, recordIds: readonly string[], options: WriteOptions = {}): Promise<DeleteOutcome[]> {
    const path = tablePath(baseId, tableId);
    if (recordIds.length === 0) throw invalidInput('There are no records to delete.');
    for (const id of recordIds) checkId('rec', id);
    const outcomes: DeleteOutcome[] = [];
    let done = 0;
    await Promise.all(
      chunks(recordIds, MAX_BATCH).map(async (batch, index) => {
        try {
          const res = await this.client.call(this.profileId, 'DELETE', path, DeleteResult, { ...callOptions(options), idempotent: true, query: { records: batch } });
          batch.forEach((id, i) => (outcomes[index * MAX_BATCH + i] = { ok: true, id: res.records[i]?.id ?? id }));
        } catch (error) {
          batch.forEach((id, i) => (outcomes[index * MAX_BATCH + i] = { ok: false, id, error: asAirtableError(error) }));
        }
        done += batch.length;
        options.onProgress?.({ done, total: recordIds.length });
      }),
    );
    return outcomes;
  }

  /** Runs a write in batches of 10 concurrently (the scheduler paces them); a failed batch fails its records only. */
  private async batched<T>(items: readonly T[], options: WriteOptions, send: (batch: T[]) => Promise<AirtableRecord[]>): Promise<RecordResult[]> {
    const results: RecordResult[] = [];
    let done = 0;
    await Promise.all(
      chunks(items, MAX_BATCH).map(async (batch, index) => {
        try {
          const records = await send(batch);
          if (records.length !== batch.length) throw new AirtableError('invalid-response', 'Airtable answered a write with a different number of records than were sent.', 200, 'INVALID_RESPONSE');
          records.forEach((record, i) => (results[index * MAX_BATCH + i] = { ok: true, record }));
        } catch (error) {
          batch.forEach((_, i) => (results[index * MAX_BATCH + i] = { ok: false, error: asAirtableError(error) }));
        }
        done += batch.length;
        options.onProgress?.({ done, total: items.length });
      }),
    );
    return results;
  }
}

function checkBatch(records: readonly RecordInput[]): void {
  if (records.length === 0) throw invalidInput('There are no records to write.');
  for (const record of records) {
    if (typeof record !== 'object' || record === null || typeof record.fields !== 'object' || record.fields === null || Array.isArray(record.fields)) {
      throw invalidInput('Each record needs a "fields" object.');
    }
    for (const key of Object.keys(record.fields)) if (key.trim() === '') throw invalidInput('Field keys must be field ids or names.');
  }
}

function callOptions(options: CallOptions) {
  return {
    scope: 'data.records:write' as const, ...(options.priority ? { priority: options.priority } : {}), ...(options.signal ? { signal: options.signal } : {}) };
}

function asAirtableError(error: unknown): AirtableError {
  return error instanceof AirtableError ? error : new AirtableError('network', 'The request failed unexpectedly.', 0, 'UNKNOWN', { cause: error });
}
