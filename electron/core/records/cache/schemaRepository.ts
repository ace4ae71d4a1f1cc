import type { SqlDatabase } from '../../platform/db/sqlite';
import type { BaseSummary, TableModel } from '../../airtable';
import type { RecordsRepository } from '../recordsRepository';

export interface CachedField {
  id: string;
  tableId: string;
  name: string;
  type: string;
  description: string | null;
  options: Record<string, unknown> | null;
}

export interface CachedTable {
  id: string;
  baseId: string;
  name: string;
  description: string | null;
  primaryFieldId: string;
}

export interface CachedView {
  id: string;
  name: string;
  type: string;
  visibleFieldIds: string[] | null;
}

/** Reading the cached schema: what queries, sync and the UI need. */
export interface SchemaReader {
  fields(tableId: string): CachedField[];
  table(tableId: string): CachedTable | undefined;
  tables(baseId: string): CachedTable[];
  views(tableId: string): CachedView[];
  /** The person's permission on a base, as the base list last said ('none' | 'read' | 'comment' | 'edit' | 'create', or 'unknown'). */
  permissionLevel(baseId: string): string;
  /** The table a view belongs to. */
  tableOfView(viewId: string): CachedTable | undefined;
  /** Bases that have at least one cached table, by name. */
  basesWithTables(): Array<{ id: string; name: string }>;
  hasBase(baseId: string): boolean;
}

interface FieldRow {
  id: string;
  table_id: string;
  name: string;
  type: string;
  description: string | null;
  options: string | null;
}

/**
 * The one writer of a profile's cached schema: `bases`, `tables`, `fields` and `views`. The
 * schema is followed by id, so renamed things are updated in place; a table or field removed
 * from Airtable takes its records' cells with it (through the records repository, which keeps
 * the search index right).
 */
export class SchemaRepository implements SchemaReader {
  constructor(
    private readonly db: SqlDatabase,
    private readonly records: RecordsRepository,
  ) {}

  saveBases(bases: readonly BaseSummary[]): void {
    const upsert = this.db.prepare(
      'INSERT INTO bases (id, name, permission_level) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, permission_level = excluded.permission_level',
    );
    this.db.transaction(() => {
      for (const base of bases) upsert.run(base.id, base.name, base.permissionLevel);
    }).immediate();
  }

  saveSchema(baseId: string, tables: readonly TableModel[]): void {
    const db = this.db;
    db.transaction(() => {
      // The base's name arrives with the base list; until then its id stands in.
      db.prepare("INSERT OR IGNORE INTO bases (id, name, permission_level) VALUES (?, ?, 'unknown')").run(baseId, baseId);
      const keepTables = new Set(tables.map((t) => t.id));
      for (const table of this.tables(baseId)) {
        if (keepTables.has(table.id)) continue;
        this.records.removeTable(table.id);
        db.prepare('DELETE FROM tables WHERE id = ?').run(table.id);
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
        for (const field of this.fields(table.id)) {
          if (keepFields.has(field.id)) continue;
          db.prepare('DELETE FROM fields WHERE id = ?').run(field.id);
          this.records.removeField(table.id, field.id);
        }
        table.fields.forEach((f, i) => upsertField.run(f.id, table.id, f.name, f.type, f.description ?? null, f.options ? JSON.stringify(f.options) : null, i));
        db.prepare('DELETE FROM views WHERE table_id = ? AND id NOT IN (SELECT value FROM json_each(?))').run(table.id, JSON.stringify(table.views.map((v) => v.id)));
        table.views.forEach((v, i) => upsertView.run(v.id, table.id, v.name, v.type, v.visibleFieldIds ? JSON.stringify(v.visibleFieldIds) : null, i));
      });
    }).immediate();
  }

  fields(tableId: string): CachedField[] {
    return (this.db.prepare('SELECT id, table_id, name, type, description, options FROM fields WHERE table_id = ? ORDER BY position').all(tableId) as FieldRow[]).map((r) => ({
      id: r.id,
      tableId: r.table_id,
      name: r.name,
      type: r.type,
      description: r.description,
      options: r.options ? (JSON.parse(r.options) as Record<string, unknown>) : null,
    }));
  }

  table(tableId: string): CachedTable | undefined {
    const row = this.db.prepare('SELECT id, base_id, name, description, primary_field_id FROM tables WHERE id = ?').get(tableId) as TableRow | undefined;
    return row && toTable(row);
  }

  tables(baseId: string): CachedTable[] {
    return (this.db.prepare('SELECT id, base_id, name, description, primary_field_id FROM tables WHERE base_id = ? ORDER BY position').all(baseId) as TableRow[]).map(toTable);
  }

  views(tableId: string): CachedView[] {
    return (this.db.prepare('SELECT id, name, type, visible_field_ids FROM views WHERE table_id = ? ORDER BY position').all(tableId) as Array<{ id: string; name: string; type: string; visible_field_ids: string | null }>).map((v) => ({
      id: v.id,
      name: v.name,
      type: v.type,
      visibleFieldIds: v.visible_field_ids ? (JSON.parse(v.visible_field_ids) as string[]) : null,
    }));
  }

  permissionLevel(baseId: string): string {
    return (this.db.prepare('SELECT permission_level FROM bases WHERE id = ?').get(baseId) as { permission_level: string } | undefined)?.permission_level ?? 'unknown';
  }

  tableOfView(viewId: string): CachedTable | undefined {
    const row = this.db.prepare('SELECT t.id, t.base_id, t.name, t.description, t.primary_field_id FROM views v JOIN tables t ON t.id = v.table_id WHERE v.id = ?').get(viewId) as TableRow | undefined;
    return row && toTable(row);
  }

  basesWithTables(): Array<{ id: string; name: string }> {
    return this.db.prepare('SELECT id, name FROM bases b WHERE EXISTS (SELECT 1 FROM tables t WHERE t.base_id = b.id) ORDER BY name').all() as Array<{ id: string; name: string }>;
  }

  hasBase(baseId: string): boolean {
    return this.db.prepare('SELECT 1 FROM bases WHERE id = ?').get(baseId) !== undefined;
  }
}

interface TableRow {
  id: string;
  base_id: string;
  name: string;
  description: string | null;
  primary_field_id: string;
}

const toTable = (r: TableRow): CachedTable => ({ id: r.id, baseId: r.base_id, name: r.name, description: r.description, primaryFieldId: r.primary_field_id });
