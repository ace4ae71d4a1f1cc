import { AirtableError, isUnreachable, type ProfileApi, type AirtableRecord } from '../../airtable';
import type { RecordsRepository } from '../recordsRepository';
import { isTempId, type Edit, type Outbox } from './outbox';
import { isEmptyCell } from '../../../../shared/domain/cells';
import type { CommentReplay } from '../comments/commentReplay';

export interface ReplayResult {
  /** Records created here that now have Airtable's ids. */
  created: Array<{ tempId: string; id: string }>;
  sent: number;
  rejected: number;
  conflicts: number;
  /** Comments posted, edited or deleted here that were sent or refused, by record. */
  commentRecords: string[];
  /** True when Airtable could not be reached: the rest waits for the next replay. */
  offline: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
const normalise = (v: unknown) => (isEmptyCell(v) ? null : v);
/**
 * Stop for now and keep the edit: Airtable is unreachable, paused this base, the send was
 * cancelled (quitting), or a write may or may not have landed (checked on the next replay).
 */
const waitForNextReplay = (e: unknown) => isUnreachable(e) || (e instanceof AirtableError && (e.kind === 'rate-limited' || e.kind === 'cancelled' || e.kind === 'outcome-unknown'));

/**
 * Sends the outbox to Airtable in order, through the scheduler. Creates carry an idempotency
 * key: a create whose answer was lost (crash, dropped connection) is looked up by its values
 * among records created since it was sent, never blindly sent again. Before an update, the
 * server's current values are compared with the values the edit started from: a field changed
 * on both sides becomes a conflict for the person to resolve, never a silent overwrite.
 */
export class OutboxReplay {
  constructor(
    private readonly outbox: Outbox,
    private readonly records: RecordsRepository,
    private readonly api: ProfileApi,
    private readonly now: () => number,
    private readonly comments: CommentReplay,
  ) {}

  private running: Promise<ReplayResult> | undefined;
  private queued: Promise<ReplayResult> | undefined;

  /**
   * One replay at a time: edits arrive while one is sending (every edit asks for a send, and so
   * does the background loop), and two replays walking the same outbox would send a create twice.
   * A call during a replay waits for it and then runs once more for what arrived meanwhile;
   * any number of such calls share that one extra run.
   */
  run(options: { evenWaiting?: boolean } = {}): Promise<ReplayResult> {
    if (!this.running) {
      this.running = this.replay(options.evenWaiting ?? false).finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.run(options);
      });
    return this.queued;
  }

  /** `evenWaiting`: also send edits still inside their wait (the person said "send now"). */
  private async replay(evenWaiting: boolean): Promise<ReplayResult> {
    const result: ReplayResult = { created: [], sent: 0, rejected: 0, conflicts: 0, commentRecords: [], offline: false };
    for (const edit of this.outbox.open()) {
      if (!evenWaiting && edit.notBefore > this.now()) continue; // still undoable; a later replay sends it
      const current = this.resolveIds(edit);
      if (!current) continue;
      try {
        if (current.kind === 'create') await this.create(current, result);
        else if (current.kind === 'update') await this.update(current, result);
        else await this.delete(current, result);
      } catch (error) {
        if (waitForNextReplay(error)) {
          result.offline = true;
          return result;
        }
        // The record stays as edited (pending) in the cache, and the edit in the outbox with the
        // reason, until the person retries or discards it.
        this.finish(current.seq, 'rejected', error instanceof Error ? error.message : 'Airtable refused this change.');
        result.rejected++;
      }
    }
    // Comments after records: a comment on a record created here needs the record's Airtable id.
    const comments = await this.comments.run();
    result.commentRecords = [...comments.records];
    result.sent += comments.sent;
    result.rejected += comments.rejected;
    result.offline = comments.offline;
    return result;
  }

  private async create(edit: Edit, result: ReplayResult): Promise<void> {
    if (edit.status === 'sending' && edit.sentAt !== null) {
      const landed = await this.findLanded(edit);
      if (landed) {
        this.mapCreated(edit, landed);
        result.created.push({ tempId: edit.recordId, id: landed.id });
        result.sent++;
        return;
      }
    }
    this.outbox.db.transaction(() => this.outbox.db.prepare("UPDATE edits SET status = 'sending', sent_at = ? WHERE seq = ?").run(this.now(), edit.seq)).immediate();
    const [outcome] = await this.api.records.create(edit.baseId, edit.tableId, [{ fields: edit.fields }], { priority: 'background' });
    if (!outcome) return;
    if (!outcome.ok) throw outcome.error;
    this.mapCreated(edit, outcome.record);
    result.created.push({ tempId: edit.recordId, id: outcome.record.id });
    result.sent++;
  }

