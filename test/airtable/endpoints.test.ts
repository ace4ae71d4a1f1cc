import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';
import { clientFor, PROFILE } from '../helpers/airtableClient';
import type { ProfileApi } from '../../electron/core/airtable/profileApi';
import { AirtableError } from '../../electron/core/airtable/airtableError';

let h: SandboxHarness;
let api: ProfileApi;
let client: ReturnType<typeof clientFor>['client'];
let baseId: string;
let tableId: string;

beforeAll(async () => {
  h = await startSandbox({ seed: '2x2x120:client', rateLimits: false, basesPageSize: 1 });
});
afterAll(() => h.sandbox.close());
beforeEach(() => {
  h.sandbox.reset();
  ({ api, client } = clientFor(h));
  baseId = h.firstBase().id;
  tableId = h.firstTable().id;
});
const stats = async () => (await h.control('stats', {}, 'GET')).body;

describe('Airtable client: records', () => {
  it('lists every record across pages, keyed by field id', async () => {
    const progress: number[] = [];
    const records = await api.records.list(baseId, tableId, { pageSize: 50 }, { onProgress: (p) => progress.push(p.records) });
    expect(records).toHaveLength(120);
    expect(new Set(records.map((r) => r.id)).size).toBe(120);
    expect(progress).toEqual([50, 100, 120]);
    expect(Object.keys(records[0]!.fields).every((k) => k.startsWith('fld'))).toBe(true);
  });

  it('passes every listing parameter through', async () => {
    const quantity = h.field('Quantity').id;
    const records = await api.records.list(baseId, tableId, {
      fields: [quantity],
      filterByFormula: `{${quantity}} > 250`,
      sort: [{ field: quantity, direction: 'desc' }],
      maxRecords: 10,
      pageSize: 3,
      recordMetadata: ['commentCount'],
    });
    expect(records.length).toBeLessThanOrEqual(10);
    const values = records.map((r) => r.fields[quantity] as number);
    expect(values.every((v) => v > 250)).toBe(true);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(records.every((r) => r.commentCount === 0 && Object.keys(r.fields).every((k) => k === quantity))).toBe(true);
    const view = await api.records.list(baseId, tableId, { view: 'Open work', returnFieldsByFieldId: false });
    expect(view.every((r) => r.fields.Done !== true)).toBe(true);
  });

  it('restarts a listing whose offset expired, without yielding a record twice', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of api.records.pages(baseId, tableId, { pageSize: 40 })) {
      ids.push(...page.map((r) => r.id));
      if (++pages === 2) await h.control('iterators/expire');
    }
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
  });

  it('switches to POST listRecords when the URL would pass 16,000 characters', async () => {
    const long = `OR(${Array.from({ length: 900 }, (_, i) => `{Quantity} = ${i}`).join(', ')})`;
    expect(long.length).toBeGreaterThan(16_000);
    const records = await api.records.list(baseId, tableId, { filterByFormula: long, timeZone: 'UTC', userLocale: 'en-us' });
    expect(records.length).toBeGreaterThan(50);
    expect((await stats()).byStatus['414']).toBeUndefined();
  });

  it('gets one record', async () => {
    const id = [...h.firstTable().records.keys()][3]!;
    const record = await api.records.get(baseId, tableId, id);
    expect(record.id).toBe(id);
  });

  it('creates, updates, replaces and deletes any number of records in batches of 10', async () => {
    await h.control('stats/reset');
    const name = h.field('Name').id;
    const quantity = h.field('Quantity').id;
    const created = await api.records.create(baseId, tableId, Array.from({ length: 25 }, (_, i) => ({ fields: { [name]: `bulk ${i}`, [quantity]: i } })));
    expect(created.every((r) => r.ok)).toBe(true);
    expect(created.map((r) => (r.ok ? r.record.fields[name] : null))).toEqual(Array.from({ length: 25 }, (_, i) => `bulk ${i}`));
    expect((await stats()).total).toBe(3);
    const ids = created.map((r) => (r.ok ? r.record.id : ''));
    const updated = await api.records.update(baseId, tableId, ids.map((id) => ({ id, fields: { [quantity]: 1000 } })));
    expect(updated.every((r) => r.ok && r.record.fields[quantity] === 1000 && r.record.fields[name])).toBe(true);
    const replaced = await api.records.update(baseId, tableId, [{ id: ids[0]!, fields: { [name]: 'only name' } }], { replace: true });
    expect(replaced[0]!.ok).toBe(true);
    expect(replaced[0]!.ok && replaced[0]!.record.fields[quantity]).toBeUndefined();
    const deleted = await api.records.delete(baseId, tableId, ids);
    expect(deleted.every((d) => d.ok)).toBe(true);
    expect(h.firstTable().records.size).toBe(120);
  });

  it('reports per-record results: a bad batch fails its own records only', async () => {
    const name = h.field('Name').id;
    const inputs = Array.from({ length: 20 }, (_, i) => ({ fields: i === 13 ? { [h.field('Total').id]: 1 } : { [name]: `r${i}` } }));
    const results = await api.records.create(baseId, tableId, inputs);
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results.slice(10).every((r) => !r.ok)).toBe(true);
    const failure = results[13]!;
    expect(!failure.ok && failure.error.kind).toBe('validation');
    expect(!failure.ok && failure.error.type).toBe('INVALID_VALUE_FOR_COLUMN');
    expect(!failure.ok && failure.error.message).toContain('computed');
  });

  it('upserts on merge fields and reports created and updated ids', async () => {
    const name = h.field('Name').id;
    const existing = [...h.firstTable().records.values()][0]!;
    const res = await api.records.upsert(baseId, tableId, [{ fields: { [name]: existing.cells[name], [h.field('Quantity').id]: 5 } }, { fields: { [name]: 'fresh one' } }], { fieldsToMergeOn: [name] });
    expect(res.updatedRecordIds).toEqual([existing.id]);
    expect(res.createdRecordIds).toHaveLength(1);
    expect(res.results.every((r) => r.ok)).toBe(true);
  });
});

