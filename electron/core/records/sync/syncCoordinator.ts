import { isUnreachable, type RequestScheduler, type Priority } from '../../airtable';
import { AppError } from '../../platform/errors';
import type { Clock, Logger } from '../../ports';
import { readSetting, writeSetting } from '../cache/cacheSettings';
import type { Connectivity } from '../connectivity';
import type { OutboxService } from '../outbox/outboxService';
import type { ProfileRecords, RecordsOf } from '../profileRecords';
import { refreshComputed } from './computedRefresh';
import { extraDue, type SyncExtra, type SyncTrigger } from './syncPolicy';
import type { CallPlan } from '../../../../shared/domain/cache';
import type { EventName, EventPayload } from '../../../../shared/ipc/contract';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
type Phase = EventPayload<'syncChanged'>['phase'];

/** Where the time an extra last ran is kept (the id-pass key predates this map). */
const EXTRA_SETTING: Record<SyncExtra, (baseId: string) => string> = { computed: (id) => `computed:${id}`, idPass: (id) => `idpass:${id}`, views: (id) => `views:${id}` };

/**
 * Runs syncs, one per base at a time: full the first time (and whenever the webhook asks for
 * one), incremental after that, with computed values and deletion passes on the schedule the
 * base's plan affords. Progress goes to the UI as `sync:changed`, including how many calls the
 * run used; every call the scheduler sends is counted against the base's monthly budget.
 */
export class SyncCoordinator {
  private readonly running = new Map<string, AbortController>();
  private readonly triggers = new Map<string, SyncTrigger>();

  constructor(
    private readonly deps: {
      recordsOf: RecordsOf;
      isOpen(profileId: string): boolean;
      outbox: OutboxService;
      connectivity: Connectivity;
      /** So a person's plan change lets a quota-stopped base run again at once. */
      scheduler: Pick<RequestScheduler, 'resumeBase'>;
      clock: Clock;
      logger: Logger;
      emit: Emit;
    },
  ) {}

  /**
   * Counts a call sent for a profile's base (the scheduler reports every attempt). Calls of a
   * sync the person started are theirs even though they are sent at background priority; only
   * the automatic schedule spends the background allowance.
   */
  recordCall(profileId: string, baseId: string | undefined, priority: Priority): void {
    if (!baseId || !this.deps.isOpen(profileId)) return;
    const trigger = this.triggers.get(`${profileId}:${baseId}`);
    this.deps.recordsOf(profileId).budget.record(baseId, trigger === 'person' ? 'interactive' : trigger === 'background' ? 'background' : priority);
  }

  syncedBases(profileId: string): string[] {
    return this.deps.recordsOf(profileId).state.syncedBases();
  }

  isSyncing(profileId: string, baseId: string): boolean {
    return this.running.has(`${profileId}:${baseId}`);
  }

  setPlan(profileId: string, baseId: string, plan: CallPlan): void {
    const p = this.deps.recordsOf(profileId);
    if (!p.schema.hasBase(baseId)) throw new AppError('NOT_FOUND', 'That base is not in the offline cache yet: sync it first.');
    p.budget.setPlan(baseId, plan);
    this.deps.scheduler.resumeBase(baseId);
  }

  /** Calls this month for the base; how long background sync should wait before its next run (null: allowance spent). */
  budget(profileId: string, baseId: string) {
    const budget = this.deps.recordsOf(profileId).budget;
    return { used: budget.used(baseId), nextRunIn: (callsPerRun: number) => budget.backgroundInterval(baseId, callsPerRun) };
  }

  /** Starts a sync the person asked for and returns at once (progress arrives as `sync:changed`). */
  start(profileId: string, baseId: string): void {
    this.deps.recordsOf(profileId); // an unknown profile fails here, before anything starts
    void this.sync(profileId, baseId, 'person');
  }

