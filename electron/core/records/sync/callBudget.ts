import type { SqlDatabase } from '../../platform/db/sqlite';
import type { Priority } from '../../airtable';
import type { CallBudgetView, CallPlan } from '../../../../shared/domain/cache';

/**
 * Monthly call quotas per workspace (AIRTABLE-API.md §rate limits: Free 1,000, Team 100,000,
 * Business and Enterprise unlimited; secondary sources). The API tells neither the plan nor the
 * workspace of a base, so the person picks the plan per base and calls are counted per base.
 * Safer reading: an unknown plan is treated as Free, and when several bases share a workspace
 * each still counts only its own calls, so background sync spends at most half of the quota.
 */
const MONTHLY_QUOTA: Record<CallPlan, number> = { unknown: 1000, free: 1000, team: 100_000, unlimited: Infinity };

/** Background sync may spend this share of a monthly quota; the rest is the person's. */
const BACKGROUND_SHARE = 0.5;

/** Never poll a base more often than this, even on an unlimited plan. */
export const MIN_BACKGROUND_INTERVAL_MS = 2 * 60_000;

/**
 * When the quota resets is UNCONFIRMED (calendar month or billing cycle); counting by UTC
 * calendar month can only make the budget look more spent than it is near a boundary if the
 * billing cycle differs, which errs on the side of fewer calls.
 */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function msLeftInMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - ms;
}

/** The one writer of `call_log` and `call_plans`: counts every call sent for a base this month and turns a plan into a background schedule. */
export class CallBudget {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  record(baseId: string, priority: Priority): void {
    this.db
      .transaction(() =>
        this.db
          .prepare('INSERT INTO call_log (month, base_id, priority, calls) VALUES (?, ?, ?, 1) ON CONFLICT(month, base_id, priority) DO UPDATE SET calls = calls + 1')
          .run(monthOf(this.now()), baseId, priority),
      )
      .immediate();
  }

  plan(baseId: string): CallPlan {
    const row = this.db.prepare('SELECT plan FROM call_plans WHERE base_id = ?').get(baseId) as { plan: CallPlan } | undefined;
    return row?.plan ?? 'unknown';
  }

  setPlan(baseId: string, plan: CallPlan): void {
    this.db.transaction(() => this.db.prepare('INSERT INTO call_plans (base_id, plan) VALUES (?, ?) ON CONFLICT(base_id) DO UPDATE SET plan = excluded.plan').run(baseId, plan)).immediate();
  }

  /** All calls this month for the base (both priorities). */
  used(baseId: string): number {
    return this.sum(baseId, null);
  }

  view(baseId: string): CallBudgetView {
    const plan = this.plan(baseId);
    const allowance = this.allowance(plan);
    return {
      plan,
      month: monthOf(this.now()),
      callsThisMonth: this.used(baseId),
      backgroundCalls: this.sum(baseId, 'background'),
      backgroundAllowance: Number.isFinite(allowance) ? allowance : null,
    };
  }

  /** Background calls still allowed this month. */
  backgroundLeft(baseId: string): number {
    const allowance = this.allowance(this.plan(baseId));
    if (!Number.isFinite(allowance)) return Infinity;
    // Whatever the person spent eats into the quota too: never plan past the quota itself.
    const quotaLeft = MONTHLY_QUOTA[this.plan(baseId)] - this.used(baseId);
    return Math.max(0, Math.min(allowance - this.sum(baseId, 'background'), quotaLeft));
  }

  /**
   * How long to wait between background runs that each cost about `callsPerRun`, spreading what
   * is left evenly over the rest of the month; null when this month's allowance is spent.
   */
  backgroundInterval(baseId: string, callsPerRun: number): number | null {
    const left = this.backgroundLeft(baseId);
    if (left === Infinity) return MIN_BACKGROUND_INTERVAL_MS;
    const cost = Math.max(1, callsPerRun);
    if (left < cost) return null;
    return Math.max(MIN_BACKGROUND_INTERVAL_MS, Math.ceil(msLeftInMonth(this.now()) / Math.floor(left / cost)));
  }

  private allowance(plan: CallPlan): number {
    return Math.floor(MONTHLY_QUOTA[plan] * BACKGROUND_SHARE);
  }

  private sum(baseId: string, priority: Priority | null): number {
    const row = this.db
      .prepare('SELECT IFNULL(SUM(calls), 0) AS n FROM call_log WHERE month = ? AND base_id = ? AND (? IS NULL OR priority = ?)')
      .get(monthOf(this.now()), baseId, priority, priority) as { n: number };
    return row.n;
  }
}
