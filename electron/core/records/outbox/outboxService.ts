import type { EventName, EventPayload } from '../../../../shared/ipc/contract';
import type { Clock } from '../../ports';
import type { Connectivity } from '../connectivity';
import type { RecordsOf } from '../profileRecords';
import type { Resolution } from './outboxActions';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What the person and the background loop do with a profile's outbox: send it (a network
 * failure marks the profile offline and keeps the edits), see it, send it now, retry, discard,
 * undo a delete that is still waiting, resolve conflicts. Every change to the outbox is announced
 * as `outbox:changed`; records created here announce their Airtable ids as `records:changed`.
 */
export class OutboxService {
  private readonly timers = new Map<string, { cancel(): void }>();

  constructor(
    private readonly deps: {
      recordsOf: RecordsOf;
      isOpen(profileId: string): boolean;
      connectivity: Connectivity;
      clock: Clock;
      emit: Emit;
    },
  ) {}

  /** Sends the outbox now (edits still in their wait excepted, unless `evenWaiting`); resolves when this replay is over. */
  async flush(profileId: string, options: { evenWaiting?: boolean } = {}): Promise<void> {
    try {
      const result = await this.deps.recordsOf(profileId).replay.run(options);
      this.deps.connectivity.report(profileId, !result.offline);
      if (result.created.length > 0) this.deps.emit('recordsChanged', { profileId, renamed: result.created.map(({ tempId, id }) => ({ from: tempId, to: id })) });
      if (result.commentRecords.length > 0) this.deps.emit('commentsChanged', { profileId, recordIds: result.commentRecords });
    } finally {
      if (this.deps.isOpen(profileId)) this.publish(profileId);
    }
  }

  /** Edits are answered at once; sending them happens in the background. */
  sendSoon(profileId: string): void {
    this.publish(profileId);
    void this.flush(profileId).catch(() => undefined);
  }

  /** Sends once an edit's wait is over (a delete that could still be undone until then). */
  sendAfter(profileId: string, ms: number): void {
    this.publish(profileId);
    this.timers.get(profileId)?.cancel();
    this.timers.set(
      profileId,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(profileId);
        if (this.deps.isOpen(profileId)) void this.flush(profileId).catch(() => undefined);
      }, ms + 50),
    );
  }

  /** "Send now": everything, even deletes still inside their wait. */
  sendNow(profileId: string): Promise<void> {
    return this.flush(profileId, { evenWaiting: true });
  }

  hasWaiting(profileId: string): boolean {
    const p = this.deps.recordsOf(profileId);
    return p.outbox.list().some((e) => e.status === 'pending') || p.commentEdits.open().length > 0;
  }

  /** Deletes undone: the ones still waiting come back as they were; the rest were already sent. */
  restoreDeleted(profileId: string, recordIds: readonly string[]): { restored: string[]; gone: string[] } {
    const result = this.deps.recordsOf(profileId).outboxActions.restoreDeleted(recordIds);
    this.publish(profileId);
    return result;
  }

  /** The waiting changes, each with its record's name as the person knows it, and its time. */
  list(profileId: string) {
    const p = this.deps.recordsOf(profileId);
    const nameOf = (tableId: string, recordId: string, fields: Record<string, unknown>) => {
      const primary = p.schema.table(tableId)?.primaryFieldId;
      if (!primary) return null;
      const value = fields[primary] ?? p.records.find(recordId)?.cells[primary] ?? p.outbox.syncedCopy(recordId)?.[primary];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    };
    return {
      edits: p.outbox.list().map((e) => ({
        seq: e.seq,
        kind: e.kind,
        tableId: e.tableId,
        recordId: e.recordId,
        recordName: nameOf(e.tableId, e.recordId, e.fields),
        fields: e.fields,
        status: e.status,
        error: e.error,
        createdAt: e.createdAt,
        sendsAt: e.notBefore > e.createdAt ? e.notBefore : null,
      })),
      conflicts: p.outboxActions.conflicts().map((c) => ({ id: c.id, recordId: c.recordId, fieldId: c.fieldId, mine: c.mine, theirs: c.theirs, original: c.original })),
      comments: p.commentEdits.unfinished().map((e) => ({
        seq: e.seq,
        kind: e.kind,
        tableId: e.tableId,
        recordId: e.recordId,
        recordName: nameOf(e.tableId, e.recordId, {}),
        text: e.text,
        status: e.status,
        error: e.error,
        createdAt: e.createdAt,
      })),
    };
  }

  retry(profileId: string, seq: number): void {
    this.deps.recordsOf(profileId).outboxActions.retry(seq);
    this.sendSoon(profileId);
  }

  discard(profileId: string, seq: number): void {
    this.deps.recordsOf(profileId).outboxActions.discard(seq);
    this.publish(profileId);
  }

  resolve(profileId: string, conflictId: number, resolution: Resolution): void {
    this.deps.recordsOf(profileId).outboxActions.resolve(conflictId, resolution);
    this.sendSoon(profileId);
  }

  /** Tells the UI how many edits wait, were rejected, or conflict. */
  publish(profileId: string): void {
    const p = this.deps.recordsOf(profileId);
    const edits = [...p.outbox.list(), ...p.commentEdits.unfinished()];
    this.deps.emit('outboxChanged', {
      profileId,
      pending: edits.filter((e) => e.status === 'pending' || e.status === 'sending').length,
      rejected: edits.filter((e) => e.status === 'rejected').length,
      conflicts: p.outboxActions.conflicts().length,
    });
  }

  /** Quitting, or the profile is going: no more timed sends. */
  stop(profileId?: string): void {
    for (const [id, timer] of this.timers) {
      if (profileId !== undefined && id !== profileId) continue;
      timer.cancel();
      this.timers.delete(id);
    }
  }
}
