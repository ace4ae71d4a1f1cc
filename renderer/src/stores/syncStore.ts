import { create } from 'zustand';
import type { CallPlan } from '../../../shared/domain/cache';
import type { EventPayload } from '../../../shared/ipc/contract';
import { call } from '../lib/api';
import { useSchema } from './schemaStore';

export type SyncProgress = EventPayload<'syncChanged'>;

interface SyncState {
  progress: Record<string, SyncProgress>;
  online: Record<string, boolean>;
  received: (progress: SyncProgress) => void;
  connectivity: (profileId: string, online: boolean) => void;
  syncRequested: (profileId: string, baseId: string) => Promise<void>;
  syncCancelRequested: (profileId: string, baseId: string) => Promise<void>;
  planChosen: (profileId: string, baseId: string, plan: CallPlan) => Promise<void>;
}

export const syncKey = (profileId: string, baseId: string) => `${profileId}:${baseId}`;

/** Sync runs and connectivity, as pushed by main; starting and stopping a run, whose progress then arrives as sync:changed. */
export const useSync = create<SyncState>()((set, get) => ({
  progress: {},
  online: {},
  received(progress) {
    set({ progress: { ...get().progress, [syncKey(progress.profileId, progress.baseId)]: progress } });
  },
  connectivity(profileId, online) {
    set({ online: { ...get().online, [profileId]: online } });
  },
  async syncRequested(profileId, baseId) {
    await call('syncStart', { profileId, baseId });
  },
  async syncCancelRequested(profileId, baseId) {
    await call('syncCancel', { profileId, baseId });
  },
  async planChosen(profileId, baseId, plan) {
    await call('syncSetPlan', { profileId, baseId, plan });
    // The plan sets the background allowance the base's row shows, which comes with the cached schema.
    await useSchema.getState().load(profileId);
  },
}));
