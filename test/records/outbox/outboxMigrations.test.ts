import { describe, expect, it } from 'vitest';
import { outboxMigrations } from '../../../electron/core/records/outbox/outboxMigrations';
import { columns, databaseAt, stepTo, tables } from '../../helpers/migrations';

describe('outbox migrations, step by step', () => {
  it('001 creates edits (with a unique idempotency key), the temporary-id map, conflicts and synced copies', () => {
    const db = databaseAt(outboxMigrations, 1);
    expect(tables(db)).toEqual(expect.arrayContaining(['conflicts', 'edits', 'id_map', 'synced_copies']));
    const insert = db.prepare("INSERT INTO edits (idempotency_key, kind, base_id, table_id, record_id, created_at) VALUES ('k', 'create', 'a', 't', 'r', 1)");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });

  it('002 lets an edit wait before it is sent; edits queued before it send at once', () => {
    const db = databaseAt(outboxMigrations, 1);
    db.prepare("INSERT INTO edits (idempotency_key, kind, base_id, table_id, record_id, created_at) VALUES ('k', 'delete', 'a', 't', 'r', 1)").run();
    stepTo(db, outboxMigrations, 2);
    expect(db.prepare('SELECT not_before FROM edits').get()).toEqual({ not_before: 0 });
  });

  it('003 queues comment posts, edits and deletes, each post keeping the id Airtable gives it', () => {
    const db = databaseAt(outboxMigrations, 2);
    stepTo(db, outboxMigrations, 3);
    expect(columns(db, 'comment_edits')).toEqual(['seq', 'kind', 'base_id', 'table_id', 'record_id', 'comment_id', 'parent_comment_id', 'text', 'status', 'created_id', 'sent_at', 'error', 'created_at']);
    expect(() => db.prepare("INSERT INTO comment_edits (kind, base_id, table_id, record_id, comment_id, created_at) VALUES ('react', 'a', 't', 'r', 'c', 1)").run()).toThrow(/CHECK/);
  });
});