  /** A create that may have landed: look for a record created since it was sent with exactly its values. */
  private async findLanded(edit: Edit): Promise<AirtableRecord | undefined> {
    const since = new Date((edit.sentAt ?? this.now()) - 5_000).toISOString();
    const candidates = await this.api.records.list(edit.baseId, edit.tableId, { filterByFormula: `IS_AFTER(CREATED_TIME(), '${since}')` }, { priority: 'background' });
    const known = new Set((this.outbox.db.prepare('SELECT real_id FROM id_map').all() as Array<{ real_id: string }>).map((r) => r.real_id));
    return candidates.find((record) => !known.has(record.id) && Object.entries(edit.fields).every(([id, value]) => same(record.fields[id], value)));
  }

  private mapCreated(edit: Edit, record: AirtableRecord): void {
    this.outbox.db
      .transaction(() => {
        this.outbox.db.prepare('INSERT OR REPLACE INTO id_map (temp_id, real_id) VALUES (?, ?)').run(edit.recordId, record.id);
        this.outbox.db.prepare("UPDATE edits SET status = 'done', error = NULL WHERE seq = ?").run(edit.seq);
        this.outbox.db.prepare('UPDATE edits SET record_id = ? WHERE record_id = ?').run(record.id, edit.recordId);
      })
      .immediate();
    this.records.transaction(() => {
      this.records.remove(edit.recordId);
      this.records.saveSent(edit.tableId, record, this.now());
    });
    this.outbox.applyToCache(record.id);
  }

  private async update(edit: Edit, result: ReplayResult): Promise<void> {
    let server: AirtableRecord;
    try {
      server = await this.api.records.get(edit.baseId, edit.tableId, edit.recordId, { priority: 'background' });
    } catch (error) {
      if (error instanceof AirtableError && error.kind === 'not-found') throw new AirtableError('not-found', 'This record was deleted on Airtable, so the change could not be saved.', 404, 'NOT_FOUND');
      throw error;
    }
    const send: Record<string, unknown> = {};
    let conflicted = 0;
    for (const [fieldId, mine] of Object.entries(edit.fields)) {
      const theirs = server.fields[fieldId];
      const original = edit.baseValues[fieldId];
      if (same(theirs, original) || same(theirs, mine)) send[fieldId] = mine ?? null;
      else {
        conflicted++;
        this.outbox.db
          .prepare('INSERT INTO conflicts (edit_seq, record_id, field_id, mine, theirs, original) VALUES (?, ?, ?, ?, ?, ?)')
          .run(edit.seq, edit.recordId, fieldId, JSON.stringify(mine ?? null), JSON.stringify(theirs ?? null), JSON.stringify(original ?? null));
      }
    }
    if (Object.keys(send).length > 0) {
      const [outcome] = await this.api.records.update(edit.baseId, edit.tableId, [{ id: edit.recordId, fields: send }], { priority: 'background' });
      if (outcome && !outcome.ok) throw outcome.error;
      if (outcome?.ok) server = outcome.record;
    }
    result.conflicts += conflicted;
    if (conflicted > 0) {
      this.finish(edit.seq, 'conflict', `${conflicted} field(s) were also changed on Airtable.`);
      // The cache shows Airtable's values until the person chooses.
      this.records.saveSent(edit.tableId, server, this.now());
    } else {
      this.finish(edit.seq, 'done', null);
      this.records.saveSent(edit.tableId, server, this.now());
      result.sent++;
    }
    this.outbox.applyToCache(edit.recordId);
  }

  private async delete(edit: Edit, result: ReplayResult): Promise<void> {
    // Marked before it leaves, so an undo racing it knows it can no longer bring the record back.
    this.outbox.db.transaction(() => this.outbox.db.prepare("UPDATE edits SET status = 'sending', sent_at = ? WHERE seq = ?").run(this.now(), edit.seq)).immediate();
    const [outcome] = await this.api.records.delete(edit.baseId, edit.tableId, [edit.recordId], { priority: 'background' });
    if (outcome && !outcome.ok && outcome.error.kind !== 'not-found') throw outcome.error;
    this.finish(edit.seq, 'done', null);
    this.records.remove(edit.recordId);
    result.sent++;
  }

  /** Edits made to a record before its create was sent carry its temporary id; use the real one. */
  private resolveIds(edit: Edit): Edit | undefined {
    if (!isTempId(edit.recordId) || edit.kind === 'create') return edit;
    const mapped = this.outbox.realIdOf(edit.recordId);
    return mapped ? { ...edit, recordId: mapped } : undefined;
  }

  private finish(seq: number, status: 'done' | 'rejected' | 'conflict', error: string | null): void {
    this.outbox.db.transaction(() => this.outbox.db.prepare('UPDATE edits SET status = ?, error = ? WHERE seq = ?').run(status, error, seq)).immediate();
  }
}
