import { AirtableClient } from '../../../electron/core/airtable/client';
import { staticTokens } from '../../../electron/core/airtable/tokenProvider';
import { RequestScheduler } from '../../../electron/core/airtable/scheduler/scheduler';
import { createProfileApi } from '../../../electron/core/airtable/profileApi';
import { testRecords } from '../../helpers/records';

/** A process that keeps making offline edits and replaying them until it is killed with -9. */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as { folder: string; apiUrl: string; token: string; baseId: string; tableId: string; nameField: string; run: number };
  const api = createProfileApi(new AirtableClient({ fetch: globalThis.fetch, scheduler: new RequestScheduler({ perBasePerSecond: 1000, perTokenPerSecond: 1000 }), tokens: staticTokens({ p: job.token }, job.apiUrl) }), 'p');
  const { outbox, replay } = testRecords(api, { folder: job.folder }); // re-applies what a killed run left open
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
