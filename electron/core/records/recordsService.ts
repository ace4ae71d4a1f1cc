import { AppError } from '../platform/errors';
import type { RecordQuery } from './cache/recordQuery';
import type { OutboxService } from './outbox/outboxService';
import type { RecordsOf } from './profileRecords';
import type { Cells } from './recordsRepository';

/**
 * Records as a person reads and edits them: windows of the offline cache (search, filters, a
 * formula, sort, keyset pages), records by id, and edits that are shown at once and sent
 * through the outbox.
 */
export class RecordsService {
  constructor(private readonly deps: { recordsOf: RecordsOf; outbox: OutboxService }) {}

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
    const id = this.deps.recordsOf(profileId).outbox.create(baseId, tableId, fields);
    this.deps.outbox.sendSoon(profileId);
    return { id };
  }

  update(profileId: string, baseId: string, tableId: string, recordId: string, fields: Cells): void {
    this.deps.recordsOf(profileId).outbox.update(baseId, tableId, recordId, fields);
    this.deps.outbox.sendSoon(profileId);
  }

  delete(profileId: string, baseId: string, tableId: string, recordId: string): void {
    this.deps.recordsOf(profileId).outbox.delete(baseId, tableId, recordId);
    this.deps.outbox.sendSoon(profileId);
  }

  private requireTable(profileId: string, tableId: string): void {
    if (!this.deps.recordsOf(profileId).schema.table(tableId)) throw new AppError('NOT_FOUND', 'That table is not in the offline cache yet: sync its base first.');
  }
}
