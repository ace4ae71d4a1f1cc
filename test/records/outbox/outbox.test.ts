import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { testRecords } from '../../helpers/records';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x40:outbox', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

/** A profile's cache and outbox on disk; calling it again on the same folder is a restart. */
function open(folder: string) {
  const { api } = clientFor(h, { scheduler: { maxRetries: 1, retryBaseMs: 10, retryCapMs: 20, timeoutMs: 2000 } });
  const p = testRecords(api, { folder });
  return {
    api,
    cache: p.cacheDb,
    outbox: p.outbox,
    queries: p.queries,
    sync: p.baseSync,
    replay: p.replay,
    actions: p.outboxActions,
    close() {
      p.cacheDb.close();
      p.outbox.db.close();
    },
  };
}

const offline = () => h.control('faults', { rules: [{ kind: 'drop' }] });
const online = () => h.control('faults', { rules: [] });
const names = () => [...h.firstTable().records.values()].map((r) => r.cells[h.firstTable().primaryFieldId]);

describe('offline edits through the outbox', () => {
  /** A synced cache, then offline: a create (edited again), an update and a delete. */
  async function offlineEdits() {
    const folder = mkdtempSync(path.join(tmpdir(), 'airvault-outbox-'));
    const base = h.firstBase();
    const table = base.tables[0]!;
    const name = table.primaryFieldId;
    const quantity = table.fields.find((f) => f.name === 'Quantity')!.id;
    const p = open(folder);
    await p.sync.run(base.id);
    await offline();
    const [toUpdate, toDelete] = [...table.records.keys()] as [string, string];
    const tempId = p.outbox.create(base.id, table.id, { [name]: 'Made on a plane', [quantity]: 7 });
    p.outbox.update(base.id, table.id, toUpdate, { [quantity]: 4242 });
    p.outbox.update(base.id, table.id, tempId, { [quantity]: 8 });
    p.outbox.delete(base.id, table.id, toDelete);
    return { folder, base, table, name, quantity, p, tempId, toUpdate, toDelete };
  }

  it('shows creates, updates and deletes at once, and finds a new record by search', async () => {
    const { table, name, quantity, p, tempId, toUpdate, toDelete } = await offlineEdits();
    const visible = p.queries.window({ tableId: table.id, limit: 100 }).records;
    expect(visible.find((r) => r.id === tempId)).toMatchObject({ pending: true, cells: { [name]: 'Made on a plane', [quantity]: 8 } });
    expect(visible.find((r) => r.id === toUpdate)?.cells[quantity]).toBe(4242);
    expect(visible.find((r) => r.id === toDelete)).toBeUndefined();
    expect(p.queries.window({ tableId: table.id, search: 'plane', limit: 5 }).records.map((r) => r.id)).toEqual([tempId]);
    p.close();
  });

  it('keeps what waits (and shows it) when a replay finds Airtable unreachable and the app restarts', async () => {
    const { folder, table, p, tempId } = await offlineEdits();
    expect((await p.replay.run()).offline).toBe(true);
    p.close();
    const restarted = open(folder); // still offline
    expect(restarted.outbox.open()).toHaveLength(4);
    expect(restarted.queries.window({ tableId: table.id, limit: 100 }).records.find((r) => r.id === tempId)).toBeDefined();
    restarted.close();
  });

  it('replays every waiting edit exactly once when Airtable is back, and the cache shows Airtable’s records', async () => {
    const { folder, table, name, quantity, p, tempId, toUpdate, toDelete } = await offlineEdits();
    p.close();
    const restarted = open(folder);
    await online();
    expect(await restarted.replay.run()).toMatchObject({ sent: 4, rejected: 0, conflicts: 0, offline: false });
    expect(names().filter((n) => n === 'Made on a plane')).toHaveLength(1);
    const created = [...table.records.values()].find((r) => r.cells[name] === 'Made on a plane')!;
    expect(created.cells[quantity]).toBe(8);
    expect(table.records.get(toUpdate)!.cells[quantity]).toBe(4242);
    expect(table.records.has(toDelete)).toBe(false);
    const after = restarted.queries.window({ tableId: table.id, limit: 100 }).records;
    expect(after.find((r) => r.id === tempId)).toBeUndefined();
    expect(after.find((r) => r.id === created.id)?.pending).toBe(false);
    expect(after.every((r) => !r.pending)).toBe(true);
    expect(await restarted.replay.run()).toMatchObject({ sent: 0 });
    restarted.close();
  });

  it('turns a field changed on both sides into a conflict instead of overwriting it', async () => {
    const p = open(mkdtempSync(path.join(tmpdir(), 'airvault-outbox-')));
    const base = h.firstBase();
    const table = base.tables[0]!;
    const [id] = [...table.records.keys()];
    const name = table.primaryFieldId;
    const quantity = table.fields.find((f) => f.name === 'Quantity')!.id;
    await p.sync.run(base.id);
    p.outbox.update(base.id, table.id, id!, { [name]: 'Mine', [quantity]: 1 });
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [{ id, fields: { [name]: 'Theirs' } }] });
    const result = await p.replay.run();
    expect(result).toMatchObject({ conflicts: 1 });
    expect(table.records.get(id!)!.cells[name]).toBe('Theirs'); // not overwritten
    expect(table.records.get(id!)!.cells[quantity]).toBe(1); // the field only we changed was sent
    const conflicts = p.outbox.db.prepare('SELECT field_id, mine, theirs FROM conflicts').all();
    expect(conflicts).toEqual([{ field_id: name, mine: '"Mine"', theirs: '"Theirs"' }]);
    expect(p.outbox.list()[0]).toMatchObject({ status: 'conflict' });
    p.close();
  });

  it('never sends a create twice when its answer was lost', async () => {
    const p = open(mkdtempSync(path.join(tmpdir(), 'airvault-outbox-')));
    const base = h.firstBase();
    const table = base.tables[0]!;
    await p.sync.run(base.id);
    p.outbox.create(base.id, table.id, { [table.primaryFieldId]: 'Exactly once' });
    await h.control('faults', { rules: [{ kind: 'drop-after', count: 1, method: 'POST' }] });
    expect((await p.replay.run()).offline).toBe(true);
    expect(names().filter((n) => n === 'Exactly once')).toHaveLength(1); // it did land
    expect(p.outbox.open()[0]).toMatchObject({ status: 'sending' });
    await online();
    expect(await p.replay.run()).toMatchObject({ sent: 1 });
    expect(names().filter((n) => n === 'Exactly once')).toHaveLength(1);
    p.close();
  });

  it('sends each create once when replays are asked for at the same time (an edit each, plus the background loop)', async () => {
    const p = open(mkdtempSync(path.join(tmpdir(), 'airvault-outbox-')));
    const base = h.firstBase();
    const table = base.tables[0]!;
    await p.sync.run(base.id);
    await h.control('faults', { latencyMs: 30 });
    const runs: Array<Promise<unknown>> = [];
    for (const n of [1, 2, 3]) {
      p.outbox.create(base.id, table.id, { [table.primaryFieldId]: `Restored ${n}` });
      runs.push(p.replay.run());
    }
    runs.push(p.replay.run());
    await Promise.all(runs);
    await h.control('faults', { latencyMs: 0 });
    for (const n of [1, 2, 3]) expect(names().filter((x) => x === `Restored ${n}`)).toHaveLength(1);
    expect(p.outbox.open()).toEqual([]);
    p.close();
  });

  it('keeps a change Airtable rejects visible with the reason', async () => {
    const p = open(mkdtempSync(path.join(tmpdir(), 'airvault-outbox-')));
    const base = h.firstBase();
    const table = base.tables[0]!;
    await p.sync.run(base.id);
    const [id] = [...table.records.keys()];
    p.outbox.update(base.id, table.id, id!, { [table.fields.find((f) => f.name === 'Rating')!.id]: 99 });
    expect(await p.replay.run()).toMatchObject({ rejected: 1 });
    expect(p.outbox.list()[0]).toMatchObject({ status: 'rejected', error: expect.stringContaining('INVALID_VALUE_FOR_COLUMN') });
    p.close();
  });

  it('resolves conflicts by keeping mine, keeping theirs, or a new value', async () => {
    const p = open(mkdtempSync(path.join(tmpdir(), 'airvault-outbox-')));
    const base = h.firstBase();
    const table = base.tables[0]!;
    const name = table.primaryFieldId;
    const [a, b, c] = [...table.records.keys()] as [string, string, string];
    await p.sync.run(base.id);
    for (const id of [a, b, c]) p.outbox.update(base.id, table.id, id, { [name]: `mine ${id}` });
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [a, b, c].map((id) => ({ id, fields: { [name]: `theirs ${id}` } })) });
    expect(await p.replay.run()).toMatchObject({ conflicts: 3 });
    const [ca, cb, cc] = p.actions.conflicts();
    expect(ca).toMatchObject({ recordId: a, fieldId: name, mine: `mine ${a}`, theirs: `theirs ${a}` });
    p.actions.resolve(ca!.id, { keep: 'mine' });
    p.actions.resolve(cb!.id, { keep: 'theirs' });
    p.actions.resolve(cc!.id, { value: 'a third way' });
    expect(p.actions.conflicts()).toEqual([]);
    expect(await p.replay.run()).toMatchObject({ sent: 2, conflicts: 0 });
    expect(table.records.get(a)!.cells[name]).toBe(`mine ${a}`);
    expect(table.records.get(b)!.cells[name]).toBe(`theirs ${b}`);
    expect(table.records.get(c)!.cells[name]).toBe('a third way');
    expect(() => p.actions.resolve(ca!.id, { keep: 'mine' })).toThrow(/already resolved/);
    p.close();
  });

  it('discards unsent changes (restoring the synced record) and retries a rejected one', async () => {
    const p = open(mkdtempSync(path.join(tmpdir(), 'airvault-outbox-')));
    const base = h.firstBase();
    const table = base.tables[0]!;
    const name = table.primaryFieldId;
    const rating = table.fields.find((f) => f.name === 'Rating')!.id;
    const [id] = [...table.records.keys()] as [string];
    await p.sync.run(base.id);
    const original = p.outbox.cachedCells(id)![name];
    await offline();
    p.outbox.update(base.id, table.id, id, { [name]: 'never mind' });
    const temp = p.outbox.create(base.id, table.id, { [name]: 'draft' });
    const [update, create] = p.outbox.list();
    p.actions.discard(update!.seq);
    p.actions.discard(create!.seq);
    expect(p.outbox.cachedCells(id)![name]).toBe(original);
    expect(p.queries.window({ tableId: table.id, limit: 100 }).records.find((r) => r.id === id)?.pending).toBe(false);
    expect(p.outbox.cachedCells(temp)).toBeUndefined();
    await online();
    expect(await p.replay.run()).toMatchObject({ sent: 0 });
    expect(names()).not.toContain('draft');
    p.outbox.update(base.id, table.id, id, { [rating]: 9 });
    expect(await p.replay.run()).toMatchObject({ rejected: 1 });
    const rejected = p.outbox.list().find((e) => e.status === 'rejected')!;
    await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${table.id}/fields/${rating}`, { json: { options: { max: 10 } } });
    p.actions.retry(rejected.seq);
    expect(await p.replay.run()).toMatchObject({ sent: 1 });
    expect(table.records.get(id)!.cells[rating]).toBe(9);
    expect(() => p.actions.retry(rejected.seq)).toThrow(/Only a rejected change/);
    p.close();
  });
});
