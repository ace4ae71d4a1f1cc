import type { SqlDatabase } from '../../platform/db/sqlite';

/** Small values a profile's cache keeps about itself (the thumbnail cap, when extras last ran). */
export function readSetting(db: SqlDatabase, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeSetting(db: SqlDatabase, key: string, value: string): void {
  db.transaction(() => db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)).immediate();
}
