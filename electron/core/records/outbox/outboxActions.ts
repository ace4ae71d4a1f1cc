import { AppError } from '../../platform/errors';
import type { RecordsRepository } from '../recordsRepository';
import { isTempId, type Outbox } from './outbox';

export interface Conflict {
  id: number;
  editSeq: number;
  recordId: string;
  fieldId: string;
  mine: unknown;
  theirs: unknown;
  original: unknown;
}

export type Resolution = { keep: 'mine' } | { keep: 'theirs' } | { value: unknown };

/**
 * What a person does with the outbox: resolve a conflict (keep mine, keep theirs, or a new
 * value), retry a rejected change, or discard one. Keeping mine or a new value becomes a fresh
 * edit whose starting point is Airtable's value, so it is not flagged as a conflict again.
 */
export class OutboxActions {
  constructor(
    private readonly outbox: Outbox,
    private readonly records: RecordsRepository,
  ) {}

  conflicts(): Conflict[] {
    const rows = this.outbox.db.prepare("SELECT * FROM conflicts WHERE status = 'open' ORDER BY id").all() as Array<{ id: number; edit_seq: number; record_id: string; field_id: string; mine: string; theirs: string; original: string }>;
    return rows.map((r) => ({ id: r.id, editSeq: r.edit_seq, recordId: r.record_id, fieldId: r.field_id, mine: JSON.parse(r.mine) as unknown, theirs: JSON.parse(r.theirs) as unknown, original: JSON.parse(r.original) as unknown }));
  }

  resolve(conflictId: number, resolution: Resolution): void {
    const conflict = this.conflicts().find((c) => c.id === conflictId);
    if (!conflict) throw new AppError('NOT_FOUND', 'That conflict is already resolved.');
    const edit = this.outbox.db.prepare('SELECT base_id, table_id FROM edits WHERE seq = ?').get(conflict.editSeq) as { base_id: string; table_id: string };
    this.outbox.db.transaction(() => this.outbox.db.prepare("UPDATE conflicts SET status = 'resolved' WHERE id = ?").run(conflictId)).immediate();
    if ('keep' in resolution && resolution.keep === 'theirs') return; // the cache already shows Airtable's value
    const value = 'value' in resolution ? resolution.value : conflict.mine;
    // Starts from Airtable's current value: sent as is unless Airtable changes it yet again.
    this.outbox.update(edit.base_id, edit.table_id, conflict.recordId, { [conflict.fieldId]: value }, { [conflict.fieldId]: conflict.theirs });
  }

  /** Sends a rejected change again (after the person fixed what Airtable objected to). */
  retry(seq: number): void {
    const changed = this.outbox.db.transaction(() => this.outbox.db.prepare("UPDATE edits SET status = 'pending', error = NULL WHERE seq = ? AND status = 'rejected'").run(seq).changes).immediate();
    if (changed === 0) throw new AppError('NOT_FOUND', 'Only a rejected change can be retried.');
  }

  /**
   * Undoes deletes: one still waiting to be sent is dropped and the record comes back as it was
   * (same id, links, comments, history); one already sent cannot be, and is reported as gone.
   */
  restoreDeleted(recordIds: readonly string[]): { restored: string[]; gone: string[] } {
    const restored: string[] = [];
    const gone: string[] = [];
    for (const recordId of recordIds) {
      const waiting = this.outbox.db.prepare("SELECT seq FROM edits WHERE record_id = ? AND kind = 'delete' AND status = 'pending' ORDER BY seq DESC").get(recordId) as { seq: number } | undefined;
      if (waiting) {
        this.discard(waiting.seq);
        restored.push(recordId);
      } else gone.push(recordId);
    }
    return { restored, gone };
  }

  /** Drops a change that has not been saved to Airtable, and puts the record back as last synced. */
  discard(seq: number): void {
    const row = this.outbox.db.prepare("SELECT record_id, kind FROM edits WHERE seq = ? AND status IN ('pending', 'rejected', 'conflict')").get(seq) as { record_id: string; kind: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That change was already sent or discarded.');
    this.outbox.db.transaction(() => this.outbox.db.prepare("UPDATE edits SET status = 'done', error = 'discarded' WHERE seq = ?").run(seq)).immediate();
    const open = this.outbox.db.prepare("SELECT COUNT(*) AS n FROM edits WHERE record_id = ? AND status IN ('pending', 'sending')").get(row.record_id) as { n: number };
    if (open.n > 0) {
      this.outbox.rebuildFromSynced(row.record_id);
      return;
    }
    if (isTempId(row.record_id)) this.records.remove(row.record_id);
    else this.outbox.restoreSynced(row.record_id);
  }
}
