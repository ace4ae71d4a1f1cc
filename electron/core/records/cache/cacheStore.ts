import type { SqlDatabase } from '../../platform/db/sqlite';
import type { AirtableRecord, BaseSummary, TableModel } from '../../airtable/schemas';
import { recordText } from '../recordText';
import { unindex } from '../searchIndex';

export interface CachedField {
  id: string;
  tableId: string;
  name: string;
  type: string;
  description: string | null;
  options: Record<string, unknown> | null;
}

/** Writes Airtable's schema and records into a profile's cache, one IMMEDIATE transaction per batch. */
export class CacheStore {
  constructor(readonly db: SqlDatabase) {}

  saveBases(bases: readonly BaseSummary[]): void {
    const upsert = this.db.prepare(
      'INSERT INTO bases (id, name, permission_level) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, permission_level = excluded.permission_level',
    );
    this.db.transaction(() => {
      for (const base of bases) upsert.run(base.id, base.name, base.permissionLevel);
    }).immediate();
  }

  /** Follows the schema by id: renamed things are updated, removed tables, fields and views deleted. */
  saveSchema(baseId: string, tables: readonly TableModel[]): void {
    const db = this.db;
    db.transaction(() => {
      // The base's name arrives with the base list; until then its id stands in.
      db.prepare("INSERT OR IGNORE INTO bases (id, name, permission_level) VALUES (?, ?, 'unknown')").run(baseId, baseId);
      const keepTables = new Set(tables.map((t) => t.id));
      for (const row of db.prepare('SELECT id FROM tables WHERE base_id = ?').all(baseId) as Array<{ id: string }>) {
        if (!keepTables.has(row.id)) this.dropTable(row.id);
      }
      const upsertTable = db.prepare(
        `INSERT INTO tables (id, base_id, name, description, primary_field_id, position) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, primary_field_id = excluded.primary_field_id, position = excluded.position`,
      );
      const upsertField = db.prepare(
        `INSERT INTO fields (id, table_id, name, type, description, options, position) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, description = excluded.description, options = excluded.options, position = excluded.position`,
      );
      const upsertView = db.prepare(
        `INSERT INTO views (id, table_id, name, type, visible_field_ids, position) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, visible_field_ids = excluded.visible_field_ids, position = excluded.position`,
      );
      tables.forEach((table, position) => {
        upsertTable.run(table.id, baseId, table.name, table.description ?? null, table.primaryFieldId, position);
        const keepFields = new Set(table.fields.map((f) => f.id));
        for (const row of db.prepare('SELECT id FROM fields WHERE table_id = ?').all(table.id) as Array<{ id: string }>) {
          if (!keepFields.has(row.id)) this.dropField(table.id, row.id);
        }
        table.fields.forEach((f, i) => upsertField.run(f.id, table.id, f.name, f.type, f.description ?? null, f.options ? JSON.stringify(f.options) : null, i));
        db.prepare(`DELETE FROM views WHERE table_id = ? AND id NOT IN (SELECT value FROM json_each(?))`).run(table.id, JSON.stringify(table.views.map((v) => v.id)));
        table.views.forEach((v, i) => upsertView.run(v.id, table.id, v.name, v.type, v.visibleFieldIds ? JSON.stringify(v.visibleFieldIds) : null, i));
      });
    }).immediate();
  }

  fields(tableId: string): CachedField[] {
    return (this.db.prepare('SELECT id, table_id, name, type, description, options FROM fields WHERE table_id = ? ORDER BY position').all(tableId) as Array<{ id: string; table_id: string; name: string; type: string; description: string | null; options: string | null }>).map((r) => ({
      id: r.id,
      tableId: r.table_id,
      name: r.name,
      type: r.type,
      description: r.description,
      options: r.options ? (JSON.parse(r.options) as Record<string, unknown>) : null,
    }));
  }

  beginFullSync(baseId: string, tableId: string, startedAt: number): void {
    this.db
      .transaction(() =>
        this.db
          .prepare(
            `INSERT INTO sync_state (table_id, base_id, status, full_sync_started_at) VALUES (?, ?, 'syncing', ?)
             ON CONFLICT(table_id) DO UPDATE SET status = 'syncing', full_sync_started_at = excluded.full_sync_started_at, error = NULL`,
          )
          .run(tableId, baseId, startedAt),
      )
      .immediate();
  }

  /** Upserts one page of records and their search text. */
  saveRecords(tableId: string, records: readonly AirtableRecord[], seenAt: number): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO records (id, table_id, cells, created_time, last_seen) VALUES (?, ?, ?, ?, ?)');
    const existing = this.db.prepare('SELECT seq, pending FROM records WHERE id = ?');
    const update = this.db.prepare('UPDATE records SET cells = ?, last_seen = ?, table_id = ? WHERE seq = ?');
    const drop = this.db.prepare('DELETE FROM records_fts WHERE rowid = ?');
    const index = this.db.prepare('INSERT INTO records_fts (rowid, text) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const record of records) {
        const cells = JSON.stringify(record.fields);
        // New records (the whole first sync) take one statement; known ones are updated in place.
        const inserted = insert.run(record.id, tableId, cells, record.createdTime, seenAt);
        let seq = Number(inserted.lastInsertRowid);
        if (inserted.changes === 0) {
          const row = existing.get(record.id) as { seq: number; pending: number };
          if (row.pending !== 0) continue; // local edits waiting in the outbox win until they are sent
          update.run(cells, seenAt, tableId, row.seq);
          drop.run(row.seq);
          seq = row.seq;
        }
        index.run(seq, recordText(record.fields));
      }
    }).immediate();
  }

  /** After a complete read: whatever was not seen since the sync began was deleted upstream. */
  finishFullSync(tableId: string, startedAt: number, finishedAt: number): number {
    return this.db
      .transaction(() => {
        const gone = this.db.prepare('SELECT id FROM records WHERE table_id = ? AND last_seen < ? AND pending = 0').all(tableId, startedAt) as Array<{ id: string }>;
        const remove = this.db.prepare('DELETE FROM records WHERE id = ?');
        for (const { id } of gone) {
          unindex(this.db, id);
          remove.run(id);
        }
        const count = (this.db.prepare('SELECT COUNT(*) AS n FROM records WHERE table_id = ?').get(tableId) as { n: number }).n;
        this.db.prepare("UPDATE sync_state SET status = 'synced', records = ?, last_full_sync_at = ?, error = NULL WHERE table_id = ?").run(count, finishedAt, tableId);
        return gone.length;
      })
      .immediate();
  }

  failSync(tableId: string, message: string): void {
    this.db.transaction(() => this.db.prepare("UPDATE sync_state SET status = 'error', error = ? WHERE table_id = ?").run(message, tableId)).immediate();
  }

  private dropTable(tableId: string): void {
    this.db.prepare('DELETE FROM records_fts WHERE rowid IN (SELECT rowid FROM records WHERE table_id = ?)').run(tableId);
    this.db.prepare('DELETE FROM tables WHERE id = ?').run(tableId);
  }

  private dropField(tableId: string, fieldId: string): void {
    this.db.prepare('DELETE FROM fields WHERE id = ?').run(fieldId);
    this.db.prepare('UPDATE records SET cells = json_remove(cells, ?) WHERE table_id = ?').run(`$.${fieldId}`, tableId);
  }
}
