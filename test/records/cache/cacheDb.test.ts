import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCache, openCache } from '../../../electron/core/records/cache/cacheDb';
import type { SqlDatabase } from '../../../electron/core/platform/db/sqlite';
import { silentLogger, type Logger } from '../../../electron/core/ports';
import { openSqlite } from '../../helpers/services';

/** Opens databases like the app does, noting every integrity check run on them. */
function counting() {
  const checks: string[] = [];
  const open = (file: string) => {
    const db = openSqlite(file);
    const pragma = db.pragma.bind(db);
    db.pragma = (source: string, options?: { simple?: boolean }) => {
      if (source === 'quick_check') checks.push(file);
      return pragma(source, options);
    };
    return db;
  };
  return { open, checks };
}

function withRecords(db: SqlDatabase): void {
  db.prepare("INSERT INTO bases (id, name, permission_level) VALUES ('appAAAAAAAAAAAAAA', 'B', 'create')").run();
  db.prepare("INSERT INTO tables (id, base_id, name, primary_field_id, position) VALUES ('tblAAAAAAAAAAAAAA', 'appAAAAAAAAAAAAAA', 'T', 'fldAAAAAAAAAAAAAA', 0)").run();
  const insert = db.prepare("INSERT INTO records (id, table_id, cells, created_time, last_seen) VALUES (?, 'tblAAAAAAAAAAAAAA', ?, '2026-01-01T00:00:00.000Z', 0)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`rec${String(i).padStart(14, '0')}`, JSON.stringify({ fldAAAAAAAAAAAAAA: `record ${i} ${'x'.repeat(200)}` }));
  }).immediate();
}

describe('opening a profile’s cache', () => {
  it('checks the file’s integrity only when the last session did not close it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'airvault-cachedb-'));
    const { open, checks } = counting();
    closeCache(openCache(open, folder, silentLogger)); // new: checked once (nothing said it was closed cleanly)
    expect(checks).toHaveLength(1);
    const second = openCache(open, folder, silentLogger);
    expect(checks).toHaveLength(1); // closed cleanly last time: no full read of the file
    second.close(); // a crash: closed without saying so
    openCache(open, folder, silentLogger).close();
    expect(checks).toHaveLength(2);
  });

  it('rebuilds a corrupt cache from nothing (Airtable has all of it), warning once', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'airvault-cachedb-'));
    const db = openCache(openSqlite, folder, silentLogger);
    withRecords(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close(); // not cleanly: the next open checks
    // Garbage over a page in the middle of the records' b-tree.
    const fd = openSync(path.join(folder, 'cache.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 20);
    closeSync(fd);
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
    const rebuilt = openCache(openSqlite, folder, logger);
    expect(warnings).toEqual(['cache unreadable: rebuilding it']);
    expect(rebuilt.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 0 });
    expect(rebuilt.pragma('quick_check', { simple: true })).toBe('ok');
  });
});
