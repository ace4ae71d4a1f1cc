import { describe, expect, it, vi } from 'vitest';
import { useOutbox, type OutboxView } from '../../../renderer/src/stores/outboxStore';
import { installBridge } from './fakeBridge';
import { PROFILE, TABLE } from './fixtures';

vi.mock('zustand');

const done = { done: true } as const;
const waiting: OutboxView = {
  edits: [{ seq: 1, kind: 'update', tableId: TABLE, recordId: 'rec00000000000001', fields: { fld00000000000001: 'x' }, status: 'rejected', error: 'Airtable refused it.', recordName: 'Alpha', createdAt: 1, sendsAt: null }],
  conflicts: [{ id: 4, recordId: 'rec00000000000001', fieldId: 'fld00000000000001', mine: 'a', theirs: 'b', original: 'o' }],
  comments: [],
};
const empty: OutboxView = { edits: [], conflicts: [], comments: [] };

describe('outbox store', () => {
  it('loads a profile’s waiting edits and conflicts', async () => {
    installBridge({ outboxList: () => waiting });
    await useOutbox.getState().load(PROFILE);
    expect(useOutbox.getState().byProfile[PROFILE]).toEqual(waiting);
  });

  it('retries a rejected edit, then shows the outbox as it is now', async () => {
    let view = waiting;
    const bridge = installBridge({ outboxRetry: () => ((view = empty), done), outboxList: () => view });
    await useOutbox.getState().retry(PROFILE, 1);
    expect(bridge.inputsOf('outboxRetry')).toEqual([{ profileId: PROFILE, seq: 1 }]);
    expect(useOutbox.getState().byProfile[PROFILE]).toEqual(empty);
  });

  it('discards an edit, then shows the outbox as it is now', async () => {
    const bridge = installBridge({ outboxDiscard: () => done, outboxList: () => empty });
    await useOutbox.getState().discard(PROFILE, 1);
    expect(bridge.calls.map((c) => c.method)).toEqual(['outboxDiscard', 'outboxList']);
  });

  it('settles a conflict with the value the person chose', async () => {
    const bridge = installBridge({ conflictsResolve: () => done, outboxList: () => empty });
    await useOutbox.getState().resolve(PROFILE, 4, { value: 'merged' });
    expect(bridge.inputsOf('conflictsResolve')).toEqual([{ profileId: PROFILE, conflictId: 4, value: 'merged' }]);
  });
});
