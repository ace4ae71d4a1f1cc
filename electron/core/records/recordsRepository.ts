import type { SqlDatabase, SqlStatement } from '../platform/db/sqlite';
import type { AirtableRecord } from '../airtable';
import { PendingState } from './pendingState';
import { indexText } from './searchText';
import { withoutEmpty } from '../../../shared/domain/cells';

export type Cells = Record<string, unknown>;

export interface StoredRecord {
  seq: number;
  id: string;
  tableId: string;
  cells: Cells;
  createdTime: string;
  pending: PendingState;
}

interface Row {
  seq: number;
  id: string;
  table_id: string;
  cells: string;
  created_time: string;
  pending: PendingState;
}

const toStored = (row: Row): StoredRecord => ({ seq: row.seq, id: row.id, tableId: row.table_id, cells: JSON.parse(row.cells) as Cells, createdTime: row.created_time, pending: row.pending });

/**
 * The one writer of a profile's `records` table and its full-text index. Every change to a
 * record's cells rewrites its index entry in the same transaction (the index shares the row's
 * `seq`, and a record marked deleted has none), so search can never point at the wrong record.
 * Airtable's answers never overwrite a record with a local change waiting in the outbox; the
 * outbox's own writes go through `showLocal`, `restore` and `saveSent`.
 */
export class RecordsRepository {
  private readonly statements = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {}

  /** Runs `fn` in one IMMEDIATE transaction (a call inside another transaction joins it). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  find(recordId: string): StoredRecord | undefined {
    const row = this.sql('SELECT seq, id, table_id, cells, created_time, pending FROM records WHERE id = ?').get(recordId) as Row | undefined;
    return row && toStored(row);
  }

  /** A page of Airtable's records: new ones inserted, known ones replaced unless edited here. */
  upsertFromAirtable(tableId: string, records: readonly AirtableRecord[], seenAt: number): void {
    const insert = this.sql('INSERT OR IGNORE INTO records (id, table_id, cells, created_time, last_seen) VALUES (?, ?, ?, ?, ?)');
    const existing = this.sql('SELECT seq, pending FROM records WHERE id = ?');
    const update = this.sql('UPDATE records SET cells = ?, last_seen = ?, table_id = ? WHERE seq = ?');
    this.transaction(() => {
      for (const record of records) {
        const cells = record.fields; // Airtable's listings already leave empty values out
        const json = JSON.stringify(cells);
        // New records (the whole first sync) take one statement; known ones are updated in place.
        const inserted = insert.run(record.id, tableId, json, record.createdTime, seenAt);
        if (inserted.changes === 1) {
          this.addToIndex(Number(inserted.lastInsertRowid), cells);
          continue;
        }
        const row = existing.get(record.id) as { seq: number; pending: PendingState };
        if (row.pending !== PendingState.Synced) continue; // a local change waiting in the outbox wins until it is sent
        update.run(json, seenAt, tableId, row.seq);
        this.reindex(row.seq, cells, PendingState.Synced);
      }
    });
  }

  /**
   * One record from a webhook payload: created whole, or changed cells merged into what is
   * cached. A record with a local change waiting keeps it.
   */
  applyChange(tableId: string, recordId: string, change: { createdTime?: string; cells: Cells; merge: boolean }, seenAt: number): void {
    this.transaction(() => {
      const existing = this.find(recordId);
      if (existing && existing.pending !== PendingState.Synced) return;
      const cells = withoutEmpty(change.merge && existing ? { ...existing.cells, ...change.cells } : change.cells);
      if (existing) {
        this.sql('UPDATE records SET cells = ?, last_seen = ?, table_id = ? WHERE seq = ?').run(JSON.stringify(cells), seenAt, tableId, existing.seq);
        this.reindex(existing.seq, cells, PendingState.Synced);
        return;
      }
      const createdTime = change.createdTime ?? new Date(seenAt).toISOString();
      const inserted = this.sql('INSERT INTO records (id, table_id, cells, created_time, last_seen) VALUES (?, ?, ?, ?, ?)').run(recordId, tableId, JSON.stringify(cells), createdTime, seenAt);
      this.addToIndex(Number(inserted.lastInsertRowid), cells);
    });
  }

  /** Fresh values of some fields (computed ones re-read on a schedule), merged into synced records. */
  mergeFields(records: readonly AirtableRecord[], fieldIds: readonly string[], seenAt: number): number {
    const write = this.sql('UPDATE records SET cells = ?, last_seen = ? WHERE seq = ?');
    let merged = 0;
    this.transaction(() => {
      for (const record of records) {
        const existing = this.find(record.id);
        if (!existing || existing.pending !== PendingState.Synced) continue;
        const cells = { ...existing.cells };
        for (const fieldId of fieldIds) {
          const value = record.fields[fieldId];
          if (value === undefined) delete cells[fieldId];
          else cells[fieldId] = value;
        }
        const kept = withoutEmpty(cells);
        write.run(JSON.stringify(kept), seenAt, existing.seq);
        this.reindex(existing.seq, kept, PendingState.Synced);
        merged++;
      }
    });
    return merged;
  }

  /** Records Airtable says are gone; ones with a local change waiting stay. Returns how many went. */
  removeIfSynced(recordIds: Iterable<string>): number {
    let removed = 0;
    this.transaction(() => {
      for (const id of recordIds) {
        const existing = this.find(id);
        if (!existing || existing.pending !== PendingState.Synced) continue;
        this.removeRow(existing.seq);
        removed++;
      }
    });
    return removed;
  }

