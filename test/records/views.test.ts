import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { registerIpc } from '../../electron/main/ipc/registrar';
import { createSenderPolicy } from '../../electron/main/ipc/senderPolicy';
import { FakeIpcMain, frame } from '../helpers/fakeIpc';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x230:views', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

interface SchemaView {
  bases: Array<{ tables: Array<{ id: string; views: Array<{ id: string; name: string; type: string; listedAt: number | null; listOutOfDate: boolean }> }> }>;
}

async function connectedVault() {
  const v = await vaultAgainst(h);
  const ipcMain = new FakeIpcMain();
  registerIpc({ ipcMain, handlers: v.core.handlers, isTrustedSender: createSenderPolicy(['airvault://app']), logger: v.core.logger });
  const app = frame('airvault://app/index.html');
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await ipcMain.invoke(channel, input, app);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  const profile = await call<{ id: string }>('profiles:create', { name: 'Views' });
  await call('profiles:connect-pat', { id: profile.id, token: h.sandbox.defaultPat });
  const syncDone = async (baseId: string) => {
    const before = v.core.emitted.length;
    await call('sync:start', { profileId: profile.id, baseId });
    await expect.poll(() => v.core.emitted.slice(before).filter((e) => e.event === 'syncChanged').map((e) => (e.payload as { phase: string }).phase).at(-1), { timeout: 20_000 }).toBe('done');
  };
  return { v, call, profileId: profile.id, syncDone };
}

/** The view's records as Airtable (the sandbox) lists them with `view=`, every page. */
async function listedIds(baseId: string, tableId: string, view: string): Promise<string[]> {
  const ids: string[] = [];
  let offset: string | undefined;
  do {
    const res = await h.call('GET', `/v0/${baseId}/${tableId}`, { query: { view, ...(offset ? { offset } : {}) } });
    expect(res.status).toBe(200);
    ids.push(...res.body.records.map((r: { id: string }) => r.id));
    offset = res.body.offset;
  } while (offset);
  return ids;
}

