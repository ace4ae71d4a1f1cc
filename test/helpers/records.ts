import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AirtableClient } from '../../electron/core/airtable/client';
import { createProfileApi, type ProfileApi } from '../../electron/core/airtable/profileApi';
import { RequestScheduler } from '../../electron/core/airtable/scheduler/scheduler';
import { staticTokens } from '../../electron/core/airtable/tokenProvider';
import { configure } from '../../electron/core/platform/db/sqlite';
import { migrate } from '../../electron/core/platform/db/migrate';
import { silentLogger, systemClock, type Clock, type Fetch } from '../../electron/core/ports';
import { attachmentUrlPolicy, createProfileRecords, openCache, outboxMigrations, type ProfileRecords } from '../../electron/core/records';
import { openSqlite } from './services';

/** An API whose every call fails: for cache code that must never reach Airtable. */
export function unreachableApi(): ProfileApi {
  return createProfileApi(new AirtableClient({ fetch: () => Promise.reject(new Error('no network in this test')), tokens: staticTokens({}, 'https://offline.invalid/v0'), scheduler: new RequestScheduler() }), 'offline');
}

/** A profile's records slice over fresh databases in a temporary folder (or `folder`, to reopen one). */
export function testRecords(api: ProfileApi = unreachableApi(), options: { clock?: Clock; fetch?: Fetch; folder?: string; attachmentOrigins?: string[] } = {}): ProfileRecords & { folder: string } {
  const folder = options.folder ?? mkdtempSync(path.join(tmpdir(), 'airvault-records-'));
  const cacheDb = openCache(openSqlite, folder, silentLogger);
  const outboxDb = openSqlite(path.join(folder, 'outbox.sqlite'));
  configure(outboxDb, { durable: true });
  migrate(outboxDb, outboxMigrations);
  const slice = createProfileRecords({ profileId: 'profile-test', cacheDb, outboxDb, folder, api, fetch: options.fetch ?? globalThis.fetch, clock: options.clock ?? systemClock, logger: silentLogger, attachmentUrls: attachmentUrlPolicy(options.attachmentOrigins) });
  return Object.assign(slice, { folder });
}
