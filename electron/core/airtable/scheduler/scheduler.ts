import { AirtableError } from '../airtableError';
import { systemClock, silentLogger, type Clock, type Logger } from '../../ports';
import { SlidingLog } from './slidingLog';
import { defaultSchedulerOptions, type Priority, type ScheduledRequest, type SchedulerOptions, type SchedulerStats } from './types';

interface Job {
  request: ScheduledRequest<unknown>;
  seq: number;
  rank: number;
  notBefore: number;
  retries: number;
  unauthorizedRetry: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  detachAbort(): void;
}

interface Warmth {
  lastSentAt: number;
  activeSince: number;
}

interface BaseState extends Warmth {
  log: SlidingLog;
  pausedUntil: number;
  /** After a pause, one request probes before the rest follow. */
  needsProbe: boolean;
  probing: boolean;
}

const RANK: Record<Priority, number> = { interactive: 0, background: 1 };
const NO_BASE = '';

/**
 * The one scheduler every Airtable request of the app goes through (UI, sync, admin, agents).
 * It paces each base to 5 requests/s and each token to 50/s (with a safety margin, so Airtable
 * never answers 429), keeps enough requests in flight across bases to reach that ceiling,
 * sends a person's clicks before background work, pauses only the affected base for 30 s after
 * a 429 and then probes once, stops a workspace whose monthly quota is spent, retries idempotent
 * requests after 5xx and network errors with jittered backoff, and enforces timeouts and
 * cancellation on every attempt.
 */
export class RequestScheduler {
  private readonly options: SchedulerOptions;
  private readonly queue: Job[] = [];
  private readonly bases = new Map<string, BaseState>();
  private readonly tokens = new Map<string, SlidingLog & Warmth>();
  /** Bases whose workspace spent its monthly quota, and the UTC month it happened in. */
  private readonly quotaStops = new Map<string, { error: AirtableError; month: string }>();
  private readonly stoppedProfiles = new Map<string, AirtableError>();
  private readonly inFlight = new Map<Job, AbortController>();
  private readonly calls = new Map<string, number>();
  private readonly sentListeners = new Set<(request: ScheduledRequest<unknown>) => void>();
  private seq = 0;
  private timer: { cancel(): void } | undefined;
  private timerAt = Infinity;
  private counters = { sent: 0, rateLimited: 0, retries: 0 };

  constructor(
    options: Partial<SchedulerOptions> = {},
    private readonly clock: Clock = systemClock,
    private readonly logger: Logger = silentLogger,
  ) {
    this.options = { ...defaultSchedulerOptions, ...options };
  }