  /** After a complete read of a table: synced records not seen since `since` were deleted upstream. */
  removeUnseen(tableId: string, since: number): number {
    const gone = this.sql('SELECT seq FROM records WHERE table_id = ? AND last_seen < ? AND pending = 0').all(tableId, since) as Array<{ seq: number }>;
    this.transaction(() => {
      for (const { seq } of gone) this.removeRow(seq);
    });
    return gone.length;
  }

  /** Ids of a table's synced records (what an id-only deletion pass compares with Airtable). */
  syncedIds(tableId: string): string[] {
    return (this.sql('SELECT id FROM records WHERE table_id = ? AND pending = 0').all(tableId) as Array<{ id: string }>).map((r) => r.id);
  }

  /** Before a table leaves the cache: its records and their index entries. */
  removeTable(tableId: string): void {
    this.transaction(() => {
      for (const { seq } of this.sql('SELECT seq FROM records WHERE table_id = ?').all(tableId) as Array<{ seq: number }>) this.removeRow(seq);
    });
  }

  /** A field removed from Airtable: its cells go, and the records' searchable text follows. */
  removeField(tableId: string, fieldId: string): void {
    const path = `$.${fieldId}`;
    this.transaction(() => {
      const rows = this.sql('SELECT seq, id, table_id, cells, created_time, pending FROM records WHERE table_id = ? AND json_type(cells, ?) IS NOT NULL').all(tableId, path) as Row[];
      const write = this.sql('UPDATE records SET cells = json_remove(cells, ?) WHERE seq = ?');
      for (const row of rows) {
        write.run(path, row.seq);
        const cells = JSON.parse(row.cells) as Cells;
        delete cells[fieldId];
        this.reindex(row.seq, cells, row.pending);
      }
    });
  }

  /** The outbox's view of a record: the last synced cells with its open changes on top. */
  showLocal(tableId: string, recordId: string, cells: Cells, state: typeof PendingState.Edited | typeof PendingState.Deleted, createdTime: string): void {
    this.transaction(() => {
      const existing = this.find(recordId);
      const kept = withoutEmpty(cells);
      if (existing) {
        this.sql('UPDATE records SET cells = ?, pending = ? WHERE seq = ?').run(JSON.stringify(kept), state, existing.seq);
        this.reindex(existing.seq, kept, state);
        return;
      }
      const inserted = this.sql('INSERT INTO records (id, table_id, cells, created_time, last_seen, pending) VALUES (?, ?, ?, ?, 0, ?)').run(recordId, tableId, JSON.stringify(kept), createdTime, state);
      this.reindex(Number(inserted.lastInsertRowid), kept, state);
    });
  }

  /** A record back as Airtable last sent it (`cells` from the copy kept before the first local change). */
  restore(recordId: string, cells: Cells | undefined): void {
    this.transaction(() => {
      const existing = this.find(recordId);
      if (!existing) return;
      const next = cells ?? existing.cells;
      this.sql('UPDATE records SET cells = ?, pending = 0 WHERE seq = ?').run(JSON.stringify(next), existing.seq);
      this.reindex(existing.seq, next, PendingState.Synced);
    });
  }

  /** Airtable's answer to a change we sent: the record as it now is there, synced. */
  saveSent(tableId: string, record: AirtableRecord, seenAt: number): void {
    this.transaction(() => {
      const existing = this.find(record.id);
      const cells = withoutEmpty(record.fields);
      if (existing) {
        this.sql('UPDATE records SET cells = ?, last_seen = ?, pending = 0, table_id = ? WHERE seq = ?').run(JSON.stringify(cells), seenAt, tableId, existing.seq);
        this.reindex(existing.seq, cells, PendingState.Synced);
        return;
      }
      const inserted = this.sql('INSERT INTO records (id, table_id, cells, created_time, last_seen, pending) VALUES (?, ?, ?, ?, ?, 0)').run(record.id, tableId, JSON.stringify(cells), record.createdTime, seenAt);
      this.addToIndex(Number(inserted.lastInsertRowid), cells);
    });
  }

  /** Removes one record whatever its state (a discarded local create, a sent delete, a swapped temporary id). */
  remove(recordId: string): void {
    this.transaction(() => {
      const existing = this.find(recordId);
      if (existing) this.removeRow(existing.seq);
    });
  }

  /**
   * Sorting by a field makes an index for it the first time, so later sorts and keyset windows
   * stay fast. `expression` comes from `sortExpression`, which builds it from a checked field id.
   */
  ensureSortIndex(name: string, expression: string): void {
    if (!/^sort_fld[A-Za-z0-9]{14}$/.test(name)) throw new Error(`not a sort index name: ${name}`);
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON records(table_id, ${expression}, id)`);
  }

  private removeRow(seq: number): void {
    this.sql('DELETE FROM records_fts WHERE rowid = ?').run(seq);
    this.sql('DELETE FROM records WHERE seq = ?').run(seq);
  }

  private reindex(seq: number, cells: Cells, state: PendingState): void {
    this.sql('DELETE FROM records_fts WHERE rowid = ?').run(seq);
    if (state !== PendingState.Deleted) this.addToIndex(seq, cells);
  }

  /** Only for a row that has no entry yet (just inserted, or its entry just deleted). */
  private addToIndex(seq: number, cells: Cells): void {
    this.sql('INSERT INTO records_fts (rowid, text) VALUES (?, ?)').run(seq, indexText(cells));
  }

  private sql(text: string): SqlStatement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}
