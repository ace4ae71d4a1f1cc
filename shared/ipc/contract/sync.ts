import { z } from 'zod';
import { CallPlan, Ids, SyncProgressView } from '../../domain/cache';
import { done, profileId } from './common';

export const syncMethods = {
  /** Starts a sync of one base (full the first time, then incremental); progress arrives as sync:changed. */
  syncStart: { channel: 'sync:start', input: z.object({ profileId, baseId: Ids.baseId }).strict(), output: done },
  syncCancel: { channel: 'sync:cancel', input: z.object({ profileId, baseId: Ids.baseId }).strict(), output: done },
  /** Reads one view's records and order now (it was opened and records changed since); offline it keeps the list it had. */
  syncView: { channel: 'sync:view', input: z.object({ profileId, viewId: Ids.viewId }).strict(), output: z.object({ fresh: z.boolean() }).strict() },
  /** The API plan of a base's workspace, which sets how many calls background sync may spend. */
  syncSetPlan: { channel: 'sync:set-plan', input: z.object({ profileId, baseId: Ids.baseId, plan: CallPlan }).strict(), output: done },
} as const;

export const syncEvents = {
  syncChanged: { channel: 'sync:changed', payload: SyncProgressView },
  connectivityChanged: { channel: 'connectivity:changed', payload: z.object({ profileId: z.string(), online: z.boolean() }).strict() },
} as const;
