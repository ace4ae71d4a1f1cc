import type { CallPlan } from '../../../../shared/domain/cache';

export type SyncTrigger = 'person' | 'background';
/** The expensive parts of an incremental sync that run on their own schedule. */
export type SyncExtra = 'computed' | 'idPass' | 'views';

const HOUR = 3600_000;

/**
 * How often the expensive parts of an incremental sync may run. Formula and rollup values change
 * without a modification time, so they are re-read on a schedule; without webhooks, deletions
 * need an id-only pass. Each costs about one call per 100 records, so on a metered workspace
 * background sync leaves them to syncs the person starts.
 */
const EVERY: Record<SyncExtra, Record<SyncTrigger, Record<CallPlan, number>>> = {
  computed: {
    person: { unknown: HOUR, free: HOUR, team: HOUR, unlimited: HOUR },
    background: { unknown: Infinity, free: Infinity, team: 24 * HOUR, unlimited: HOUR },
  },
  // Re-reading views whose records changed: a listing per view, so like the computed pass.
  views: {
    person: { unknown: HOUR, free: HOUR, team: HOUR, unlimited: 10 * 60_000 },
    background: { unknown: Infinity, free: Infinity, team: 24 * HOUR, unlimited: HOUR },
  },
  idPass: {
    person: { unknown: 6 * HOUR, free: 6 * HOUR, team: 6 * HOUR, unlimited: 6 * HOUR },
    background: { unknown: Infinity, free: Infinity, team: 24 * HOUR, unlimited: 6 * HOUR },
  },
};

export function extraDue(extra: SyncExtra, plan: CallPlan, trigger: SyncTrigger, lastAt: number, now: number): boolean {
  return now - lastAt >= EVERY[extra][trigger][plan];
}