  run<T>(request: ScheduledRequest<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stopped = this.stoppedProfiles.get(request.profileId) ?? this.quotaStop(this.quotaKey(request));
      if (stopped) return reject(stopped);
      if (request.signal?.aborted) return reject(cancelled());
      const job: Job = {
        request: request,
        seq: this.seq++,
        rank: RANK[request.priority],
        notBefore: 0,
        retries: 0,
        unauthorizedRetry: false,
        resolve: resolve,
        reject,
        detachAbort: () => {},
      };
      if (request.signal) {
        const signal = request.signal;
        const onAbort = () => this.cancel(job);
        signal.addEventListener('abort', onAbort, { once: true });
        job.detachAbort = () => signal.removeEventListener('abort', onAbort);
      }
      this.enqueue(job);
      this.pump();
    });
  }

  /** Called for every attempt that goes out (each one counts against a monthly quota). */
  onSent(listener: (request: ScheduledRequest<unknown>) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  /**
   * Lets a base run again after its workspace's quota was spent: the person changed the plan
   * (an upgrade takes effect at once). A new month clears the stop by itself.
   */
  resumeBase(baseId: string): void {
    this.quotaStops.delete(baseId);
  }

  /**
   * Fails every queued and in-flight request of a profile with `error`, and every later one
   * until `resumeProfile` (revoked access, a profile being deleted).
   */
  stopProfile(profileId: string, error: AirtableError): void {
    this.stoppedProfiles.set(profileId, error);
    for (const job of [...this.queue]) if (job.request.profileId === profileId) this.finish(job, error);
    for (const [job, controller] of this.inFlight) if (job.request.profileId === profileId) controller.abort(error);
  }

  resumeProfile(profileId: string): void {
    this.stoppedProfiles.delete(profileId);
  }

  stats(): SchedulerStats {
    const now = this.clock.monotonic();
    return {
      queued: this.queue.length,
      inFlight: this.inFlight.size,
      ...this.counters,
      pausedBases: [...this.bases].filter(([id, s]) => id !== NO_BASE && (s.pausedUntil > now || s.needsProbe)).map(([id]) => id),
      quotaStoppedBases: [...this.quotaStops.keys()].filter((key) => this.quotaStop(key) !== undefined),
      callsByBase: Object.fromEntries(this.calls),
    };
  }

  /**
   * Quotas are per workspace, but the API does not say which workspace a base is in, so a spent
   * quota stops the base it was seen on (each base of the workspace finds out with one call).
   */
  private quotaKey(request: ScheduledRequest<unknown>): string {
    return request.baseId ?? `profile:${request.profileId}`;
  }

  /** The stop in force for a base, if any; a stop from an earlier month has lapsed (the quota reset). */
  private quotaStop(key: string): AirtableError | undefined {
    const stop = this.quotaStops.get(key);
    if (!stop) return undefined;
    if (stop.month === utcMonth(this.clock.now())) return stop.error;
    this.quotaStops.delete(key);
    return undefined;
  }

  private enqueue(job: Job): void {
    let index = this.queue.length;
    while (index > 0) {
      const before = this.queue[index - 1]!;
      if (before.rank < job.rank || (before.rank === job.rank && before.seq < job.seq)) break;
      index--;
    }
    this.queue.splice(index, 0, job);
  }

  private base(baseId: string | undefined): BaseState {
    const key = baseId ?? NO_BASE;
    let state = this.bases.get(key);
    if (!state) {
      state = { log: new SlidingLog(this.options.perBasePerSecond, 1000 + this.options.safetyMarginMs), pausedUntil: 0, needsProbe: false, probing: false, lastSentAt: -Infinity, activeSince: 0 };
      this.bases.set(key, state);
    }
    return state;
  }

  private token(profileId: string): SlidingLog & Warmth {
    let log = this.tokens.get(profileId);
    if (!log) {
      log = Object.assign(new SlidingLog(this.options.perTokenPerSecond, 1000 + this.options.safetyMarginMs), { lastSentAt: -Infinity, activeSince: 0 });
      this.tokens.set(profileId, log);
    }
    return log;
  }

  /** Slack for a request sent now: requests in the first window after idling travel on cold connections. */
  private slack(warmth: Warmth, now: number): number {
    if (now - warmth.lastSentAt > this.options.idleAfterMs) warmth.activeSince = now;
    warmth.lastSentAt = now;
    return now - warmth.activeSince < 1000 ? this.options.coldStartMarginMs : 0;
  }

  /** When this job may be sent: Infinity while it waits on a probe, `now` when it may go now. */
  private readyAt(job: Job, now: number): number {
    const base = this.base(job.request.baseId);
    // Base-less calls are paced by the token limit only; a 429 on them pauses that "base" too.
    const baseLimited = job.request.baseId !== undefined;
    if (base.needsProbe && base.probing) return Infinity;
    return Math.max(job.notBefore, base.pausedUntil, baseLimited ? base.log.nextFree(now) : now, this.token(job.request.profileId).nextFree(now));
  }

  private pump(): void {
    const now = this.clock.monotonic();
    let earliest = Infinity;
    for (const job of [...this.queue]) {
      if (this.inFlight.size >= this.options.maxInFlight) break;
      const at = this.readyAt(job, now);
      if (at <= now) this.start(job, now);
      else earliest = Math.min(earliest, at);
    }
    this.arm(earliest, now);
  }

  private arm(at: number, now: number): void {
    if (at === Infinity || at >= this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timerAt = Infinity;
      this.timer = undefined;
      this.pump();
    }, Math.max(1, at - now));
  }

  private start(job: Job, now: number): void {
    this.queue.splice(this.queue.indexOf(job), 1);
    const request = job.request;
    const base = this.base(request.baseId);
    const probe = base.needsProbe;
    if (probe) base.probing = true;
    if (request.baseId !== undefined) base.log.record(now, this.slack(base, now));
    const token = this.token(request.profileId);
    token.record(now, this.slack(token, now));
    if (request.baseId) this.calls.set(request.baseId, (this.calls.get(request.baseId) ?? 0) + 1);
    this.counters.sent++;
    for (const listener of this.sentListeners) {
      try {
        listener(request);
      } catch (error) {
        this.logger.warn('call listener failed', { error: error instanceof Error ? error.message : 'unknown' });
      }
    }

    const controller = new AbortController();
    this.inFlight.set(job, controller);
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs);
    const signals = [controller.signal, timeout, ...(request.signal ? [request.signal] : [])];
    const signal = AbortSignal.any(signals);
    request
      .attempt(signal, { unauthorizedRetry: job.unauthorizedRetry })
      .then(
        (value) => {
          if (probe) this.probeDone(base, true);
          this.finish(job, undefined, value);
        },
        (error: unknown) => {
          if (probe) this.probeDone(base, !(error instanceof AirtableError && error.kind === 'rate-limited'));
          this.failed(job, this.classify(error, controller.signal, timeout, request.signal));
        },
      )
      .finally(() => {
        this.inFlight.delete(job);
        this.pump();
      });
  }

  private probeDone(base: BaseState, succeeded: boolean): void {
    base.probing = false;
    if (succeeded) base.needsProbe = false;
  }

  /** Turns whatever the attempt threw into an AirtableError, telling a timeout from a cancel. */
  private classify(error: unknown, own: AbortSignal, timeout: AbortSignal, caller: AbortSignal | undefined): AirtableError {
    if (own.aborted && own.reason instanceof AirtableError) return own.reason;
    if (caller?.aborted) return cancelled();
    if (timeout.aborted) return new AirtableError('timeout', 'Airtable did not answer in time. Check the connection and try again.', 0, 'TIMEOUT');
    if (error instanceof AirtableError) return error;
    return new AirtableError('network', 'Could not reach Airtable. Check the connection and try again.', 0, 'NETWORK_ERROR', { cause: error });
  }

  private failed(job: Job, error: AirtableError): void {
    const request = job.request;
    const now = this.clock.monotonic();
    if (error.kind === 'rate-limited') {
      // Airtable refused the request without doing it, so it is safe to send again later.
      this.counters.rateLimited++;
      const base = this.base(request.baseId);
      base.pausedUntil = now + this.options.rateLimitPauseMs;
      base.needsProbe = true;
      // Our pacing should make this impossible; if it happened (a stalled server or network),
      // keep a wider margin on this base from now on rather than risk another 30-second pause.
      base.log.widen(200, 1000);
      this.logger.warn('rate limited: pausing base', { baseId: request.baseId ?? null, pauseMs: this.options.rateLimitPauseMs });
      this.enqueue(job);
      return;
    }
    if (error.kind === 'quota-exceeded') {
      const key = this.quotaKey(request);
      this.quotaStops.set(key, { error, month: utcMonth(this.clock.now()) });
      this.finish(job, error);
      for (const other of [...this.queue]) if (this.quotaKey(other.request) === key) this.finish(other, error);
      return;
    }
    if (error.kind === 'unauthorized' && !job.unauthorizedRetry && request.onUnauthorized) {
      job.unauthorizedRetry = true;
      request.onUnauthorized(error).then(
        () => {
          this.enqueue(job);
          this.pump();
        },
        (refreshError: unknown) => this.finish(job, refreshError instanceof AirtableError ? refreshError : error),
      );
      return;
    }
    if (error.transient) {
      const mayRepeat = request.idempotent || error.notSent;
      if (mayRepeat && job.retries < this.options.maxRetries) {
        job.retries++;
        this.counters.retries++;
        const backoff = Math.random() * Math.min(this.options.retryCapMs, this.options.retryBaseMs * 2 ** job.retries);
        job.notBefore = now + Math.max(backoff, (error.retryAfterSeconds ?? 0) * 1000);
        this.enqueue(job);
        return;
      }
      if (!mayRepeat) {
        this.finish(job, new AirtableError('outcome-unknown', `The change may or may not have been saved: ${error.message} Check Airtable before trying again.`, error.status, 'OUTCOME_UNKNOWN', { cause: error }));
        return;
      }
    }
    this.finish(job, error);
  }

  private cancel(job: Job): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) this.finish(job, cancelled());
  }

  private finish(job: Job, error: unknown, value?: unknown): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
    job.detachAbort();
    if (error) job.reject(error);
    else job.resolve(value);
  }
}

/** When Airtable resets monthly quotas is UNCONFIRMED; the UTC calendar month is the reading the cache's budget uses too. */
function utcMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function cancelled(): AirtableError {
  return new AirtableError('cancelled', 'The request was cancelled.', 0, 'CANCELLED');
}
