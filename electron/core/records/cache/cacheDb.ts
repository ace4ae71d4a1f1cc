import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { configure, type OpenDatabase, type SqlDatabase } from '../../platform/db/sqlite';
import { FutureDatabaseError, migrate } from '../../platform/db/migrate';
import { cacheMigrations } from './cacheMigrations';
import type { Logger } from '../../ports';
import { readSetting, writeSetting } from './cacheSettings';

/** Set when the cache was closed by `closeCache`; absent or '0' after a crash (or while it is open). */
const CLOSED_CLEANLY = 'closedCleanly';

/**
 * Opens (or creates) a profile's cache. A cache from a newer Airvault is refused; a corrupt one
 * is deleted and rebuilt from Airtable, since everything in it can be fetched again. The outbox,
 * which cannot be fetched again, lives in its own file (outbox.sqlite) and is never deleted.
 */
export function openCache(openDatabase: OpenDatabase, folder: string, logger: Logger): SqlDatabase {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'cache.sqlite');
  const open = () => {
    const db = openDatabase(file);
    configure(db, { durable: false });
    // Record ids are random, so the id indexes take inserts all over: a 32 MB page cache keeps
    // them in memory through a first sync instead of re-reading pages from disk.
    db.pragma('cache_size = -32768');
    migrate(db, cacheMigrations);
    // The integrity check reads the whole file (about a second for 100,000 records), so it runs
    // only when the last session did not close the cache: after a crash, a kill or a power cut.
    if (readSetting(db, CLOSED_CLEANLY) !== '1') {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        db.close();
        throw new Error(`cache integrity check failed: ${String(check)}`);
      }
    }
    writeSetting(db, CLOSED_CLEANLY, '0');
    return db;
  };
  try {
    return open();
  } catch (error) {
    if (error instanceof FutureDatabaseError) throw error;
    logger.warn('cache unreadable: rebuilding it', { error: error instanceof Error ? error.message : 'unknown' });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return open();
  }
}

/** Closes a cache, noting that it was closed whole (the next open skips the integrity check). */
export function closeCache(db: SqlDatabase): void {
  writeSetting(db, CLOSED_CLEANLY, '1');
  db.close();
}