  async sync(profileId: string, baseId: string, trigger: SyncTrigger = 'person'): Promise<void> {
    const key = `${profileId}:${baseId}`;
    if (this.running.has(key)) return;
    const controller = new AbortController();
    this.running.set(key, controller);
    this.triggers.set(key, trigger);
    const p = this.deps.recordsOf(profileId);
    const callsBefore = p.budget.used(baseId);
    const progress = (phase: Phase, extra: Partial<EventPayload<'syncChanged'>> = {}) =>
      this.deps.emit('syncChanged', { profileId, baseId, phase, tablesTotal: 0, tablesDone: 0, records: 0, expectedRecords: null, secondsLeft: null, message: null, trigger, calls: p.budget.used(baseId) - callsBefore, ...extra });
    try {
      let full = p.state.needsFullSync(baseId);
      if (!full) {
        progress('incremental');
        let changedTables: Set<string>;
        if (p.state.webhook(baseId)) {
          const pulled = await p.webhooks.pull(baseId, controller.signal);
          full = pulled.needsFullSync;
          changedTables = pulled.changedTables;
        } else changedTables = await this.windowSync(p, baseId, trigger, controller.signal);
        // Records moved: a view's list may have changed (in or out of its filter, or in its order).
        p.viewMembers.markStale([...changedTables]);
      }
      if (full) {
        // Base names and permission levels come with the base list (metadata: no quota cost).
        p.schema.saveBases(await p.api.meta.listBases({ priority: 'background', signal: controller.signal }));
        await p.baseSync.run(baseId, { signal: controller.signal, onProgress: (x) => progress(x.phase === 'done' ? 'records' : x.phase, { tablesTotal: x.tablesTotal, tablesDone: x.tablesDone, records: x.records, expectedRecords: x.expectedRecords, secondsLeft: x.secondsLeft }) });
        await p.webhooks.ensure(baseId, controller.signal).catch((error: unknown) => this.deps.logger.warn('webhook unavailable: later syncs re-read', { error: error instanceof Error ? error.message : 'unknown' }));
        this.markRan(p, baseId, 'computed'); // a full read has every computed value fresh
        // Every view's list, unless a background run cannot afford it this month (then they stay
        // marked out of date and are read when opened or when the person syncs).
        p.viewMembers.markStale(p.schema.tables(baseId).map((table) => table.id));
        if (trigger === 'person' || p.budget.backgroundLeft(baseId) >= this.viewsCost(p, baseId)) {
          await p.views.run(baseId, { signal: controller.signal });
          this.markRan(p, baseId, 'views');
        }
      } else {
        if (this.extraAffordable(p, baseId, 'computed', trigger)) {
          await refreshComputed({ api: p.api, schema: p.schema, records: p.records, clock: this.deps.clock }, baseId, controller.signal);
          this.markRan(p, baseId, 'computed');
        }
        if (this.extraAffordable(p, baseId, 'views', trigger, this.viewsCost(p, baseId, true))) {
          await p.views.run(baseId, { signal: controller.signal, onlyStale: true });
          this.markRan(p, baseId, 'views');
        }
      }
      p.outbox.reapplyAll();
      this.deps.connectivity.report(profileId, true);
      // Thumbnails for offline browsing: expiring URLs are useless on a plane.
      for (const table of p.schema.tables(baseId)) await p.attachments.cacheThumbnails(table.id, controller.signal);
      p.attachments.prune();
      progress('done');
      await this.deps.outbox.flush(profileId);
    } catch (error) {
      if (controller.signal.aborted) progress('cancelled');
      else {
        if (isUnreachable(error)) this.deps.connectivity.report(profileId, false);
        progress('error', { message: error instanceof Error ? error.message : 'The sync failed.' });
      }
    } finally {
      this.running.delete(key);
      this.triggers.delete(key);
    }
  }

  cancel(profileId: string, baseId: string): void {
    this.running.get(`${profileId}:${baseId}`)?.abort();
  }

  /** Cancels a profile's syncs (it is being deleted). */
  cancelProfile(profileId: string): void {
    for (const [key, controller] of this.running) if (key.startsWith(`${profileId}:`)) controller.abort();
  }

  /** Cancels every sync in progress (quitting). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  /** Modified-time windows, with a deletion pass when the plan and the trigger allow one; the tables that changed. */
  private async windowSync(p: ProfileRecords, baseId: string, trigger: SyncTrigger, signal: AbortSignal): Promise<Set<string>> {
    const findDeletions = this.extraAffordable(p, baseId, 'idPass', trigger);
    const result = await p.windows.run(baseId, { findDeletions, signal });
    if (findDeletions) this.markRan(p, baseId, 'idPass');
    return result.changedTables;
  }

  /**
   * Re-reads one view's list now (the person opened it and records changed since), as the
   * person's own call. Answers whether it is fresh; offline it keeps the list it had.
   */
  async refreshView(profileId: string, viewId: string): Promise<{ fresh: boolean }> {
    const p = this.deps.recordsOf(profileId);
    const table = p.schema.tableOfView(viewId);
    if (!table) throw new AppError('NOT_FOUND', 'That view is not in the offline cache.');
    try {
      await p.views.one(table.baseId, table.id, table.primaryFieldId, viewId, { priority: 'interactive' });
      return { fresh: true };
    } catch (error) {
      if (isUnreachable(error)) {
        this.deps.connectivity.report(profileId, false);
        return { fresh: false };
      }
      throw error;
    }
  }

  /** Due by the plan's schedule and, in the background, within what the month has left. */
  private extraAffordable(p: ProfileRecords, baseId: string, extra: SyncExtra, trigger: SyncTrigger, calls = this.readCost(p, baseId)): boolean {
    const last = Number(readSetting(p.cacheDb, EXTRA_SETTING[extra](baseId)) ?? 0);
    if (!extraDue(extra, p.budget.plan(baseId), trigger, last, this.deps.clock.now())) return false;
    if (trigger === 'person') return true;
    return p.budget.backgroundLeft(baseId) >= calls;
  }

  /** Reading every record of the base once: about one call per 100 records, and one more per table. */
  private readCost(p: ProfileRecords, baseId: string): number {
    return Math.ceil(p.state.recordsInBase(baseId) / 100) + p.schema.tables(baseId).length;
  }

  /** Reading the views' lists (only the out-of-date ones): at most a table's read per view. */
  private viewsCost(p: ProfileRecords, baseId: string, onlyStale = false): number {
    let calls = 0;
    for (const table of p.schema.tables(baseId)) {
      const views = p.schema.views(table.id).filter((view) => !onlyStale || p.viewMembers.state(view.id)?.stale !== false).length;
      calls += views * (Math.ceil(p.state.recordsCounted([table.id]) / 100) + 1);
    }
    return calls;
  }

  private markRan(p: ProfileRecords, baseId: string, extra: SyncExtra): void {
    writeSetting(p.cacheDb, EXTRA_SETTING[extra](baseId), String(this.deps.clock.now()));
  }
}
