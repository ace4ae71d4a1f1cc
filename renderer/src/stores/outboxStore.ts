import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { call } from '../lib/api';

export type OutboxView = MethodOutput<'outboxList'>;

interface OutboxState {
  byProfile: Record<string, OutboxView>;
  load: (profileId: string) => Promise<void>;
  retry: (profileId: string, seq: number) => Promise<void>;
  discard: (profileId: string, seq: number) => Promise<void>;
  resolve: (profileId: string, conflictId: number, choice: { keep: 'mine' | 'theirs' } | { value: unknown }) => Promise<void>;
}

/** Edits waiting to reach Airtable, rejected ones with their reason, and conflicts to settle. */
export const useOutbox = create<OutboxState>()((set, get) => {
  const reload = async (profileId: string) => {
    const view = await call('outboxList', { profileId });
    set({ byProfile: { ...get().byProfile, [profileId]: view } });
  };
  return {
    byProfile: {},
    load: reload,
    async retry(profileId, seq) {
      await call('outboxRetry', { profileId, seq });
      await reload(profileId);
    },
    async discard(profileId, seq) {
      await call('outboxDiscard', { profileId, seq });
      await reload(profileId);
    },
    async resolve(profileId, conflictId, choice) {
      await call('conflictsResolve', { profileId, conflictId, ...choice });
      await reload(profileId);
    },
  };
});
