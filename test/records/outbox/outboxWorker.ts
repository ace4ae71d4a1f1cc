import path from 'node:path';
import { AirtableClient } from '../../../electron/core/airtable/client';
import { staticTokens } from '../../../electron/core/airtable/tokenProvider';
import { openCache } from '../../../electron/core/records/cache/cacheDb';
import { configure } from '../../../electron/core/platform/db/sqlite';
import { migrate } from '../../../electron/core/platform/db/migrate';
import { Outbox } from '../../../electron/core/records/outbox/outbox';
import { OutboxReplay } from '../../../electron/core/records/outbox/outboxReplay';
import { outboxMigrations } from '../../../electron/core/records/outbox/outboxMigrations';
import { RequestScheduler } from '../../../electron/core/airtable/scheduler/scheduler';
import { silentLogger } from '../../../electron/core/ports';
import { openSqlite } from '../../helpers/services';
import { createProfileApi } from '../../../electron/core/airtable/profileApi';

/** A process that keeps making offline edits and replaying them until it is killed with -9. */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as { folder: string; apiUrl: string; token: string; baseId: string; tableId: string; nameField: string; run: number };
  const cache = openCache(openSqlite, job.folder, silentLogger);
  const db = openSqlite(path.join(job.folder, 'outbox.sqlite'));
  configure(db, { durable: true });
  migrate(db, outboxMigrations);
  const outbox = new Outbox(db, cache, Date.now);
  outbox.reapplyAll();
  const api = createProfileApi(new AirtableClient({ fetch: globalThis.fetch, scheduler: new RequestScheduler({ perBasePerSecond: 1000, perTokenPerSecond: 1000 }), tokens: staticTokens({ p: job.token }), apiUrl: job.apiUrl }), 'p');
  const replay = new OutboxReplay(outbox, cache, api, Date.now);
  for (let i = 0; ; i++) {
    outbox.create(job.baseId, job.tableId, { [job.nameField]: `crash ${job.run}-${i}` });
    if (i === 0) process.stdout.write('ready\n');
    await replay.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`outbox worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
