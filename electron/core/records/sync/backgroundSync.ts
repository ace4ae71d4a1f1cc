import type { Clock, Logger } from '../../ports';
import type { OutboxService } from '../outbox/outboxService';
import type { SyncCoordinator } from './syncCoordinator';

export interface BackgroundSyncOptions {
  /** How often the loop looks for bases whose turn has come. */
  tickMs: number;
  /** Delay before the first pass after start-up (tokens are refreshed first). */
  firstTickMs: number;
}

const defaults: BackgroundSyncOptions = { tickMs: 60_000, firstTickMs: 10_000 };

/** A base whose background allowance is spent is looked at again this much later (the plan may change). */
const SPENT_RECHECK_MS = 3600_000;

/**
 * Keeps synced bases fresh without the person asking, spending as few calls as the base's plan
 * allows: each base's runs are spaced so that its background allowance lasts the month (every
 * 2 minutes at most on unlimited plans), using the last run's cost as the estimate of the next.
 * At start-up it also resumes syncs a quit or crash interrupted; each pass also retries the
 * outbox of a profile with edits waiting (so they leave soon after the network returns).
 */
export class BackgroundSync {
  private readonly options: BackgroundSyncOptions;
  private readonly nextAt = new Map<string, number>();
  private readonly lastCost = new Map<string, number>();
  private timer: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      sync: SyncCoordinator;
      outbox: OutboxService;
      /** Connected profiles that have a cache on disk (never opens one for a profile that never synced). */
      profilesWithCache(): string[];
      isOpen(profileId: string): boolean;
      clock: Clock;
      logger: Logger;
    },
    options: Partial<BackgroundSyncOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstTickMs);
  }

  /** Stops the loop and waits for the pass in progress (its syncs are cancelled by closing caches). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
  }

  /** One pass over every synced base of every connected profile. */
  async tick(): Promise<void> {
    const { sync, outbox, clock } = this.deps;
    for (const profileId of this.deps.profilesWithCache()) {
      if (this.stopped) return;
      // Edits made offline go out as soon as Airtable answers again.
      if (outbox.hasWaiting(profileId)) await outbox.flush(profileId).catch(() => undefined);
      for (const baseId of sync.syncedBases(profileId)) {
        const key = `${profileId}:${baseId}`;
        if (this.stopped) return;
        if (clock.now() < (this.nextAt.get(key) ?? 0) || sync.isSyncing(profileId, baseId)) continue;
        if (sync.budget(profileId, baseId).nextRunIn(this.lastCost.get(key) ?? 1) === null) {
          this.nextAt.set(key, clock.now() + SPENT_RECHECK_MS);
          continue;
        }
        const before = sync.budget(profileId, baseId).used;
        await sync.sync(profileId, baseId, 'background');
        if (!this.deps.isOpen(profileId)) break; // deleted or closed meanwhile
        const after = sync.budget(profileId, baseId);
        const cost = Math.max(1, after.used - before);
        this.lastCost.set(key, cost);
        this.nextAt.set(key, clock.now() + (after.nextRunIn(cost) ?? SPENT_RECHECK_MS));
      }
    }
  }

  private schedule(ms: number): void {
    this.timer = this.deps.clock.setTimeout(() => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) => this.deps.logger.warn('background sync pass failed', { error: error instanceof Error ? error.message : 'unknown' }))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.options.tickMs);
        });
    }, ms);
  }
}
