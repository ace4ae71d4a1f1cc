import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { OpenDatabase, SqlDatabase } from '../../core/platform/db/sqlite';

/** Opens a better-sqlite3 database (creating its folder), typed as core's SqlDatabase port. */
export const openSqliteDatabase: OpenDatabase = (file) => {
  mkdirSync(path.dirname(file), { recursive: true });
  return new Database(file) as unknown as SqlDatabase;
};
