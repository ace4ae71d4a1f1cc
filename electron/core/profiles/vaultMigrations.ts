import type { Migration } from '../platform/db/migrate';

/** The vault database: profiles, OAuth settings, token generations and cross-process leases. No secrets. */
export const vaultMigrations: Migration[] = [
  {
    version: 1,
    name: '001-profiles-settings-leases',
    up(db) {
      db.exec(`
        CREATE TABLE profiles (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          color TEXT NOT NULL,
          auth_kind TEXT CHECK (auth_kind IN ('oauth', 'pat')),
          status TEXT NOT NULL DEFAULT 'pending',
          status_reason TEXT,
          airtable_user_id TEXT,
          airtable_email TEXT,
          granted_scopes TEXT,
          token_generation INTEGER NOT NULL DEFAULT 0,
          refresh_intent_generation INTEGER,
          access_expires_at INTEGER,
          refresh_expires_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL);
      `);
    },
  },
];
