import { existsSync } from 'node:fs';
import path from 'node:path';
import { AirtableError } from '../airtable/airtableError';
import type { AirtableClient } from '../airtable/client';
import type { ProfileApi } from '../airtable/profileApi';
import { configure, type OpenDatabase, type SqlDatabase } from '../platform/db/sqlite';
import { migrate } from '../platform/db/migrate';
import { AppError } from '../platform/errors';
import type { Clock, Logger } from '../ports';
import { BaseSync } from '../records/sync/baseSync';
import { WebhookSync } from '../records/sync/webhookSync';
import { WindowSync } from '../records/sync/windowSync';
import { refreshComputed } from '../records/sync/webhookSync';
import { CallBudget } from '../records/sync/callBudget';
import { extraDue, type SyncExtra, type SyncTrigger } from '../records/sync/syncPolicy';
import type { Priority } from '../airtable/scheduler/types';
import { Outbox } from '../records/outbox/outbox';
import { OutboxActions } from '../records/outbox/outboxActions';
import { OutboxReplay } from '../records/outbox/outboxReplay';
import { outboxMigrations } from '../records/outbox/outboxMigrations';
import { openCache } from '../records/cache/cacheDb';
import { AttachmentCache } from '../records/attachments/attachmentCache';
import type { Fetch } from "../ports";
import { CacheStore } from '../records/cache/cacheStore';
import { readSetting, writeSetting } from '../records/cache/cacheSettings';
import { RecordQueries } from '../records/cache/recordQuery';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { createProfileApi } from '../airtable/profileApi';

export interface ProfileCache {
  api: ProfileApi;
  cache: SqlDatabase;
  outboxDb: SqlDatabase;
  store: CacheStore;
  queries: RecordQueries;
  outbox: Outbox;
  actions: OutboxActions;
  replay: OutboxReplay;
  baseSync: BaseSync;
  webhooks: WebhookSync;
  windows: WindowSync;
  attachments: AttachmentCache;
  budget: CallBudget;
}

/** Where the time an extra last ran is kept (the id-pass key predates this map). */
const EXTRA_SETTING: Record<SyncExtra, (baseId: string) => string> = { computed: (id) => `computed:${id}`, idPass: (id) => `idpass:${id}` };

const unreachable = (e: unknown) => e instanceof AirtableError && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'server');

/**
 * Each profile's cache and outbox, opened on first use from the profile's data folder, with
 * the sync runs in progress and the profile's connectivity as seen from real request outcomes.
 */
export class ProfileCaches {
  private readonly open = new Map<string, ProfileCache>();
  private readonly running = new Map<string, AbortController>();
  private readonly triggers = new Map<string, SyncTrigger>();
  private readonly online = new Map<string, boolean>();

  constructor(
    private readonly deps: {
      openDatabase: OpenDatabase;
      client: AirtableClient;
      fetch: Fetch;
      clock: Clock;
      logger: Logger;
      folderOf(profileId: string): string;
      emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
    },
  ) {}

  get(profileId: string): ProfileCache {
    const existing = this.open.get(profileId);
    if (existing) return existing;
    const folder = this.deps.folderOf(profileId);
    const cache = openCache(this.deps.openDatabase, folder, this.deps.logger);
    const outboxDb = this.deps.openDatabase(path.join(folder, 'outbox.sqlite'));
    configure(outboxDb, { durable: true });
    migrate(outboxDb, outboxMigrations);
    const api = createProfileApi(this.deps.client, profileId);
    const store = new CacheStore(cache);
    const now = () => this.deps.clock.now();
    const outbox = new Outbox(outboxDb, cache, now);
    // Edits written before a crash but not yet shown in the cache are shown again.
    outbox.reapplyAll();
    const entry: ProfileCache = {
      api,
      cache,
      outboxDb,
      store,
      queries: new RecordQueries(cache, store),
      outbox,
      actions: new OutboxActions(outbox, cache),
      replay: new OutboxReplay(outbox, cache, api, now),
      baseSync: new BaseSync(api, store, this.deps.clock),
      webhooks: new WebhookSync(api, store, this.deps.clock),
      windows: new WindowSync(api, store, this.deps.clock),
      attachments: new AttachmentCache(cache, folder, this.deps.fetch, api, now),
      budget: new CallBudget(cache, now),
    };
    this.open.set(profileId, entry);
    return entry;
  }

