import { create } from 'zustand';
import type { EventPayload } from '../../../shared/ipc/contract';

export type SyncProgress = EventPayload<'syncChanged'>;

interface SyncState {
  progress: Record<string, SyncProgress>;
  online: Record<string, boolean>;
  received: (progress: SyncProgress) => void;
  connectivity: (profileId: string, online: boolean) => void;
}

export const syncKey = (profileId: string, baseId: string) => `${profileId}:${baseId}`;

/** Sync runs and connectivity, as pushed by main. */
export const useSync = create<SyncState>((set, get) => ({
  progress: {},
  online: {},
  received(progress) {
    set({ progress: { ...get().progress, [syncKey(progress.profileId, progress.baseId)]: progress } });
  },
  connectivity(profileId, online) {
    set({ online: { ...get().online, [profileId]: online } });
  },
}));
