import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import type { RecordQueries, RecordQuery } from '../../../electron/core/records/cache/recordQuery';
import type { SyncProgress } from '../../../electron/core/records/sync/baseSync';
import { testRecords } from '../../helpers/records';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x2x260:cache', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

function cacheFor() {
  const p = testRecords(clientFor(h).api);
  return { db: p.cacheDb, schema: p.schema, sync: p.baseSync, queries: p.queries };
}

/** Every record of a table as the API shows it (field ids), for comparison with the cache. */
async function upstream(tableId: string) {
  const { api } = clientFor(h);
  const records = await api.records.list(h.firstBase().id, tableId);
  return new Map(records.map((r) => [r.id, r.fields]));
}

function allWindows(queries: RecordQueries, query: Omit<RecordQuery, 'limit' | 'after'>, limit = 37) {
  const ids: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 100; i++) {
    const window = queries.window({ ...query, limit, ...(after ? { after } : {}) });
    ids.push(...window.records.map((r) => r.id));
    if (!window.next) break;
    after = window.next;
  }
  return ids;
}

describe('first sync into the cache', () => {
  it('pulls exactly the sandbox’s records and schema, with progress', async () => {
    const c = cacheFor();
    const progress: SyncProgress[] = [];
    const result = await c.sync.run(h.firstBase().id, { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ tables: 2, records: 520, deleted: 0 });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', tablesTotal: 2, tablesDone: 2, records: 520 });
    for (const table of h.firstBase().tables) {
      const cached = c.db.prepare('SELECT id, cells FROM records WHERE table_id = ?').all(table.id) as Array<{ id: string; cells: string }>;
      const expected = await upstream(table.id);
      expect(cached.length).toBe(expected.size);
      for (const row of cached) {
        const cells = JSON.parse(row.cells) as Record<string, unknown>;
        const want = expected.get(row.id)!;
        // Attachment URLs are re-signed on every read; everything else is identical.
        for (const [fieldId, value] of Object.entries(want)) if (!JSON.stringify(value).includes('/attachments/')) expect(cells[fieldId]).toEqual(value);
      }
      expect(c.schema.fields(table.id).map((f) => f.id)).toEqual(table.fields.map((f) => f.id));
    }
  });

  it('a later full pass removes records deleted upstream and follows renamed and removed fields', async () => {
    const c = cacheFor();
    const base = h.firstBase();
    await c.sync.run(base.id);
    const table = base.tables[0]!;
    const gone = [...table.records.keys()].slice(0, 3);
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { delete: gone });
    const notes = table.fields.find((f) => f.name === 'Notes')!;
    await h.control(`bases/${base.id}/tables/${table.id}/fields/${notes.id}/delete`);
    const status = table.fields.find((f) => f.name === 'Status')!;
    await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${table.id}/fields/${status.id}`, { json: { name: 'Stage' } });
    const result = await c.sync.run(base.id);
    expect(result.deleted).toBe(3);
    for (const id of gone) expect(c.db.prepare('SELECT 1 FROM records WHERE id = ?').get(id)).toBeUndefined();
    const fields = c.schema.fields(table.id);
    expect(fields.find((f) => f.id === notes.id)).toBeUndefined();
    expect(fields.find((f) => f.id === status.id)?.name).toBe('Stage');
    const anyNotes = c.db.prepare(`SELECT COUNT(*) AS n FROM records WHERE json_extract(cells, '$.${notes.id}') IS NOT NULL`).get() as { n: number };
    expect(anyNotes.n).toBe(0);
  });

  it('resumes after a cancelled sync without losing or duplicating records', async () => {
    const c = cacheFor();
    const controller = new AbortController();
    await h.control('faults', { latencyMs: 30 });
    const first = c.sync.run(h.firstBase().id, { signal: controller.signal, onProgress: (p) => p.records >= 200 && controller.abort() });
    await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
    await h.control('faults', { latencyMs: 0 });
    const saved = (c.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(520);
    const result = await c.sync.run(h.firstBase().id);
    expect(result.records).toBe(520);
    expect((c.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(520);
    expect((c.db.prepare('SELECT COUNT(DISTINCT id) AS n FROM records').get() as { n: number }).n).toBe(520);
  });
});

describe('offline queries over the cache', () => {
  it('finds records by full-text search, by prefix and across fields', async () => {
    const c = cacheFor();
    await c.sync.run(h.firstBase().id);
    const table = h.firstBase().tables[0]!;
    const nameId = table.primaryFieldId;
    const some = [...table.records.values()][10]!;
    const name = some.cells[nameId] as string;
    const hits = c.queries.window({ tableId: table.id, search: name, limit: 50 });
    expect(hits.records.map((r) => r.id)).toContain(some.id);
    const prefix = c.queries.window({ tableId: table.id, search: name.slice(0, 4).toLowerCase(), limit: 50 });
    expect(prefix.records.length).toBeGreaterThan(0);
    expect(c.queries.window({ tableId: table.id, search: 'zzzznothing', limit: 50 }).records).toEqual([]);
    expect(() => c.queries.window({ tableId: table.id, search: '"unbalanced AND (', limit: 5 })).not.toThrow();
  });

  it('filters per field type like Airtable would', async () => {
    const c = cacheFor();
    await c.sync.run(h.firstBase().id);
    const table = h.firstBase().tables[0]!;
    const f = (name: string) => table.fields.find((x) => x.name === name)!.id;
    const records = [...table.records.values()];
    const expectIds = (query: Omit<RecordQuery, 'limit'>, predicate: (cells: Record<string, unknown>) => boolean) => {
      const got = c.queries.window({ ...query, limit: 1000 }).records.map((r) => r.id).sort();
      expect(got).toEqual(records.filter((r) => predicate(r.cells)).map((r) => r.id).sort());
    };
    expectIds({ tableId: table.id, filters: [{ op: 'range', fieldId: f('Quantity'), min: 100, max: 300 }] }, (x) => typeof x[f('Quantity')] === 'number' && (x[f('Quantity')] as number) >= 100 && (x[f('Quantity')] as number) <= 300);
    expectIds({ tableId: table.id, filters: [{ op: 'checked', fieldId: f('Done'), value: true }] }, (x) => x[f('Done')] === true);
    expectIds({ tableId: table.id, filters: [{ op: 'hasAnyOf', fieldId: f('Status'), values: ['Todo', 'Blocked'] }] }, (x) => ['Todo', 'Blocked'].includes(x[f('Status')] as string));
    expectIds({ tableId: table.id, filters: [{ op: 'hasAnyOf', fieldId: f('Tags'), values: ['urgent'] }] }, (x) => ((x[f('Tags')] as string[] | undefined) ?? []).includes('urgent'));
    expectIds({ tableId: table.id, filters: [{ op: 'empty', fieldId: f('Email'), value: true }] }, (x) => x[f('Email')] === undefined);
    expectIds({ tableId: table.id, filters: [{ op: 'before', fieldId: f('Due'), value: '2026-01-01' }] }, (x) => typeof x[f('Due')] === 'string' && (x[f('Due')] as string) < '2026-01-01');
    expectIds({ tableId: table.id, filters: [{ op: 'contains', fieldId: f('Name'), value: 'PROJECT 1' }] }, (x) => (x[f('Name')] as string).toLowerCase().includes('project 1'));
  });

  it('agrees with the sandbox’s filterByFormula on the same formulas', async () => {
    const c = cacheFor();
    await c.sync.run(h.firstBase().id);
    const base = h.firstBase();
    const table = base.tables[0]!;
    const { api } = clientFor(h);
    for (const formula of ['{Quantity} > 250', 'AND({Done}, {Rating} >= 3)', 'OR(FIND("alpha", LOWER({Name})), {Status} = "Blocked")', 'IS_AFTER({Due}, "2026-03-01")', 'LEN({Email}) > 20', 'NOT({Tags})']) {
      const remote = (await api.records.list(base.id, table.id, { filterByFormula: formula, fields: [table.primaryFieldId] })).map((r) => r.id).sort();
      const local = c.queries.window({ tableId: table.id, formula, limit: 10_000 }).records.map((r) => r.id).sort();
      expect(local, formula).toEqual(remote);
    }
    expect(() => c.queries.window({ tableId: table.id, formula: 'NOPE(1)', limit: 5 })).toThrow(/Unknown function names: NOPE/);
  });

  it('sorts by any field and pages through with keyset cursors, each record once, in order', async () => {
    const c = cacheFor();
    await c.sync.run(h.firstBase().id);
    const table = h.firstBase().tables[0]!;
    const quantity = table.fields.find((x) => x.name === 'Quantity')!.id;
    const name = table.primaryFieldId;
    const ids = allWindows(c.queries, { tableId: table.id, sort: [{ fieldId: quantity, direction: 'desc' }, { fieldId: name, direction: 'asc' }] });
    expect(ids).toHaveLength(260);
    expect(new Set(ids).size).toBe(260);
    const values = ids.map((id) => (table.records.get(id)!.cells[quantity] as number | undefined) ?? -Infinity);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const filtered = allWindows(c.queries, { tableId: table.id, sort: [{ fieldId: name, direction: 'asc' }], filters: [{ op: 'checked', fieldId: table.fields.find((x) => x.name === 'Done')!.id, value: false }] }, 10);
    expect(filtered.length).toBe([...table.records.values()].filter((r) => !r.cells[table.fields.find((x) => x.name === 'Done')!.id]).length);
    const plan = c.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM records WHERE table_id = ? ORDER BY IFNULL(json_extract(cells, '$.${quantity}'), -1e308) DESC, id`).all(table.id) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain(`sort_${quantity}`);
    expect(() => c.queries.window({ tableId: table.id, limit: 5, after: 'bogus' })).toThrow(/cursor/);
  });
});