  /**
   * Counts a call sent for a profile's base (the scheduler reports every attempt). Calls of a
   * sync the person started are theirs even though they are sent at background priority; only
   * the automatic schedule spends the background allowance.
   */
  recordCall(profileId: string, baseId: string | undefined, priority: Priority): void {
    if (!baseId) return;
    const trigger = this.triggers.get(`${profileId}:${baseId}`);
    this.open.get(profileId)?.budget.record(baseId, trigger === 'person' ? 'interactive' : trigger === 'background' ? 'background' : priority);
  }

  /** Whether the profile has a cache on disk (without creating one). */
  exists(profileId: string): boolean {
    return this.open.has(profileId) || existsSync(path.join(this.deps.folderOf(profileId), 'cache.sqlite'));
  }

  isOpen(profileId: string): boolean {
    return this.open.has(profileId);
  }

  /** Bases the person has synced (completely or not: an interrupted first sync counts). */
  syncedBases(profileId: string): string[] {
    return (this.get(profileId).cache.prepare('SELECT DISTINCT base_id FROM sync_state ORDER BY base_id').all() as Array<{ base_id: string }>).map((r) => r.base_id);
  }

  isSyncing(profileId: string, baseId: string): boolean {
    return this.running.has(`${profileId}:${baseId}`);
  }

  /**
   * Full sync the first time (and whenever the webhook asks for one), incremental after that.
   * Progress events say how many calls the base used during the run.
   */
  async sync(profileId: string, baseId: string, trigger: SyncTrigger = 'person'): Promise<void> {
    const key = `${profileId}:${baseId}`;
    if (this.running.has(key)) return;
    const controller = new AbortController();
    this.running.set(key, controller);
    this.triggers.set(key, trigger);
    const p = this.get(profileId);
    const callsBefore = p.budget.used(baseId);
    const progress = (phase: EventPayload<'syncChanged'>['phase'], extra: Partial<EventPayload<'syncChanged'>> = {}) =>
      this.deps.emit('syncChanged', { profileId, baseId, phase, tablesTotal: 0, tablesDone: 0, records: 0, secondsLeft: null, message: null, trigger, calls: p.budget.used(baseId) - callsBefore, ...extra });
    try {
      // Full until every table has finished one complete pass (an interrupted first sync resumes).
      const state = p.cache.prepare('SELECT COUNT(*) AS total, COUNT(last_full_sync_at) AS synced FROM sync_state WHERE base_id = ?').get(baseId) as { total: number; synced: number };
      let full = state.total === 0 || state.synced < state.total;
      if (!full) {
        progress('incremental');
        const hasWebhook = p.cache.prepare('SELECT 1 FROM webhooks WHERE base_id = ?').get(baseId) !== undefined;
        if (hasWebhook) full = (await p.webhooks.pull(baseId, controller.signal)).needsFullSync;
        else await this.windowSync(p, baseId, trigger, controller.signal);
      }
      if (full) {
        // Base names and permission levels come with the base list (metadata: no quota cost).
        p.store.saveBases(await p.api.meta.listBases({ priority: 'background', signal: controller.signal }));
        await p.baseSync.run(baseId, { signal: controller.signal, onProgress: (x) => progress(x.phase === 'done' ? 'records' : x.phase, { tablesTotal: x.tablesTotal, tablesDone: x.tablesDone, records: x.records, secondsLeft: x.secondsLeft }) });
        await p.webhooks.ensure(baseId, controller.signal).catch((error: unknown) => this.deps.logger.warn('webhook unavailable: later syncs re-read', { error: error instanceof Error ? error.message : 'unknown' }));
        this.markRan(p, baseId, 'computed'); // a full read has every computed value fresh
      } else if (this.extraAffordable(p, baseId, 'computed', trigger)) {
        await refreshComputed(p.api, p.store, baseId, this.deps.clock, controller.signal);
        this.markRan(p, baseId, 'computed');
      }
      p.outbox.reapplyAll();
      this.setOnline(profileId, true);
      // Thumbnails for offline browsing: expiring URLs are useless on a plane.
      const tables = p.cache.prepare('SELECT id FROM tables WHERE base_id = ?').all(baseId) as Array<{ id: string }>;
      for (const { id } of tables) await p.attachments.cacheThumbnails(id, controller.signal);
      p.attachments.prune();
      progress('done');
      await this.flush(profileId);
    } catch (error) {
      if (controller.signal.aborted) progress('cancelled');
      else {
        if (unreachable(error)) this.setOnline(profileId, false);
        progress('error', { message: error instanceof Error ? error.message : 'The sync failed.' });
      }
    } finally {
      this.running.delete(key);
      this.triggers.delete(key);
    }
  }

