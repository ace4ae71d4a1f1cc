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
  {
    version: 2,
    name: '002-token-ledger',
    up(db) {
      // Token state gets a table of its own, written only by the token manager; profiles keep
      // who they are (name, colour, Airtable identity). A profile with no grant row has never
      // connected ("pending").
      db.exec(`
        CREATE TABLE grants (
          profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
          auth_kind TEXT NOT NULL CHECK (auth_kind IN ('oauth', 'pat')),
          generation INTEGER NOT NULL CHECK (generation >= 1),
          refresh_intent_generation INTEGER,
          access_expires_at INTEGER,
          refresh_expires_at INTEGER,
          scopes TEXT,
          status TEXT NOT NULL CHECK (status IN ('active', 'needs-reauth', 'revoked', 'error')),
          status_reason TEXT,
          updated_at INTEGER NOT NULL
        );
        INSERT INTO grants (profile_id, auth_kind, generation, refresh_intent_generation, access_expires_at, refresh_expires_at, scopes, status, status_reason, updated_at)
          SELECT id, auth_kind, token_generation, refresh_intent_generation, access_expires_at, refresh_expires_at, granted_scopes,
                 CASE WHEN status IN ('needs-reauth', 'revoked', 'error') THEN status ELSE 'active' END, status_reason, updated_at
          FROM profiles WHERE auth_kind IS NOT NULL AND token_generation >= 1;
        ALTER TABLE profiles DROP COLUMN auth_kind;
        ALTER TABLE profiles DROP COLUMN status;
        ALTER TABLE profiles DROP COLUMN status_reason;
        ALTER TABLE profiles DROP COLUMN granted_scopes;
        ALTER TABLE profiles DROP COLUMN token_generation;
        ALTER TABLE profiles DROP COLUMN refresh_intent_generation;
        ALTER TABLE profiles DROP COLUMN access_expires_at;
        ALTER TABLE profiles DROP COLUMN refresh_expires_at;
      `);
    },
  },
  {
    version: 3,
    name: '003-grant-endpoints',
    up(db) {
      // Where each grant was issued: its token is sent only to that API, refreshed only at that
      // token endpoint with that client id. Grants from before this step were issued by Airtable
      // (NULL reads as Airtable's own endpoints), which is the only reading that cannot send a
      // token somewhere it was not issued for.
      db.exec(`
        ALTER TABLE grants ADD COLUMN api_url TEXT;
        ALTER TABLE grants ADD COLUMN token_url TEXT;
        ALTER TABLE grants ADD COLUMN client_id TEXT;
      `);
    },
  },
];
