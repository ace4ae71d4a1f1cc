import { type Migration, migrate } from '../../electron/core/platform/db/migrate';
import type { SqlDatabase } from '../../electron/core/platform/db/sqlite';
import { openSqlite } from './services';

/** A fresh in-memory database migrated up to `version` (0: empty), to seed data the next step must carry. */
export function databaseAt(migrations: readonly Migration[], version: number): SqlDatabase {
  const db = openSqlite(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

/** Applies exactly the next step (`version`), as an upgrade of Airvault would. */
export function stepTo(db: SqlDatabase, migrations: readonly Migration[], version: number): void {
  migrate(db, migrations.slice(0, version));
}

export const columns = (db: SqlDatabase, table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name);
export const tables = (db: SqlDatabase) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
