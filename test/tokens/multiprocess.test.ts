import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../helpers/vaultHarness';
import type { SandboxHarness } from '../helpers/sandboxClient';
import { FileSecretStore } from '../helpers/fileSecretStore';
import { openSqlite, testCore } from '../helpers/services';
import { backupDatabase, configure } from '../../electron/core/platform/db/sqlite';
import { Lease } from '../../electron/core/tokens/lease';
import { systemClock } from '../../electron/core/ports';
import { TokenManager } from '../../electron/core/tokens/tokenManager';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());

function worker(job: Record<string, unknown>): { child: ChildProcess; line: (text: string) => Promise<void>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/tokens/processWorker.ts', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const seen: string[] = [];
  const waiters: Array<[string, () => void]> = [];
  lines.on('line', (text) => {
    seen.push(text);
    for (const [want, resolve] of waiters) if (want === text) resolve();
  });
  return {
    child,
    line: (text) => (seen.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push([text, resolve]))),
    exit: new Promise((resolve) => child.once('exit', resolve)),
  };
}

describe('several real processes of ours', () => {
  it('two processes forcing 100 expiries refresh exactly once per generation and never reuse a refresh token (checks 16–17)', async () => {
    h.sandbox.reset();
    const secretsDir = mkdtempSync(path.join(tmpdir(), 'airvault-secrets-'));
    const v = await vaultAgainst(h, { secrets: new FileSecretStore(secretsDir) });
    const profile = await v.connectOAuth();
    const before = v.core.tokens.grants.get(profile.id)!.generation;
    await v.core.stop();
    const settings = { clientId: v.clientId, apiUrl: `${h.sandbox.url}/v0`, authorizeUrl: `${h.sandbox.url}/oauth2/v1/authorize`, tokenUrl: `${h.sandbox.url}/oauth2/v1/token` };
    const job = { mode: 'refresh-loop', dataDir: v.core.ports.env.dataFolder, secretsDir, profileId: profile.id, iterations: 50, oauth: settings };
    const workers = [worker(job), worker(job)];
    expect(await Promise.all(workers.map((w) => w.exit))).toEqual([0, 0]);
    const stats = (await h.control('stats', {}, 'GET')).body;
    const [grant] = (await h.control('grants', {}, 'GET')).body.grants;
    expect(stats.refreshReuses).toBe(0);
    expect(grant.revoked).toBe(false);
    const after = openSqlite(path.join(v.core.ports.env.dataFolder, 'vault.sqlite'));
    const generation = (after.prepare('SELECT generation FROM grants WHERE profile_id = ?').get(profile.id) as { generation: number }).generation;
    after.close();
    // Each forced expiry either refreshed (one generation) or found a peer's newer generation.
    expect(generation - before).toBe(grant.refreshCount);
    expect(grant.refreshCount).toBeGreaterThanOrEqual(50);
    expect(grant.refreshCount).toBeLessThanOrEqual(100);
  }, 120_000);

  it('a lease held by a process killed with -9 passes to a peer only after its TTL (check 18)', async () => {
    const core = testCore();
    const dataDir = core.ports.env.dataFolder;
    await core.stop();
    const holder = worker({ mode: 'hold-lease', dataDir });
    await holder.line('held');
    const takenAt = Date.now();
    holder.child.kill('SIGKILL');
    await holder.exit;
    const db = openSqlite(path.join(dataDir, 'vault.sqlite'));
    configure(db, { durable: true });
    const peer = new Lease(db, 'peer', systemClock);
    expect(peer.tryAcquire('refresh:test', 2000)).toBe(false);
    expect(await peer.acquire('refresh:test', 2000, 5000)).toBe(true);
    expect(Date.now() - takenAt).toBeGreaterThanOrEqual(1900);
    db.close();
    // The lease must outlive two refresh timeouts, or a slow refresh could be overtaken.
    expect(() => new TokenManager({} as never, { refreshTimeoutMs: 20_000, leaseTtlMs: 30_000 })).toThrow(/outlive two refresh timeouts/);
  }, 30_000);

  it('two processes doing read-then-write transactions never hit SQLITE_BUSY and lose no update (check 28)', async () => {
    const core = testCore();
    core.db.exec('CREATE TABLE stress (id INTEGER PRIMARY KEY, value INTEGER NOT NULL); INSERT INTO stress VALUES (1, 0);');
    const dataDir = core.ports.env.dataFolder;
    const workers = [worker({ mode: 'counter', dataDir, iterations: 1500 }), worker({ mode: 'counter', dataDir, iterations: 1500 })];
    expect(await Promise.all(workers.map((w) => w.exit))).toEqual([0, 0]);
    expect((core.db.prepare('SELECT value FROM stress').get() as { value: number }).value).toBe(3000);
    await core.stop();
  }, 60_000);

  it('killing a writer with -9 mid-transaction, again and again, leaves an intact database with whole batches (check 29)', async () => {
    const core = testCore();
    core.db.exec('CREATE TABLE batches (batch INTEGER NOT NULL, item INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (batch, item))');
    const dataDir = core.ports.env.dataFolder;
    for (let round = 0; round < 6; round++) {
      const w = worker({ mode: 'insert-batches', dataDir });
      await new Promise((resolve) => setTimeout(resolve, 700 + Math.random() * 300));
      w.child.kill('SIGKILL');
      await w.exit;
    }
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const partial = core.db.prepare('SELECT batch, COUNT(*) AS n FROM batches GROUP BY batch HAVING n <> 10').all();
    expect(partial).toEqual([]);
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM batches').get() as { n: number }).n).toBeGreaterThan(0);
    await core.stop();
  }, 60_000);

  it('a backup taken while another process writes passes integrity_check and the app starts from it (check 30)', async () => {
    const core = testCore();
    core.profiles.create('Backed up');
    core.db.exec('CREATE TABLE batches (batch INTEGER NOT NULL, item INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (batch, item))');
    const writer = worker({ mode: 'insert-batches', dataDir: core.ports.env.dataFolder });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const backupDir = mkdtempSync(path.join(tmpdir(), 'airvault-backup-'));
    backupDatabase(core.db, path.join(backupDir, 'vault.sqlite'));
    writer.child.kill('SIGKILL');
    await writer.exit;
    await core.stop();
    const restored = testCore({ env: { ...core.ports.env, dataFolder: backupDir } });
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restored.profiles.list().map((p) => p.name)).toEqual(['Backed up']);
    await restored.stop();
  }, 30_000);
});
