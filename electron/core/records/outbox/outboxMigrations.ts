import type { Migration } from '../../platform/db/migrate';

/**
 * The outbox lives in its own database (synchronous=FULL): unlike the cache it cannot be
 * rebuilt from Airtable, so it is never deleted to recover from a corrupt cache.
 */
export const outboxMigrations: Migration[] = [
  {
    version: 1,
    name: '001-edits-conflicts',
    up(db) {
      db.exec(`
        CREATE TABLE edits (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          idempotency_key TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
          base_id TEXT NOT NULL,
          table_id TEXT NOT NULL,
          record_id TEXT NOT NULL,
          fields TEXT NOT NULL DEFAULT '{}',
          base_values TEXT NOT NULL DEFAULT '{}',
          status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'done', 'rejected', 'conflict')),
          sent_at INTEGER,
          error TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX edits_open ON edits(status, seq);
        CREATE TABLE id_map (temp_id TEXT PRIMARY KEY, real_id TEXT NOT NULL);
        CREATE TABLE conflicts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          edit_seq INTEGER NOT NULL REFERENCES edits(seq),
          record_id TEXT NOT NULL,
          field_id TEXT NOT NULL,
          mine TEXT,
          theirs TEXT,
          original TEXT,
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved'))
        );
        CREATE TABLE synced_copies (record_id TEXT PRIMARY KEY, cells TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    name: '002-edits-wait',
    up(db) {
      // A delete waits a few seconds before it is sent (like "undo send"), so undoing it brings
      // back the same record, with its id, links, comments and history.
      db.exec('ALTER TABLE edits ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0');
    },
  },
  {
    version: 3,
    name: '003-comment-edits',
    up(db) {
      // Comments posted, edited or deleted here, in order. A post keeps its temporary id until
      // Airtable answers with the real one (created_id), which later edits of it are sent to.
      db.exec(`
        CREATE TABLE comment_edits (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
          base_id TEXT NOT NULL,
          table_id TEXT NOT NULL,
          record_id TEXT NOT NULL,
          comment_id TEXT NOT NULL,
          parent_comment_id TEXT,
          text TEXT,
          status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'done', 'rejected')),
          created_id TEXT,
          sent_at INTEGER,
          error TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX comment_edits_open ON comment_edits(status, seq);
        CREATE INDEX comment_edits_by_comment ON comment_edits(comment_id);
      `);
    },
  },
];
