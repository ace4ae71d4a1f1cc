import { describe, expect, it } from 'vitest';
import { cacheMigrations } from '../../../electron/core/records/cache/cacheMigrations';
import { columns, databaseAt, stepTo, tables } from '../../helpers/migrations';

const BASE = 'appAAAAAAAAAAAAAA';
const TABLE = 'tblAAAAAAAAAAAAAA';

describe('cache migrations, step by step', () => {
  it('001 creates the schema, records and the search index', () => {
    const db = databaseAt(cacheMigrations, 1);
    for (const name of ['bases', 'tables', 'fields', 'views', 'records', 'sync_state', 'records_fts']) expect(tables(db)).toContain(name);
  });

  it('002 adds a webhook (with its payload cursor) per base', () => {
    const db = databaseAt(cacheMigrations, 2);
    expect(columns(db, 'webhooks')).toEqual(['base_id', 'webhook_id', 'cursor', 'expires_at']);
  });

  it('003 adds cached attachment bytes and the cache’s own settings', () => {
    const db = databaseAt(cacheMigrations, 3);
    expect(tables(db)).toEqual(expect.arrayContaining(['attachments', 'settings']));
  });

  it('004 remembers where each table’s last modified-time window ended', () => {
    const db = databaseAt(cacheMigrations, 3);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
    db.prepare("INSERT INTO tables (id, base_id, name, primary_field_id, position) VALUES (?, ?, 'T', 'fldAAAAAAAAAAAAAA', 0)").run(TABLE, BASE);
    db.prepare("INSERT INTO sync_state (table_id, base_id, status) VALUES (?, ?, 'synced')").run(TABLE, BASE);
    stepTo(db, cacheMigrations, 4);
    expect(db.prepare('SELECT window_end FROM sync_state').get()).toEqual({ window_end: null });
  });

  it('005 counts calls per base per month and lets a base have a plan (unknown at first)', () => {
    const db = databaseAt(cacheMigrations, 4);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
    stepTo(db, cacheMigrations, 5);
    expect(db.prepare('SELECT call_plan FROM bases').get()).toEqual({ call_plan: 'unknown' });
    expect(columns(db, 'call_log')).toEqual(['month', 'base_id', 'priority', 'calls']);
  });

  it('006 rebuilds the search index without its own copy of the text, leaving out records deleted offline', () => {
    const db = databaseAt(cacheMigrations, 5);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
    db.prepare("INSERT INTO tables (id, base_id, name, primary_field_id, position) VALUES (?, ?, 'T', 'fldAAAAAAAAAAAAAA', 0)").run(TABLE, BASE);
    const insert = db.prepare("INSERT INTO records (seq, id, table_id, cells, created_time, last_seen, pending) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', 0, ?)");
    insert.run(1, 'recAAAAAAAAAAAAA1', TABLE, JSON.stringify({ fldAAAAAAAAAAAAAA: 'Grace Hopper' }), 0);
    insert.run(2, 'recAAAAAAAAAAAAA2', TABLE, JSON.stringify({ fldAAAAAAAAAAAAAA: 'Grace deleted' }), 2);
    stepTo(db, cacheMigrations, 6);
    const hits = (word: string) => (db.prepare('SELECT rowid FROM records_fts WHERE records_fts MATCH ?').all(word) as Array<{ rowid: number }>).map((r) => r.rowid);
    expect(hits('grace')).toEqual([1]);
    expect(hits('hopper')).toEqual([1]);
  });

  it('007 moves each base’s plan into call_plans and drops the column from bases', () => {
    const db = databaseAt(cacheMigrations, 6);
    db.prepare("INSERT INTO bases (id, name, permission_level, call_plan) VALUES (?, 'Team base', 'create', 'team')").run(BASE);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES ('appBBBBBBBBBBBBBB', 'Unknown base', 'create')").run();
    stepTo(db, cacheMigrations, 7);
    expect(db.prepare('SELECT base_id, plan FROM call_plans').all()).toEqual([{ base_id: BASE, plan: 'team' }]);
    expect(columns(db, 'bases')).not.toContain('call_plan');
  });

  it('008 stores each record’s folded words in the index (case and accents), leaving out records deleted offline', () => {
    const db = databaseAt(cacheMigrations, 7);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
    db.prepare("INSERT INTO tables (id, base_id, name, primary_field_id, position) VALUES (?, ?, 'T', 'fldAAAAAAAAAAAAAA', 0)").run(TABLE, BASE);
    const insert = db.prepare("INSERT INTO records (seq, id, table_id, cells, created_time, last_seen, pending) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', 0, ?)");
    insert.run(1, 'recAAAAAAAAAAAAA1', TABLE, JSON.stringify({ fldAAAAAAAAAAAAAA: 'Émile Zola' }), 0);
    insert.run(2, 'recAAAAAAAAAAAAA2', TABLE, JSON.stringify({ fldAAAAAAAAAAAAAA: 'Émile deleted' }), 2);
    stepTo(db, cacheMigrations, 8);
    expect((db.prepare("SELECT rowid FROM records_fts WHERE records_fts MATCH 'emile'").all() as Array<{ rowid: number }>).map((r) => r.rowid)).toEqual([1]);
  });

  it('009 gives the index word positions, so a run of words is found as a phrase', () => {
    const db = databaseAt(cacheMigrations, 8);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
    db.prepare("INSERT INTO tables (id, base_id, name, primary_field_id, position) VALUES (?, ?, 'T', 'fldAAAAAAAAAAAAAA', 0)").run(TABLE, BASE);
    const insert = db.prepare("INSERT INTO records (seq, id, table_id, cells, created_time, last_seen, pending) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', 0, 0)");
    insert.run(1, 'recAAAAAAAAAAAAA1', TABLE, JSON.stringify({ fldAAAAAAAAAAAAAA: 'Kelvin project 11' }));
    insert.run(2, 'recAAAAAAAAAAAAA2', TABLE, JSON.stringify({ fldAAAAAAAAAAAAAA: 'project Kelvin 11' }));
    stepTo(db, cacheMigrations, 9);
    const phrase = (q: string) => (db.prepare('SELECT rowid FROM records_fts WHERE records_fts MATCH ?').all(q) as Array<{ rowid: number }>).map((r) => r.rowid);
    expect(phrase('"kelvin project 1" *')).toEqual([1]);
    expect(phrase('"kelvin project"')).toEqual([1]);
  });

  it('010 keeps each view’s records in order, removed with their view', () => {
    const db = databaseAt(cacheMigrations, 9);
    db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
    db.prepare("INSERT INTO tables (id, base_id, name, primary_field_id, position) VALUES (?, ?, 'T', 'fldAAAAAAAAAAAAAA', 0)").run(TABLE, BASE);
    db.prepare("INSERT INTO views (id, table_id, name, type, position) VALUES ('viwAAAAAAAAAAAAAA', ?, 'Grid', 'grid', 0)").run(TABLE);
    stepTo(db, cacheMigrations, 10);
    expect(columns(db, 'view_records')).toEqual(['view_id', 'position', 'record_id']);
    expect(columns(db, 'view_syncs')).toEqual(['view_id', 'synced_at', 'stale']);
    db.prepare("INSERT INTO view_records VALUES ('viwAAAAAAAAAAAAAA', 0, 'recAAAAAAAAAAAAA1')").run();
    db.prepare("INSERT INTO view_syncs (view_id, synced_at) VALUES ('viwAAAAAAAAAAAAAA', 5)").run();
    db.prepare("DELETE FROM views WHERE id = 'viwAAAAAAAAAAAAAA'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM view_records').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM view_syncs').get()).toEqual({ n: 0 });
  });

  it('011 keeps record comments for reading offline, and when each record’s were read', () => {
    const db = databaseAt(cacheMigrations, 10);
    stepTo(db, cacheMigrations, 11);
    expect(columns(db, 'comments')).toEqual(['id', 'record_id', 'author_id', 'author_name', 'author_email', 'text', 'created_time', 'last_updated_time', 'parent_comment_id', 'mentioned']);
    expect(columns(db, 'comment_syncs')).toEqual(['record_id', 'synced_at']);
  });

  it('012 indexes records deleted here, so a table is counted without reading its rows', () => {
    const db = databaseAt(cacheMigrations, 11);
    stepTo(db, cacheMigrations, 12);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM records WHERE table_id = ? AND pending = 2').all('t') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/records_deleted_here/);
  });
});
