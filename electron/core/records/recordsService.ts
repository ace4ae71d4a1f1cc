import { AppError } from '../platform/errors';
import type { RecordQuery } from './cache/recordQuery';
import type { OutboxService } from './outbox/outboxService';
import type { RecordsOf } from './profileRecords';
import type { Cells } from './recordsRepository';
import { checkCellWrite } from '../../../shared/domain/cellRules';

/**
 * Records as a person reads and edits them: windows of the offline cache (search, filters, a
 * formula, sort, keyset pages), records by id, and edits that are shown at once and sent
 * through the outbox.
 */
/** How long a delete waits before it is sent: the time an undo brings back the very same record. */
export const DELETE_WAIT_MS = 10_000;

export class RecordsService {
  constructor(private readonly deps: { recordsOf: RecordsOf; outbox: OutboxService; openLink(url: string): Promise<void> }) {}

  window(profileId: string, query: RecordQuery) {
    const p = this.deps.recordsOf(profileId);
    this.requireTable(profileId, query.tableId);
    return p.queries.window(query);
  }

  get(profileId: string, recordIds: readonly string[]) {
    return { records: this.deps.recordsOf(profileId).queries.byIds(recordIds) };
  }

  create(profileId: string, baseId: string, tableId: string, fields: Cells): { id: string } {
    this.requireTable(profileId, tableId);
    this.checkWrite(profileId, tableId, fields);
    const id = this.deps.recordsOf(profileId).outbox.create(baseId, tableId, fields);
    this.deps.outbox.sendSoon(profileId);
    return { id };
  }

  update(profileId: string, baseId: string, tableId: string, recordId: string, fields: Cells): void {
    this.requireTable(profileId, tableId);
    this.checkWrite(profileId, tableId, fields);
    this.deps.recordsOf(profileId).outbox.update(baseId, tableId, recordId, fields);
    this.deps.outbox.sendSoon(profileId);
  }

  /** Hides the records at once and sends the deletes after DELETE_WAIT_MS, unless `restore` comes first. */
  delete(profileId: string, baseId: string, tableId: string, recordIds: readonly string[]): { undoableForMs: number } {
    this.requireTable(profileId, tableId);
    const outbox = this.deps.recordsOf(profileId).outbox;
    // All or nothing: a record that is not there stops the whole delete before any is hidden.
    for (const recordId of recordIds) if (!outbox.cachedCells(recordId)) throw new AppError('NOT_FOUND', 'A record to delete is not in the offline cache (it may have been deleted already).');
    for (const recordId of recordIds) outbox.delete(baseId, tableId, recordId, DELETE_WAIT_MS);
    this.deps.outbox.sendAfter(profileId, DELETE_WAIT_MS);
    return { undoableForMs: DELETE_WAIT_MS };
  }

  restore(profileId: string, recordIds: readonly string[]): { restored: string[]; gone: string[] } {
    return this.deps.outbox.restoreDeleted(profileId, recordIds);
  }

  count(profileId: string, query: Omit<RecordQuery, 'after' | 'limit'>, cap: number) {
    this.requireTable(profileId, query.tableId);
    return this.deps.recordsOf(profileId).queries.count(query, cap);
  }

  /**
   * Opens the URL a record's button field holds. The renderer names the cell, never the URL:
   * core reads it from the cache, and only http(s) links leave the app.
   */
  async openLink(profileId: string, recordId: string, fieldId: string): Promise<void> {
    const p = this.deps.recordsOf(profileId);
    const record = p.records.find(recordId);
    const field = record ? p.schema.fields(record.tableId).find((f) => f.id === fieldId) : undefined;
    const cell = record?.cells[fieldId];
    const url = field?.type === 'button' && typeof cell === 'object' && cell !== null ? (cell as { url?: unknown }).url : undefined;
    if (typeof url !== 'string') throw new AppError('NOT_FOUND', 'That cell has no link to open.');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('INVALID_INPUT', 'That link is not a web address.');
    }
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) throw new AppError('INVALID_INPUT', 'Only web links (http and https) are opened.');
    await this.deps.openLink(parsed.toString());
  }

  /**
   * Every value must be one Airtable accepts for its field: a bad one (text in a number, an
   * option the field does not have) is refused with the reason, nothing is queued, and the
   * cell keeps its old value.
   */
  private checkWrite(profileId: string, tableId: string, fields: Cells): void {
    const known = new Map(this.deps.recordsOf(profileId).schema.fields(tableId).map((f) => [f.id, f]));
    for (const [fieldId, value] of Object.entries(fields)) {
      const field = known.get(fieldId);
      if (!field) throw new AppError('INVALID_INPUT', 'That field is not in this table (it may have been removed in Airtable).');
      const check = checkCellWrite(field, value);
      if (!check.ok) throw new AppError('INVALID_INPUT', check.reason);
    }
  }

  private requireTable(profileId: string, tableId: string): void {
    if (!this.deps.recordsOf(profileId).schema.table(tableId)) throw new AppError('NOT_FOUND', 'That table is not in the offline cache yet: sync its base first.');
  }
}
