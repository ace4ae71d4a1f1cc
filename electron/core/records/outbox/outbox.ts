import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../platform/db/sqlite';
import { AppError } from '../../platform/errors';
import { PendingState } from '../pendingState';
import type { Cells, RecordsRepository } from '../recordsRepository';
import { withoutEmpty } from '../../../../shared/domain/cells';

export type EditKind = 'create' | 'update' | 'delete';
export type EditStatus = 'pending' | 'sending' | 'done' | 'rejected' | 'conflict';

export interface Edit {
  seq: number;
  key: string;
  kind: EditKind;
  baseId: string;
  tableId: string;
  recordId: string;
  fields: Record<string, unknown>;
  baseValues: Record<string, unknown>;
  status: EditStatus;
  sentAt: number | null;
  error: string | null;
  createdAt: number;
  /** Not sent before this time (a delete's moment to be undone). */
  notBefore: number;
}

interface EditRow {
  seq: number;
  idempotency_key: string;
  kind: EditKind;
  base_id: string;
  table_id: string;
  record_id: string;
  fields: string;
  base_values: string;
  status: EditStatus;
  sent_at: number | null;
  error: string | null;
  created_at: number;
  not_before: number;
}

export const toEdit = (r: EditRow): Edit => ({
  seq: r.seq,
  key: r.idempotency_key,
  kind: r.kind,
  baseId: r.base_id,
  tableId: r.table_id,
  recordId: r.record_id,
  fields: JSON.parse(r.fields) as Record<string, unknown>,
  baseValues: JSON.parse(r.base_values) as Record<string, unknown>,
  status: r.status,
  sentAt: r.sent_at,
  error: r.error,
  createdAt: r.created_at,
  notBefore: r.not_before,
});

/** Ids of records created offline, until Airtable gives them real ones. */
export const isTempId = (id: string) => id.startsWith('tmp');

/**
 * Offline edits: each one is written durably to the outbox first, then applied to the cache at
 * once (marked pending), so the person sees it immediately and a crash between the two only
 * means re-applying it at start-up. Replay happens later, in order (see OutboxReplay).
 */
export class Outbox {
  constructor(
    readonly db: SqlDatabase,
    private readonly records: RecordsRepository,
    private readonly now: () => number,
  ) {}

  create(baseId: string, tableId: string, fields: Record<string, unknown>): string {
    const tempId = `tmp${randomUUID().replace(/-/g, '')}`;
    this.append('create', baseId, tableId, tempId, fields, {});
    this.applyToCache(tempId);
    return tempId;
  }

  update(baseId: string, tableId: string, recordId: string, fields: Record<string, unknown>, startedFrom?: Record<string, unknown>): void {
    const cells = this.cachedCells(recordId);
    if (!cells) throw new AppError('NOT_FOUND', 'That record is not in the offline cache.');
    // What the person saw before editing: replay compares it with Airtable's value to find conflicts.
    const baseValues = startedFrom ?? Object.fromEntries(Object.keys(fields).map((id) => [id, cells[id] ?? null]));
    this.append('update', baseId, tableId, recordId, fields, baseValues);
    this.applyToCache(recordId);
  }

  /** Hides the record at once; the delete is sent once `waitMs` has passed (so it can still be undone). */
  delete(baseId: string, tableId: string, recordId: string, waitMs = 0): void {
    if (!this.cachedCells(recordId)) throw new AppError('NOT_FOUND', 'That record is not in the offline cache.');
    this.append('delete', baseId, tableId, recordId, {}, {}, waitMs);
    this.applyToCache(recordId);
  }

  /** Airtable's id of a record created here (undefined until its create was answered). */
  realIdOf(tempId: string): string | undefined {
    return (this.db.prepare('SELECT real_id FROM id_map WHERE temp_id = ?').get(tempId) as { real_id: string } | undefined)?.real_id;
  }

  /** The temporary ids a record had before Airtable answered its create (none for a record made in Airtable). */
  tempIdsOf(realId: string): string[] {
    return (this.db.prepare('SELECT temp_id FROM id_map WHERE real_id = ?').all(realId) as Array<{ temp_id: string }>).map((r) => r.temp_id);
  }

  open(): Edit[] {
    return (this.db.prepare("SELECT * FROM edits WHERE status IN ('pending', 'sending') ORDER BY seq").all() as EditRow[]).map(toEdit);
  }

  list(): Edit[] {
    return (this.db.prepare("SELECT * FROM edits WHERE status <> 'done' ORDER BY seq").all() as EditRow[]).map(toEdit);
  }

  /** Re-applies every open edit to the cache: after a restart, or after a sync refreshed the cache. */
  reapplyAll(): void {
    const ids = new Set(this.open().map((e) => e.recordId));
    for (const id of ids) this.applyToCache(id);
  }

  /** The record as Airtable last sent it, kept when it was first changed here (a deleted record's name lives on here). */
  syncedCopy(recordId: string): Cells | undefined {
    const row = this.db.prepare('SELECT cells FROM synced_copies WHERE record_id = ?').get(recordId) as { cells: string } | undefined;
    return row ? (JSON.parse(row.cells) as Cells) : undefined;
  }

  /** Puts a record back as Airtable last sent it (the copy kept when it was first edited). */
  restoreSynced(recordId: string): void {
    const row = this.db.prepare('SELECT cells FROM synced_copies WHERE record_id = ?').get(recordId) as { cells: string } | undefined;
    this.records.restore(recordId, row ? (JSON.parse(row.cells) as Cells) : undefined);
  }

  /** Re-applies the open edits of one record on top of its synced copy. */
  rebuildFromSynced(recordId: string): void {
    this.restoreSynced(recordId);
    this.applyToCache(recordId);
  }

  /** The cache's view of one record: the last synced cells with every open edit on top. */
  applyToCache(recordId: string): void {
    const edits = (this.db.prepare("SELECT * FROM edits WHERE record_id = ? AND status IN ('pending', 'sending') ORDER BY seq").all(recordId) as EditRow[]).map(toEdit);
    if (edits.length === 0) return;
    this.records.transaction(() => {
      const existing = this.records.find(recordId);
      // Before the first local change, keep Airtable's version so a discard can bring it back.
      if (existing?.pending === PendingState.Synced) this.db.prepare('INSERT OR REPLACE INTO synced_copies (record_id, cells) VALUES (?, ?)').run(recordId, JSON.stringify(existing.cells));
      let cells: Cells = existing?.cells ?? {};
      let deleted = false;
      for (const edit of edits) {
        if (edit.kind === 'delete') deleted = true;
        else cells = withoutEmpty({ ...cells, ...edit.fields });
      }
      this.records.showLocal(existing?.tableId ?? edits[0]!.tableId, recordId, cells, deleted ? PendingState.Deleted : PendingState.Edited, new Date(this.now()).toISOString());
    });
  }

  /** A record as the person sees it now (a record deleted here is not there). */
  cachedCells(recordId: string): Cells | undefined {
    const existing = this.records.find(recordId);
    return existing && existing.pending !== PendingState.Deleted ? existing.cells : undefined;
  }

  private append(kind: EditKind, baseId: string, tableId: string, recordId: string, fields: Record<string, unknown>, baseValues: Record<string, unknown>, waitMs = 0): void {
    const now = this.now();
    this.db
      .transaction(() =>
        this.db
          .prepare('INSERT INTO edits (idempotency_key, kind, base_id, table_id, record_id, fields, base_values, created_at, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(randomUUID(), kind, baseId, tableId, recordId, JSON.stringify(fields), JSON.stringify(baseValues), now, now + waitMs),
      )
      .immediate();
  }
}
