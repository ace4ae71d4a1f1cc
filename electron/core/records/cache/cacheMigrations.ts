import type { Migration } from '../../platform/db/migrate';
import type { SqlDatabase } from '../../platform/db/sqlite';
import { indexText } from '../searchText';

/** Re-creates every record's entry in the search index from its cells (records deleted offline have none). */
function rebuildSearchIndex(db: SqlDatabase): void {
  db.exec('DELETE FROM records_fts');
  const insert = db.prepare('INSERT INTO records_fts (rowid, text) VALUES (?, ?)');
  for (const row of db.prepare('SELECT seq, cells FROM records WHERE pending <> 2').all() as Array<{ seq: number; cells: string }>) {
    insert.run(row.seq, indexText(JSON.parse(row.cells) as Record<string, unknown>));
  }
}

/**
 * One cache database per profile. Records keep their cells as JSON keyed by field id; sorting
 * and filtering use json_extract, with expression indexes created when a field is first used.
 */
export const cacheMigrations: Migration[] = [
  {
    version: 1,
    name: '001-schema-records-fts',
    up(db) {
      db.exec(`
        CREATE TABLE bases (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          permission_level TEXT NOT NULL,
          workspace_id TEXT,
          selected INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE tables (
          id TEXT PRIMARY KEY,
          base_id TEXT NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          description TEXT,
          primary_field_id TEXT NOT NULL,
          position INTEGER NOT NULL
        );
        CREATE TABLE fields (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          type TEXT NOT NULL,
          description TEXT,
          options TEXT,
          position INTEGER NOT NULL
        );
        CREATE TABLE views (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          type TEXT NOT NULL,
          visible_field_ids TEXT,
          position INTEGER NOT NULL
        );
        -- seq is the rowid, declared so that VACUUM keeps it: the search index refers to it.
        CREATE TABLE records (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          table_id TEXT NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
          cells TEXT NOT NULL,
          created_time TEXT NOT NULL,
          last_seen INTEGER NOT NULL,
          pending INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX records_by_table ON records(table_id, id);
        CREATE TABLE sync_state (
          table_id TEXT PRIMARY KEY REFERENCES tables(id) ON DELETE CASCADE,
          base_id TEXT NOT NULL,
          status TEXT NOT NULL,
          records INTEGER NOT NULL DEFAULT 0,
          full_sync_started_at INTEGER,
          last_full_sync_at INTEGER,
          error TEXT
        );
        -- rowid = records.rowid, so one record's entry is found without scanning the index.
        -- detail=none: search asks only for single-word prefixes, so positions are not stored.
        CREATE VIRTUAL TABLE records_fts USING fts5(text, table_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', detail = none);
      `);
    },
  },
  {
    version: 2,
    name: '002-webhooks',
    up(db) {
      // One webhook per synced base, polled with a stored cursor (no public URL needed).
      db.exec('CREATE TABLE webhooks (base_id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL, cursor INTEGER NOT NULL, expires_at TEXT)');
    },
  },
  {
    version: 3,
    name: '003-attachments',
    up(db) {
      // Attachment URLs expire after two hours, so the bytes are kept instead: thumbnails of
      // everything synced (under a size cap), full files when asked for.
      db.exec(`
        CREATE TABLE attachments (
          id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('thumbnail', 'file')),
          record_id TEXT NOT NULL,
          field_id TEXT NOT NULL,
          filename TEXT NOT NULL,
          type TEXT,
          bytes INTEGER NOT NULL,
          path TEXT NOT NULL,
          fetched_at INTEGER NOT NULL,
          PRIMARY KEY (id, kind)
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    version: 4,
    name: '004-modified-windows',
    up(db) {
      // Where the last LAST_MODIFIED_TIME() window ended, for grants that cannot use webhooks.
      db.exec('ALTER TABLE sync_state ADD COLUMN window_end INTEGER');
    },
  },
  {
    version: 5,
    name: '005-call-budget',
    up(db) {
      // Calls sent per base per month (UTC), so a monthly quota is respected across restarts,
      // and the plan the person says a base's workspace is on.
      db.exec(`
        CREATE TABLE call_log (
          month TEXT NOT NULL,
          base_id TEXT NOT NULL,
          priority TEXT NOT NULL CHECK (priority IN ('interactive', 'background')),
          calls INTEGER NOT NULL,
          PRIMARY KEY (month, base_id, priority)
        );
        ALTER TABLE bases ADD COLUMN call_plan TEXT NOT NULL DEFAULT 'unknown';
      `);
    },
  },
  {
    version: 6,
    name: '006-contentless-search-index',
    up(db) {
      // The index no longer keeps its own copy of every record's text (half the index's size
      // on disk, and faster inserts); entries are deleted by rowid (contentless_delete), and
      // the table is checked on the records row the match joins to.
      db.exec(`
        DROP TABLE records_fts;
        CREATE VIRTUAL TABLE records_fts USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', detail = none);
      `);
      rebuildSearchIndex(db);
    },
  },
  {
    version: 7,
    name: '007-call-plans-own-table',
    up(db) {
      // The plan a person picks for a base gets a table of its own (the call budget's), so the
      // base list written by sync and the plan written by the person never share a row.
      db.exec(`
        CREATE TABLE call_plans (base_id TEXT PRIMARY KEY, plan TEXT NOT NULL CHECK (plan IN ('unknown', 'free', 'team', 'unlimited')));
        INSERT INTO call_plans (base_id, plan) SELECT id, call_plan FROM bases WHERE call_plan <> 'unknown';
        ALTER TABLE bases DROP COLUMN call_plan;
      `);
    },
  },
  {
    version: 8,
    name: '008-folded-search-words',
    up(db) {
      // The index now holds each record's words already folded (case, accents), the same words
      // search checks its hits against; entries written in the old form are rewritten.
      rebuildSearchIndex(db);
    },
  },
  {
    version: 9,
    name: '009-search-index-with-positions',
    up(db) {
      // Search matches a run of words in order; with positions the index itself finds the run
      // (a phrase), instead of proposing every record that has the words anywhere, each then
      // checked one by one (seconds on a million records for "project 1"). Prefix indexes for
      // two- and three-letter starts keep short prefixes fast.
      db.exec(`
        DROP TABLE records_fts;
        CREATE VIRTUAL TABLE records_fts USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
      `);
      rebuildSearchIndex(db);
    },
  },
  {
    version: 10,
    name: '010-view-members',
    up(db) {
      // Which records each view shows, in its order, as Airtable lists them with `view=` (the
      // metadata API does not expose a view's filters or sorts), so a view is shown offline
      // exactly as in Airtable; and when that list was last read.
      db.exec(`
        CREATE TABLE view_records (
          view_id TEXT NOT NULL REFERENCES views(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          record_id TEXT NOT NULL,
          PRIMARY KEY (view_id, position)
        );
        CREATE INDEX view_records_by_record ON view_records(view_id, record_id);
        CREATE TABLE view_syncs (view_id TEXT PRIMARY KEY REFERENCES views(id) ON DELETE CASCADE, synced_at INTEGER NOT NULL, stale INTEGER NOT NULL DEFAULT 0);
      `);
    },
  },
  {
    version: 11,
    name: '011-comments',
    up(db) {
      // Record comments as Airtable last listed them, for reading offline; when each record's
      // comments were last read. Comments posted, edited or deleted here wait in the outbox.
      db.exec(`
        CREATE TABLE comments (
          id TEXT PRIMARY KEY,
          record_id TEXT NOT NULL,
          author_id TEXT NOT NULL,
          author_name TEXT,
          author_email TEXT,
          text TEXT NOT NULL,
          created_time TEXT NOT NULL,
          last_updated_time TEXT,
          parent_comment_id TEXT,
          mentioned TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX comments_by_record ON comments(record_id, created_time);
        CREATE TABLE comment_syncs (record_id TEXT PRIMARY KEY, synced_at INTEGER NOT NULL);
      `);
    },
  },
  {
    version: 12,
    name: '012-records-deleted-here',
    up(db) {
      // Records deleted here and not yet sent: few at any time, so counting a table's records
      // reads two indexes instead of every row (a cache of 100,000 records opened in ~10 ms, not ~500).
      db.exec('CREATE INDEX records_deleted_here ON records(table_id) WHERE pending = 2');
    },
  },
];
