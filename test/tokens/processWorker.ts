import { createCore } from '../../electron/core/core';
import { silentLogger, systemClock } from '../../electron/core/ports';
import { Lease } from '../../electron/core/tokens/lease';
import { configure } from '../../electron/core/platform/db/sqlite';
import { FileSecretStore } from '../helpers/fileSecretStore';
import { openSqlite } from '../helpers/services';
import path from 'node:path';

/** A second real process of ours, for the multi-process checks. Mode and options arrive as JSON. */
interface Job {
  mode: 'refresh-loop' | 'race' | 'hold-lease' | 'counter' | 'insert-batches';
  dataDir: string;
  secretsDir?: string;
  profileId?: string;
  iterations?: number;
  oauth?: { clientId: string; apiUrl: string; authorizeUrl: string; tokenUrl: string };
  /** race: how long to keep calling Airtable, with tokens that live 20 seconds. */
  seconds?: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  if (job.mode === 'race') {
    // Another process of ours using the same profile as fast as a busy app would: its own
    // refresh timers (ahead of a 20-second expiry), requests that may meet an expired token,
    // keychain reads that race the other process's refreshes.
    const core = createCore({
      env: { name: 'Airvault', version: 'test', platform: process.platform, dataFolder: job.dataDir },
      openDatabase: openSqlite,
      secrets: new FileSecretStore(job.secretsDir!),
      fetch: globalThis.fetch,
      clock: systemClock,
      logger: silentLogger,
      browser: { open: () => Promise.resolve(), openLink: () => Promise.resolve(), openFile: () => Promise.resolve() },
      emit: () => {},
      processId: `racer-${process.pid}`,
      tokenManager: { refreshMarginMs: 6_000, jitterMs: 3_000, refreshTimeoutMs: 3_000, leaseTtlMs: 8_000 },
      ...(job.oauth ? { oauthDefaults: job.oauth } : {}),
    });
    await core.start();
    const id = job.profileId!;
    const until = Date.now() + (job.seconds ?? 30) * 1000;
    let calls = 0;
    while (Date.now() < until) {
      await core.client.request(id, 'GET', '/meta/whoami');
      calls++;
      if (core.profiles.viewOf(id).status === 'needs-reauth' || core.profiles.viewOf(id).status === 'revoked') throw new Error(`marked ${core.profiles.viewOf(id).status}: ${core.profiles.viewOf(id).statusReason}`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    }
    await core.stop();
    process.stdout.write(`done ${calls}\n`);
    return;
  }
  if (job.mode === 'refresh-loop') {
    const core = createCore({
      env: { name: 'Airvault', version: 'test', platform: process.platform, dataFolder: job.dataDir },
      openDatabase: openSqlite,
      secrets: new FileSecretStore(job.secretsDir!),
      fetch: globalThis.fetch,
      clock: systemClock,
      logger: silentLogger,
      browser: { open: () => Promise.resolve(), openLink: () => Promise.resolve(), openFile: () => Promise.resolve() },
      emit: () => {},
      processId: `worker-${process.pid}`,
      ...(job.oauth ? { oauthDefaults: job.oauth } : {}),
    });
    const id = job.profileId!;
    for (let i = 0; i < (job.iterations ?? 1); i++) {
      // A forced expiry: Airtable refused the current token, so the manager must produce a newer one.
      const token = await core.tokens.accessToken(id);
      await core.tokens.afterUnauthorized(id, token);
    }
    await core.stop();
    process.stdout.write('done\n');
    return;
  }
  const db = openSqlite(path.join(job.dataDir, 'vault.sqlite'));
  configure(db, { durable: true });
  if (job.mode === 'hold-lease') {
    const lease = new Lease(db, `holder-${process.pid}`, systemClock);
    if (!lease.tryAcquire('refresh:test', 2000)) throw new Error('could not take the lease');
    process.stdout.write('held\n');
    setInterval(() => {}, 1000);
    return;
  }
  if (job.mode === 'counter') {
    const read = db.prepare('SELECT value FROM stress WHERE id = 1');
    const write = db.prepare('UPDATE stress SET value = ? WHERE id = 1');
    for (let i = 0; i < (job.iterations ?? 0); i++) {
      db.transaction(() => {
        const { value } = read.get() as { value: number };
        write.run(value + 1);
      }).immediate();
    }
    process.stdout.write('done\n');
    return;
  }
  if (job.mode === 'insert-batches') {
    const insert = db.prepare('INSERT INTO batches (batch, item, payload) VALUES (?, ?, ?)');
    for (let batch = Date.now() * 1000 + process.pid; ; batch++) {
      db.transaction(() => {
        for (let item = 0; item < 10; item++) insert.run(batch, item, 'x'.repeat(2000));
      }).immediate();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