describe('Airtable client: comments, metadata, webhooks, raw requests', () => {
  it('creates, lists, edits and deletes comments', async () => {
    const recordId = [...h.firstTable().records.keys()][0]!;
    const first = await api.comments.create(baseId, tableId, recordId, 'first');
    await api.comments.create(baseId, tableId, recordId, 'reply', { parentCommentId: first.id });
    expect((await api.comments.list(baseId, tableId, recordId)).map((c) => c.text)).toEqual(['reply', 'first']);
    expect((await api.comments.update(baseId, tableId, recordId, first.id, 'edited')).text).toBe('edited');
    expect(await api.comments.delete(baseId, tableId, recordId, first.id)).toMatchObject({ id: first.id, deleted: true });
  });

  it('lists bases across pages, reads schemas and base info, and answers whoami', async () => {
    const bases = await api.meta.listBases();
    expect(bases.map((b) => b.id)).toEqual([...h.sandbox.store.bases.keys()]);
    const tables = await api.meta.baseSchema(baseId);
    expect(tables[0]!.views[0]!.visibleFieldIds?.length).toBeGreaterThan(0);
    expect((await api.meta.baseInfo(baseId)).workspaceId).toMatch(/^wsp/);
    expect(await api.meta.whoami()).toEqual({ id: 'usrSandboxOwner01', email: 'owner@sandbox.test' });
  });

  it('creates and updates tables and fields', async () => {
    const table = await api.meta.createTable(baseId, { name: 'Made by client', fields: [{ name: 'Title', type: 'singleLineText' }] });
    const renamed = await api.meta.updateTable(baseId, table.id, { name: 'Renamed', description: 'by the client' });
    expect(renamed).toMatchObject({ id: table.id, name: 'Renamed', description: 'by the client' });
    const field = await api.meta.createField(baseId, table.id, { name: 'Score', type: 'number', options: { precision: 1 } });
    expect((await api.meta.updateField(baseId, table.id, field.id, { name: 'Points' })).name).toBe('Points');
  });

  it('creates, lists, refreshes, reads and deletes webhooks', async () => {
    const hook = await api.webhooks.create(baseId, { options: { filters: { dataTypes: ['tableData'] } } });
    await api.records.create(baseId, tableId, [{ fields: { [h.field('Name').id]: 'for the hook' } }]);
    expect((await api.webhooks.list(baseId)).map((w) => w.id)).toEqual([hook.id]);
    expect((await api.webhooks.refresh(baseId, hook.id)).expirationTime).toBeTruthy();
    const page = await api.webhooks.payloads(baseId, hook.id, 1);
    expect(page.payloads).toHaveLength(1);
    expect(page.cursor).toBe(2);
    await api.webhooks.delete(baseId, hook.id);
    expect(await api.webhooks.list(baseId)).toEqual([]);
  });

  it('sends any endpoint through the raw request method', async () => {
    const res = (await client.request(PROFILE, 'GET', `/${baseId}/${tableId}`, { query: { pageSize: 2, 'fields[]': undefined } })) as { records: unknown[] };
    expect(res.records).toHaveLength(2);
    await expect(client.request(PROFILE, 'GET', '/meta/whoami?x=1')).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(client.request(PROFILE, 'TRACE', '/meta/whoami')).rejects.toBeInstanceOf(AirtableError);
  });
});

describe('Airtable client: inputs are checked before anything is sent', () => {
  it.each([
    ['a bad base id', () => api.records.list('base1', tableId)],
    ['a table name instead of an id', () => api.records.list(baseId, 'Projects')],
    ['a bad record id', () => api.records.get(baseId, tableId, 'rec123')],
    ['an empty batch', () => api.records.create(baseId, tableId, [])],
    ['a record without fields', () => api.records.create(baseId, tableId, [{} as never])],
    ['an unknown listing option', () => api.records.list(baseId, tableId, { bogus: 1 } as never)],
    ['pageSize over 100', () => api.records.list(baseId, tableId, { pageSize: 500 })],
    ['cellFormat string without a time zone', () => api.records.list(baseId, tableId, { cellFormat: 'string' })],
    ['a bad field id on update', () => api.meta.updateField(baseId, tableId, 'Name', { name: 'x' })],
    ['an empty table change', () => api.meta.updateTable(baseId, tableId, {})],
    ['a field with no name', () => api.meta.createField(baseId, tableId, { name: ' ', type: 'singleLineText' })],
    ['an empty comment', () => api.comments.create(baseId, tableId, [...h.firstTable().records.keys()][0]!, '  ')],
    ['too many merge fields', () => api.records.upsert(baseId, tableId, [{ fields: {} }], { fieldsToMergeOn: ['a', 'b', 'c', 'd'] })],
    ['a bad webhook cursor', () => api.webhooks.payloads(baseId, 'achAAAAAAAAAAAAAA', 0)],
  ])('refuses %s with invalid-input and sends no request', async (_label, call) => {
    await h.control('stats/reset');
    const error = await Promise.resolve()
      .then(call as () => Promise<unknown>)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AirtableError);
    expect((error as AirtableError).kind).toBe('invalid-input');
    expect((error as AirtableError).message.length).toBeGreaterThan(10);
    expect((await stats()).total).toBe(0);
  });
});
