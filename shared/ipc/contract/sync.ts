import { z } from 'zod';
import { CallPlan, Ids, SyncProgressView } from '../../domain/cache';
import { done, profileId } from './common';

export const syncMethods = {
  /** Starts a sync of one base (full the first time, then incremental); progress arrives as sync:changed. */
  syncStart: { channel: 'sync:start', input: z.object({ profileId, baseId: Ids.baseId }).strict(), output: done },
  syncCancel: { channel: 'sync:cancel', input: z.object({ profileId, baseId: Ids.baseId }).strict(), output: done },
  /** The API plan of a base's workspace, which sets how many calls background sync may spend. */
  syncSetPlan: { channel: 'sync:set-plan', input: z.object({ profileId, baseId: Ids.baseId, plan: CallPlan }).strict(), output: done },
} as const;

export const syncEvents = {
  syncChanged: { channel: 'sync:changed', payload: SyncProgressView },
  connectivityChanged: { channel: 'connectivity:changed', payload: z.object({ profileId: z.string(), online: z.boolean() }).strict() },
} as const;
