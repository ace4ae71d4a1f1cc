import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { testCore, openSqlite } from '../helpers/services';
import { FakeClock } from '../helpers/fakeClock';
import type { Logger } from '../../electron/core/ports';
import { registerIpc } from '../../electron/main/ipc/registrar';
import { createSenderPolicy } from '../../electron/main/ipc/senderPolicy';
import { FakeIpcMain, frame } from '../helpers/fakeIpc';
import { FutureDatabaseError, migrate } from '../../electron/core/platform/db/migrate';
import { vaultMigrations } from '../../electron/core/profiles/vaultMigrations';
import { createProfileApi } from '../../electron/core/airtable/profileApi';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

describe('profiles', () => {
  it('creates, renames and recolors profiles, validating names with clear errors', async () => {
    const core = testCore();
    const work = core.profiles.create('Work');
    expect(work).toMatchObject({ name: 'Work', status: 'pending', authKind: null, color: 'blue' });
    expect(core.profiles.create('Client A').color).toBe('cyan');
    expect(() => core.profiles.create('work')).toThrow('A profile named "Work" already exists.');
    expect(() => core.profiles.create('   ')).toThrow('A profile needs a name.');
    expect(() => core.profiles.create('x'.repeat(61))).toThrow('at most 60 characters');
    expect(() => core.profiles.create('bad\u0007name')).toThrow('control characters');
    expect(core.profiles.rename(work.id, 'Day job').name).toBe('Day job');
    expect(() => core.profiles.rename(work.id, 'client a')).toThrow(/already exists/);
    expect(core.profiles.recolor(work.id, 'purple').color).toBe('purple');
    expect(core.profiles.list().map((p) => p.name)).toEqual(['Day job', 'Client A']);
    await core.stop();
  });

  it('deletes a profile with its keychain entries and data folder, and nothing of another profile', async () => {
    const v = await vaultAgainst(h);
    const a = await v.connectOAuth('A');
    const b = await v.connectOAuth('B');
    for (const p of [a, b]) {
      mkdirSync(v.core.profiles.dataFolder(p.id), { recursive: true });
      writeFileSync(path.join(v.core.profiles.dataFolder(p.id), 'cache.sqlite'), 'x');
    }
    await v.core.profiles.delete(a.id);
    expect([...v.secrets.values.keys()].some((k) => k.includes(a.id))).toBe(false);
    expect([...v.secrets.values.keys()].some((k) => k.includes(b.id))).toBe(true);
    expect(existsSync(v.core.profiles.dataFolder(a.id))).toBe(false);
    expect(existsSync(path.join(v.core.profiles.dataFolder(b.id), 'cache.sqlite'))).toBe(true);
    expect((await createProfileApi(v.core.client, b.id).meta.whoami()).id).toBe('usrSandboxOwner01');
    await expect(createProfileApi(v.core.client, a.id).meta.whoami()).rejects.toMatchObject({ kind: 'profile-stopped' });
    await v.core.stop();
  });

  it('keeps two profiles apart: each call uses its own token and sees its own grant', async () => {
    const v = await vaultAgainst(h);
    const [first, second] = [...h.sandbox.store.bases.values()];
    await h.control('consent', { baseIds: [first!.id] });
    const a = await v.connectOAuth('Only first base');
    const pat = (await h.control('pats', { baseIds: [second!.id], userId: 'usrSandboxColl002' })).body.token as string;
    const b = v.core.profiles.create('Only second base');
    await v.core.connect.connectPat(b.id, pat);
    const basesOf = async (id: string) => (await createProfileApi(v.core.client, id).meta.listBases()).map((x) => x.id);
    expect(await basesOf(a.id)).toEqual([first!.id]);
    expect(await basesOf(b.id)).toEqual([second!.id]);
    expect((await createProfileApi(v.core.client, b.id).meta.whoami()).id).toBe('usrSandboxColl002');
    await expect(createProfileApi(v.core.client, a.id).records.list(second!.id, second!.tables[0]!.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await v.core.stop();
  });

  it('fails a call without its scope before sending it, naming the scope', async () => {
    const v = await vaultAgainst(h);
    await v.core.settings.update({ scopes: ['data.records:read'] });
    const profile = await v.connectOAuth('Narrow');
    await h.control('stats/reset');
    await expect(createProfileApi(v.core.client, profile.id).meta.listBases()).rejects.toMatchObject({ kind: 'missing-scope', message: expect.stringContaining('"schema.bases:read"') });
    expect((await h.control('stats', {}, 'GET')).body.total).toBe(0);
    const base = h.firstBase();
    expect(await createProfileApi(v.core.client, profile.id).records.list(base.id, base.tables[0]!.id, { maxRecords: 1 })).toHaveLength(1);
    await v.core.stop();
  });
});

describe('OAuth client settings over IPC', () => {
  it('stores the client secret in the keychain and only ever answers whether one is set', async () => {
    const v = await vaultAgainst(h);
    const ipcMain = new FakeIpcMain();
    registerIpc({ ipcMain, handlers: v.core.handlers, isTrustedSender: createSenderPolicy(['airvault://app']), logger: v.core.logger });
    const app = frame('airvault://app/index.html');
    const set = await ipcMain.invoke('oauth-settings:set', { clientId: 'my-integration', clientSecret: 'very-secret-value', loopbackPort: 50123 }, app);
    expect(set).toMatchObject({ ok: true, value: { clientId: 'my-integration', hasClientSecret: true, redirectUri: 'http://127.0.0.1:50123/oauth/callback' } });
    expect(JSON.stringify(set)).not.toContain('very-secret-value');
    expect(v.secrets.values.get('oauth:client-secret')).toBe('very-secret-value');
    expect(JSON.stringify(v.core.db.prepare('SELECT * FROM settings').all())).not.toContain('very-secret-value');
    const cleared = await ipcMain.invoke('oauth-settings:set', { clientSecret: null }, app);
    expect(cleared).toMatchObject({ ok: true, value: { hasClientSecret: false } });
    expect(await ipcMain.invoke('oauth-settings:set', { loopbackPort: 80 }, app)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ipcMain.invoke('oauth-settings:set', { tokenUrl: 'javascript:alert(1)' }, app)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await v.core.stop();
  });
});

describe('where tokens may and may not appear (check 15)', () => {
  it('keeps every token issued during login and refresh out of logs, the database (and its WAL) and IPC', async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
    const v = await vaultAgainst(h, { clock, logger });
    const ipcMain = new FakeIpcMain();
    registerIpc({ ipcMain, handlers: v.core.handlers, isTrustedSender: createSenderPolicy(['airvault://app']), logger });
    const app = frame('airvault://app/index.html');
    const outputs: unknown[] = [];
    const created = await ipcMain.invoke('profiles:create', { name: 'Sentinel' }, app);
    outputs.push(created);
    const id = (created as { value: { id: string } }).value.id;
    const started = await ipcMain.invoke('profiles:connect-oauth', { id }, app);
    outputs.push(started);
    await v.approve();
    await expect.poll(() => v.core.profiles.viewOf(id).status).toBe('active');
    clock.advance(3600_000);
    await v.core.tokens.accessToken(id); // a refresh: a second generation of tokens
    outputs.push(await ipcMain.invoke('profiles:list', {}, app), await ipcMain.invoke('oauth-settings:get', {}, app));
    const issued = [...v.secrets.values.values()].flatMap((value) => {
      const parsed = JSON.parse(value) as { accessToken?: string; refreshToken?: string };
      return [parsed.accessToken, parsed.refreshToken].filter((t): t is string => Boolean(t));
    });
    expect(issued.length).toBeGreaterThanOrEqual(4);
    v.core.db.pragma('wal_checkpoint(PASSIVE)');
    const folder = v.core.ports.env.dataFolder;
    const dbBytes = readdirSync(folder).filter((f) => f.startsWith('vault.sqlite')).map((f) => readFileSync(path.join(folder, f)).toString('latin1')).join('');
    const ipc = JSON.stringify(outputs) + JSON.stringify(v.core.emitted);
    const logs = lines.join('\n');
    for (const token of issued) {
      expect(dbBytes.includes(token)).toBe(false);
      expect(ipc.includes(token)).toBe(false);
      expect(logs.includes(token)).toBe(false);
    }
    await v.core.stop();
  });
});

describe('the vault database', () => {
  it('runs with WAL, synchronous=FULL, busy_timeout ≥ 5000 and foreign keys on (check 27)', async () => {
    const core = testCore();
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(Number(core.db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await core.stop();
  });

  it('records its migrations in user_version and refuses a database from a newer Airvault', async () => {
    const core = testCore();
    expect(core.db.pragma('user_version', { simple: true })).toBe(vaultMigrations.length);
    core.db.pragma('user_version = 99');
    const file = path.join(core.ports.env.dataFolder, 'vault.sqlite');
    await core.stop();
    const db = openSqlite(file);
    expect(() => migrate(db, vaultMigrations)).toThrow(FutureDatabaseError);
    db.close();
  });
});
