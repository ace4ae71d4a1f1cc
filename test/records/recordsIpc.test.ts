import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { registerIpc } from '../../electron/main/ipc/registrar';
import { createSenderPolicy } from '../../electron/main/ipc/senderPolicy';
import { FakeIpcMain, frame } from '../helpers/fakeIpc';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x2x60:ipc', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

describe('the cache over IPC', () => {
  it('syncs with progress events, browses and searches offline, edits through the outbox and reports connectivity', async () => {
    const v = await vaultAgainst(h);
    const ipcMain = new FakeIpcMain();
    registerIpc({ ipcMain, handlers: v.core.handlers, isTrustedSender: createSenderPolicy(['airvault://app']), logger: v.core.logger });
    const app = frame('airvault://app/index.html');
    const call = async (channel: string, input: unknown) => {
      const result = await ipcMain.invoke(channel, input, app);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    };
    const profile = await call('profiles:create', { name: 'Work' }) as { id: string };
    await call('profiles:connect-pat', { id: profile.id, token: h.sandbox.defaultPat });
    const base = h.firstBase();
    const table = base.tables[0]!;
    await call('sync:start', { profileId: profile.id, baseId: base.id });
    const syncEvents = () => v.core.emitted.filter((e) => e.event === 'syncChanged').map((e) => e.payload as { phase: string; records: number });
    await expect.poll(() => syncEvents().at(-1)?.phase, { timeout: 10_000 }).toBe('done');
    expect(syncEvents().some((e) => e.phase === 'records' && e.records > 0)).toBe(true);
    const schema = await call('cache:schema', { profileId: profile.id }) as { bases: Array<{ name: string; tables: Array<{ id: string; records: number; lastSyncedAt: number | null }> }> };
    expect(schema.bases.map((b) => b.name)).toEqual([base.name]);
    expect(schema.bases[0]!.tables.map((t) => t.records)).toEqual([60, 60]);
    expect(schema.bases[0]!.tables[0]!.lastSyncedAt).not.toBeNull();
    const usage = await call('attachments:usage', { profileId: profile.id }) as { thumbnails: number; capBytes: number };
    expect(usage.thumbnails).toBeGreaterThan(0); // thumbnails were cached with the sync
    await call('attachments:set-cap', { profileId: profile.id, bytes: 1_000_000 });
    expect(((await call('attachments:usage', { profileId: profile.id })) as { capBytes: number }).capBytes).toBe(1_000_000);

    await h.control('faults', { rules: [{ kind: 'drop' }] }); // Airtable unreachable from here on
    const window = await call('records:window', { profileId: profile.id, tableId: table.id, sort: [{ fieldId: table.primaryFieldId, direction: 'asc' }], limit: 25 }) as { records: Array<{ id: string }>; next: string };
    expect(window.records).toHaveLength(25);
    const next = await call('records:window', { profileId: profile.id, tableId: table.id, sort: [{ fieldId: table.primaryFieldId, direction: 'asc' }], limit: 50, after: window.next }) as { records: unknown[]; next: string | null };
    expect(next.records).toHaveLength(35);
    expect(next.next).toBeNull();
    const created = await call('records:create', { profileId: profile.id, baseId: base.id, tableId: table.id, fields: { [table.primaryFieldId]: 'Offline idea' } }) as { id: string };
    const found = await call('records:window', { profileId: profile.id, tableId: table.id, search: 'offline idea', limit: 5 }) as { records: Array<{ id: string; pending: boolean }> };
    expect(found.records).toEqual([expect.objectContaining({ id: created.id, pending: true })]);
    await expect.poll(() => v.core.emitted.filter((e) => e.event === 'connectivityChanged').at(-1)?.payload, { timeout: 10_000 }).toEqual({ profileId: profile.id, online: false });
    expect(((await call('outbox:list', { profileId: profile.id })) as { edits: unknown[] }).edits).toHaveLength(1);

    await h.control('faults', { rules: [] }); // back online
    await call('sync:start', { profileId: profile.id, baseId: base.id });
    await expect.poll(() => v.core.emitted.filter((e) => e.event === 'connectivityChanged').at(-1)?.payload, { timeout: 10_000 }).toEqual({ profileId: profile.id, online: true });
    await expect.poll(async () => ((await call('outbox:list', { profileId: profile.id })) as { edits: unknown[] }).edits.length, { timeout: 10_000 }).toBe(0);
    expect([...table.records.values()].some((r) => r.cells[table.primaryFieldId] === 'Offline idea')).toBe(true);

    expect(await ipcMain.invoke('records:window', { profileId: profile.id, tableId: 'tblNotAnIdAtAll', limit: 5 }, app)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await call('profiles:delete', { id: profile.id });
    await v.core.stop();
  });
});
