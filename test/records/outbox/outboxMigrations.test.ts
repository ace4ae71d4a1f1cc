import { describe, expect, it } from 'vitest';
import { outboxMigrations } from '../../../electron/core/records/outbox/outboxMigrations';
import { databaseAt, tables } from '../../helpers/migrations';

describe('outbox migrations, step by step', () => {
  it('001 creates edits (with a unique idempotency key), the temporary-id map, conflicts and synced copies', () => {
    const db = databaseAt(outboxMigrations, 1);
    expect(tables(db)).toEqual(expect.arrayContaining(['conflicts', 'edits', 'id_map', 'synced_copies']));
    const insert = db.prepare("INSERT INTO edits (idempotency_key, kind, base_id, table_id, record_id, created_at) VALUES ('k', 'create', 'a', 't', 'r', 1)");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });
});
