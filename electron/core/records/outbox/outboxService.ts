import type { EventName, EventPayload } from '../../../../shared/ipc/contract';
import type { Connectivity } from '../connectivity';
import type { RecordsOf } from '../profileRecords';
import type { Resolution } from './outboxActions';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What the person and the background loop do with a profile's outbox: send it (a network
 * failure marks the profile offline and keeps the edits), see it, retry, discard, resolve
 * conflicts. Every change to the outbox is announced as `outbox:changed`.
 */
export class OutboxService {
  constructor(
    private readonly deps: {
      recordsOf: RecordsOf;
      isOpen(profileId: string): boolean;
      connectivity: Connectivity;
      emit: Emit;
    },
  ) {}

  /** Sends the outbox now; resolves when this replay is over. */
  async flush(profileId: string): Promise<void> {
    try {
      const result = await this.deps.recordsOf(profileId).replay.run();
      this.deps.connectivity.report(profileId, !result.offline);
    } finally {
      if (this.deps.isOpen(profileId)) this.publish(profileId);
    }
  }

  /** Edits are answered at once; sending them happens in the background. */
  sendSoon(profileId: string): void {
    this.publish(profileId);
    void this.flush(profileId).catch(() => undefined);
  }

  hasWaiting(profileId: string): boolean {
    return this.deps.recordsOf(profileId).outbox.list().some((e) => e.status === 'pending');
  }

  list(profileId: string) {
    const p = this.deps.recordsOf(profileId);
    return {
      edits: p.outbox.list().map((e) => ({ seq: e.seq, kind: e.kind, tableId: e.tableId, recordId: e.recordId, fields: e.fields, status: e.status, error: e.error })),
      conflicts: p.outboxActions.conflicts().map((c) => ({ id: c.id, recordId: c.recordId, fieldId: c.fieldId, mine: c.mine, theirs: c.theirs, original: c.original })),
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
    const edits = p.outbox.list();
    this.deps.emit('outboxChanged', {
      profileId,
      pending: edits.filter((e) => e.status === 'pending' || e.status === 'sending').length,
      rejected: edits.filter((e) => e.status === 'rejected').length,
      conflicts: p.outboxActions.conflicts().length,
    });
  }
}