describe('views offline', () => {
  it("shows each view's records in its order, exactly as Airtable lists it, with the network gone", async () => {
    const { call, profileId, syncDone } = await connectedVault();
    const base = h.firstBase();
    const table = base.tables[0]!;
    await syncDone(base.id);
    const schema = await call<SchemaView>('cache:schema', { profileId });
    const views = schema.bases[0]!.tables[0]!.views;
    expect(views.map((view) => [view.type, view.listedAt !== null, view.listOutOfDate])).toEqual([
      ['grid', true, false],
      ['grid', true, false],
      ['kanban', true, false],
      ['gallery', true, false],
    ]);
    const expected = new Map<string, string[]>();
    for (const view of views) expected.set(view.id, await listedIds(base.id, table.id, view.id));
    const open = views.find((view) => view.name === 'Open work')!;
    expect(expected.get(open.id)!.length).toBeLessThan(230); // the view filters: a real test of membership

    await h.control('faults', { rules: [{ kind: 'drop' }] }); // offline from here on
    for (const view of views) {
      // Page through in small windows: the cursor must keep the view's order across pages.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const window: { records: Array<{ id: string }>; next: string | null } = await call('records:window', { profileId, tableId: table.id, viewId: view.id, limit: 17, ...(after ? { after } : {}) });
        seen.push(...window.records.map((r) => r.id));
        after = window.next;
      } while (after);
      expect(seen, view.name).toEqual(expected.get(view.id));
      expect(await call('records:count', { profileId, tableId: table.id, viewId: view.id, cap: 1000 }), view.name).toEqual({ count: expected.get(view.id)!.length, capped: false });
    }

    // A jump far down the view lands on the same record as Airtable's order.
    const jumped = await call<{ records: Array<{ id: string }> }>('records:window', { profileId, tableId: table.id, viewId: open.id, skip: 40, limit: 1 });
    expect(jumped.records[0]!.id).toBe(expected.get(open.id)![40]);
    // A search or a sort inside a view keeps to the view's records.
    const members = new Set(expected.get(open.id));
    const searched = await call<{ records: Array<{ id: string }> }>('records:window', { profileId, tableId: table.id, viewId: open.id, search: 'project', limit: 500 });
    expect(searched.records.length).toBeGreaterThan(0);
    expect(searched.records.every((r) => members.has(r.id))).toBe(true);
    const sorted = await call<{ records: Array<{ id: string }> }>('records:window', { profileId, tableId: table.id, viewId: open.id, sort: [{ fieldId: table.primaryFieldId, direction: 'desc' }], limit: 500 });
    expect(new Set(sorted.records.map((r) => r.id))).toEqual(members);

    // A record created here shows at the end of the view; one deleted here leaves it.
    const created = await call<{ id: string }>('records:create', { profileId, baseId: base.id, tableId: table.id, fields: { [table.primaryFieldId]: 'Made on the plane' } });
    const firstMember = expected.get(open.id)![0]!;
    await call('records:delete', { profileId, baseId: base.id, tableId: table.id, recordIds: [firstMember] });
    const all: string[] = [];
    let after: string | null = null;
    do {
      const window: { records: Array<{ id: string }>; next: string | null } = await call('records:window', { profileId, tableId: table.id, viewId: open.id, limit: 100, ...(after ? { after } : {}) });
      all.push(...window.records.map((r) => r.id));
      after = window.next;
    } while (after);
    expect(all).toEqual([...expected.get(open.id)!.slice(1), created.id]);
  });

  it('marks a view out of date when its records change upstream, and reads it again', async () => {
    const { call, profileId, syncDone } = await connectedVault();
    const base = h.firstBase();
    const table = base.tables[0]!;
    await syncDone(base.id);
    const open = (await call<SchemaView>('cache:schema', { profileId })).bases[0]!.tables[0]!.views.find((view) => view.name === 'Open work')!;
    const before = await listedIds(base.id, table.id, open.id);
    // Someone ticks Done on the first open record in Airtable: it leaves the view there.
    await h.control('clock/advance', { ms: 2 * 60_000 });
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [{ id: before[0]!, fields: { Done: true } }] });
    const after = await listedIds(base.id, table.id, open.id);
    expect(after).toEqual(before.slice(1));

    await syncDone(base.id); // incremental: reads the changed record; the views' lists wait for their own schedule
    const viewState = async () => (await call<SchemaView>('cache:schema', { profileId })).bases[0]!.tables[0]!.views.find((view) => view.id === open.id)!;
    expect((await viewState()).listOutOfDate).toBe(true);
    // The screen showing an out-of-date view asks for it (one listing, not every view of the base).
    expect(await call('sync:view', { profileId, viewId: open.id })).toEqual({ fresh: true });
    expect((await viewState()).listOutOfDate).toBe(false);
    const window = await call<{ records: Array<{ id: string }> }>('records:window', { profileId, tableId: table.id, viewId: open.id, limit: 500 });
    expect(window.records.map((r) => r.id)).toEqual(after);
  });

  it('reads one view now when asked, keeps the list it had when offline, and refuses a table or view it does not know', async () => {
    const { call, profileId, syncDone } = await connectedVault();
    const base = h.firstBase();
    const table = base.tables[0]!;
    await syncDone(base.id);
    const open = (await call<SchemaView>('cache:schema', { profileId })).bases[0]!.tables[0]!.views.find((view) => view.name === 'Open work')!;
    const before = await listedIds(base.id, table.id, open.id);
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [{ id: before[1]!, fields: { Done: true } }] });
    expect(await call('sync:view', { profileId, viewId: open.id })).toEqual({ fresh: true });
    const fresh = await call<{ records: Array<{ id: string }> }>('records:window', { profileId, tableId: table.id, viewId: open.id, limit: 500 });
    expect(fresh.records.map((r) => r.id)).toEqual([before[0], ...before.slice(2)]);

    await h.control('faults', { rules: [{ kind: 'drop' }] });
    expect(await call('sync:view', { profileId, viewId: open.id })).toEqual({ fresh: false });
    const kept = await call<{ records: Array<{ id: string }> }>('records:window', { profileId, tableId: table.id, viewId: open.id, limit: 500 });
    expect(kept.records).toEqual(fresh.records);

    await expect(call('records:window', { profileId, tableId: 'tblAAAAAAAAAAAAAA', viewId: open.id, limit: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('sync:view', { profileId, viewId: 'viwAAAAAAAAAAAAAA' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('records:window', { profileId, tableId: table.id, viewId: 'viw<script>', limit: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
