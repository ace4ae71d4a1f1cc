import { existsSync } from 'node:fs';
import path from 'node:path';
import { type AirtableClient, createProfileApi } from '../airtable';
import { configure, type OpenDatabase, type SqlDatabase } from '../platform/db/sqlite';
import { migrate } from '../platform/db/migrate';
import type { Clock, Fetch, Logger } from '../ports';
import { closeCache, openCache, outboxMigrations, createProfileRecords, type AttachmentUrlPolicy, type ProfileRecords } from '../records';

interface OpenWorkspace {
  records: ProfileRecords;
  cacheDb: SqlDatabase;
  outboxDb: SqlDatabase;
}

/**
 * Each profile's working files, opened on first use from its data folder: the cache (deleted
 * and rebuilt when corrupt, since Airtable has all of it) and the outbox (durable, never
 * deleted). Hands out each profile's records slice; closes a profile's files before its folder
 * is deleted, and all of them on quit.
 */
export class Workspaces {
  private readonly open = new Map<string, OpenWorkspace>();

  constructor(
    private readonly deps: {
      openDatabase: OpenDatabase;
      client: AirtableClient;
      fetch: Fetch;
      clock: Clock;
      logger: Logger;
      attachmentUrls: AttachmentUrlPolicy;
      /** The profile's data folder; throws NOT_FOUND for a profile that does not exist. */
      folderOf(profileId: string): string;
    },
  ) {}

  /** The profile's records slice, opening its databases the first time. */
  records(profileId: string): ProfileRecords {
    const folder = this.deps.folderOf(profileId);
    const existing = this.open.get(profileId);
    if (existing) return existing.records;
    const cacheDb = openCache(this.deps.openDatabase, folder, this.deps.logger);
    const outboxDb = this.deps.openDatabase(path.join(folder, 'outbox.sqlite'));
    configure(outboxDb, { durable: true });
    migrate(outboxDb, outboxMigrations);
    const records = createProfileRecords({ profileId, cacheDb, outboxDb, folder, api: createProfileApi(this.deps.client, profileId), fetch: this.deps.fetch, clock: this.deps.clock, logger: this.deps.logger, attachmentUrls: this.deps.attachmentUrls });
    this.open.set(profileId, { records, cacheDb, outboxDb });
    return records;
  }

  /** Whether the profile has a cache on disk (without creating one). */
  exists(profileId: string): boolean {
    return this.open.has(profileId) || existsSync(path.join(this.deps.folderOf(profileId), 'cache.sqlite'));
  }

  isOpen(profileId: string): boolean {
    return this.open.has(profileId);
  }

  /** Closes a profile's databases (before its folder is deleted, or on quit). */
  close(profileId: string): void {
    const entry = this.open.get(profileId);
    if (!entry) return;
    this.open.delete(profileId);
    closeCache(entry.cacheDb);
    entry.outboxDb.close();
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }
}