describe('jumping far into a table', () => {
  it('starts a window after skipping records, in the same order as paging there would', async () => {
    const c = cacheFor();
    await c.sync.run(h.firstBase().id);
    const table = h.firstTable();
    const name = table.primaryFieldId;
    const all = allWindows(c.queries, { tableId: table.id, sort: [{ fieldId: name, direction: 'asc' }] });
    const jumped = c.queries.window({ tableId: table.id, sort: [{ fieldId: name, direction: 'asc' }], skip: 200, limit: 20 });
    expect(jumped.records.map((r) => r.id)).toEqual(all.slice(200, 220));
    const next = c.queries.window({ tableId: table.id, sort: [{ fieldId: name, direction: 'asc' }], after: jumped.next!, limit: 20 });
    expect(next.records.map((r) => r.id)).toEqual(all.slice(220, 240));
    const searched = c.queries.window({ tableId: table.id, search: 'project', skip: 3, limit: 2 });
    expect(searched.records.map((r) => r.id)).toEqual(c.queries.window({ tableId: table.id, search: 'project', limit: 5 }).records.slice(3, 5).map((r) => r.id));
    expect(() => c.queries.window({ tableId: table.id, after: jumped.next!, skip: 1, limit: 1 })).toThrow(/not both/);
  });
});
