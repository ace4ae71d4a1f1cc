import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { FakeClock } from '../helpers/fakeClock';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x20:trust', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

async function synced(clock = new FakeClock()) {
  const v = await vaultAgainst(h, { clock });
  const profile = await v.core.handlers.profilesCreate({ name: 'Trust' });
  await v.core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
  const base = h.firstBase();
  const table = base.tables[0]!;
  await v.core.sync.sync(profile.id, base.id);
  const at = { profileId: profile.id, baseId: base.id, tableId: table.id };
  const field = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const cached = async (id: string) => (await v.core.handlers.recordsGet({ profileId: profile.id, recordIds: [id] })).records[0]?.record;
  const outbox = () => v.core.handlers.outboxList({ profileId: profile.id });
  return { v, clock, profile, base, table, at, field, cached, outbox };
}

describe('edits that never lose a value', () => {
  it('refuses text in a number field with the reason, queues nothing, and keeps the old value', async () => {
    const { v, table, at, field, cached, outbox } = await synced();
    const id = [...table.records.keys()][0]!;
    const before = (await cached(id))!.cells[field('Quantity')];
    await expect(v.core.handlers.recordsUpdate({ ...at, recordId: id, fields: { [field('Quantity')]: 'abc' } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('takes a number') });
    expect((await cached(id))!.cells[field('Quantity')]).toEqual(before);
    expect((await outbox()).edits).toEqual([]);
    await v.core.stop();
  });

  it('refuses an option the field does not have, and a link that is not a record id', async () => {
    const { v, table, at, field } = await synced();
    const id = [...table.records.keys()][0]!;
    await expect(v.core.handlers.recordsUpdate({ ...at, recordId: id, fields: { [field('Status')]: 'Nonexistent' } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not an option') });
    await expect(v.core.handlers.recordsCreate({ ...at, fields: { [field('Related')]: ['Bravo task 5'] } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await v.core.stop();
  });
});

describe('deletes that can be undone', () => {
  it('hides deleted records at once, sends nothing while they can be undone, and brings the same records back', async () => {
    const { v, table, at, cached, outbox } = await synced();
    const ids = [...table.records.keys()].slice(0, 3);
    const result = await v.core.handlers.recordsDelete({ ...at, recordIds: ids });
    expect(result.undoableForMs).toBeGreaterThanOrEqual(5_000);
    for (const id of ids) expect(await cached(id)).toBeUndefined();
    expect((await outbox()).edits.map((e) => [e.kind, e.sendsAt !== null])).toEqual([['delete', true], ['delete', true], ['delete', true]]);
    await v.core.outbox.flush(at.profileId); // a send before the wait is over leaves them alone
    for (const id of ids) expect(table.records.has(id)).toBe(true);
    expect(await v.core.handlers.recordsRestore({ profileId: at.profileId, recordIds: ids })).toEqual({ restored: ids, gone: [] });
    for (const id of ids) expect((await cached(id))?.id).toBe(id);
    expect((await outbox()).edits).toEqual([]);
    await v.core.stop();
  });

  it('sends the deletes once the wait is over; a later undo says they are gone', async () => {
    const { v, clock, table, at } = await synced();
    const id = [...table.records.keys()][0]!;
    await v.core.handlers.recordsDelete({ ...at, recordIds: [id] });
    clock.advance(11_000);
    await expect.poll(() => table.records.has(id)).toBe(false);
    expect(await v.core.handlers.recordsRestore({ profileId: at.profileId, recordIds: [id] })).toEqual({ restored: [], gone: [id] });
    await v.core.stop();
  });

  it('"send now" sends even deletes still inside their wait', async () => {
    const { v, table, at } = await synced();
    const id = [...table.records.keys()][0]!;
    await v.core.handlers.recordsDelete({ ...at, recordIds: [id] });
    await v.core.handlers.outboxSendNow({ profileId: at.profileId });
    expect(table.records.has(id)).toBe(false);
    await v.core.stop();
  });

  it('refuses to delete a record that is not in the cache, deleting none of the others', async () => {
    const { v, table, at, cached } = await synced();
    const id = [...table.records.keys()][0]!;
    await expect(v.core.handlers.recordsDelete({ ...at, recordIds: [id, 'recZZZZZZZZZZZZZZ'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await cached(id)).toBeDefined();
    await v.core.stop();
  });
});

describe('honest outbox and counts', () => {
  it('lists waiting changes with the record’s name and time, and tells when a created record got its Airtable id', async () => {
    const { v, clock, at, field, outbox } = await synced();
    await h.control('faults', { rules: [{ kind: 'drop' }] });
    const { id: tempId } = await v.core.handlers.recordsCreate({ ...at, fields: { [field('Name')]: 'Made offline' } });
    await expect.poll(async () => (await outbox()).edits.length).toBe(1);
    expect((await outbox()).edits[0]).toMatchObject({ kind: 'create', recordId: tempId, recordName: 'Made offline', createdAt: expect.any(Number), sendsAt: null });
    expect(Math.abs((await outbox()).edits[0]!.createdAt - clock.now())).toBeLessThan(60_000);
    await h.control('faults', { rules: [] });
    await v.core.outbox.flush(at.profileId);
    const renamed = v.core.emitted.filter((e) => e.event === 'recordsChanged').at(-1)?.payload as { renamed: Array<{ from: string; to: string }> };
    expect(renamed.renamed).toEqual([{ from: tempId, to: expect.stringMatching(/^rec/) }]);
    await v.core.stop();
  });

  it('counts what a search and filters match, not the whole table', async () => {
    const { v, table, at } = await synced();
    const name = String([...table.records.values()][0]!.cells[table.primaryFieldId]);
    expect(await v.core.handlers.recordsCount({ profileId: at.profileId, tableId: at.tableId, search: name, cap: 1000 })).toEqual({ count: 1, capped: false });
    expect(await v.core.handlers.recordsCount({ profileId: at.profileId, tableId: at.tableId, cap: 1000 })).toEqual({ count: 20, capped: false });
    expect(await v.core.handlers.recordsCount({ profileId: at.profileId, tableId: at.tableId, formula: 'TRUE()', cap: 5 })).toEqual({ count: 5, capped: true });
    await v.core.stop();
  });
});

describe('links a record holds', () => {
  it('opens a button field’s URL read from the cache, and nothing else', async () => {
    const { v, table, at, field } = await synced();
    const button = field('Open');
    const id = [...table.records.keys()][0]!;
    await v.core.handlers.recordsOpenLink({ profileId: at.profileId, recordId: id, fieldId: button });
    expect(v.links).toEqual([`https://sandbox.airtable.test/button/${id}`]);
    await expect(v.core.handlers.recordsOpenLink({ profileId: at.profileId, recordId: id, fieldId: table.primaryFieldId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await v.core.stop();
  });
});

describe('adding a profile that fails to connect', () => {
  it('creates nothing when Airtable refuses the token', async () => {
    const v = await vaultAgainst(h);
    await expect(v.core.handlers.profilesAddWithPat({ name: 'Nope', token: 'patNotAcceptedByAirtable.000000' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(v.core.profiles.list()).toEqual([]);
    expect((await v.core.handlers.profilesAddWithPat({ name: 'Yes', token: h.sandbox.defaultPat })).status).toBe('active');
    await v.core.stop();
  });

  it('removes the profile and keeps the old client id when the OAuth sign-in is denied; saves the client id once one works', async () => {
    const v = await vaultAgainst(h);
    await h.control('clients', { clientId: 'typed-client', redirectUris: [`http://127.0.0.1:${v.port}/oauth/callback`] });
    await h.control('consent', { mode: 'deny' });
    await v.core.handlers.profilesAddWithOauth({ name: 'Denied', clientId: 'typed-client' });
    await v.approve().catch(() => undefined);
    await expect.poll(() => v.core.profiles.list().length).toBe(0);
    expect(v.core.settings.get().clientId).toBe(v.clientId);
    await h.control('consent', { mode: 'approve' });
    const { profileId } = await v.core.handlers.profilesAddWithOauth({ name: 'Approved', clientId: 'typed-client' });
    await v.approve();
    await expect.poll(() => v.core.profiles.viewOf(profileId).status).toBe('active');
    expect(v.core.settings.get().clientId).toBe('typed-client');
    await v.core.stop();
  });
});