  /** Modified-time windows, with a deletion pass when the plan and the trigger allow one. */
  private async windowSync(p: ProfileCache, baseId: string, trigger: SyncTrigger, signal: AbortSignal): Promise<void> {
    const findDeletions = this.extraAffordable(p, baseId, 'idPass', trigger);
    await p.windows.run(baseId, { findDeletions, signal });
    if (findDeletions) this.markRan(p, baseId, 'idPass');
  }

  /** Due by the plan's schedule and, in the background, within what the month has left. */
  private extraAffordable(p: ProfileCache, baseId: string, extra: SyncExtra, trigger: SyncTrigger): boolean {
    const last = Number(readSetting(p.cache, EXTRA_SETTING[extra](baseId)) ?? 0);
    if (!extraDue(extra, p.budget.plan(baseId), trigger, last, this.deps.clock.now())) return false;
    if (trigger === 'person') return true;
    const records = (p.cache.prepare('SELECT IFNULL(SUM(records), 0) AS n FROM sync_state WHERE base_id = ?').get(baseId) as { n: number }).n;
    const tables = (p.cache.prepare('SELECT COUNT(*) AS n FROM tables WHERE base_id = ?').get(baseId) as { n: number }).n;
    return p.budget.backgroundLeft(baseId) >= Math.ceil(records / 100) + tables;
  }

  private markRan(p: ProfileCache, baseId: string, extra: SyncExtra): void {
    writeSetting(p.cache, EXTRA_SETTING[extra](baseId), String(this.deps.clock.now()));
  }

  cancel(profileId: string, baseId: string): void {
    this.running.get(`${profileId}:${baseId}`)?.abort();
  }

  /** Cancels every sync in progress (quitting). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  /** Sends the outbox; a network failure marks the profile offline and keeps the edits. */
  async flush(profileId: string): Promise<void> {
    try {
      const result = await this.get(profileId).replay.run();
      this.setOnline(profileId, !result.offline);
    } finally {
      if (this.open.has(profileId)) this.publishOutbox(profileId);
    }
  }

  /** Tells the UI how many edits wait, were rejected, or conflict. */
  publishOutbox(profileId: string): void {
    const p = this.get(profileId);
    const edits = p.outbox.list();
    this.deps.emit('outboxChanged', {
      profileId,
      pending: edits.filter((e) => e.status === 'pending' || e.status === 'sending').length,
      rejected: edits.filter((e) => e.status === 'rejected').length,
      conflicts: p.actions.conflicts().length,
    });
  }

  /** Closes a profile's databases (before its folder is deleted, or on quit). */
  close(profileId: string): void {
    const entry = this.open.get(profileId);
    if (!entry) return;
    for (const [key, controller] of this.running) if (key.startsWith(`${profileId}:`)) controller.abort();
    entry.cache.close();
    entry.outboxDb.close();
    this.open.delete(profileId);
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  private setOnline(profileId: string, online: boolean): void {
    if (this.online.get(profileId) === online) return;
    this.online.set(profileId, online);
    this.deps.emit('connectivityChanged', { profileId, online });
  }

  requireTable(profileId: string, tableId: string): void {
    if (!this.get(profileId).cache.prepare('SELECT 1 FROM tables WHERE id = ?').get(tableId)) throw new AppError('NOT_FOUND', 'That table is not in the offline cache yet: sync its base first.');
  }
}
