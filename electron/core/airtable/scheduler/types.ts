import type { AirtableError } from '../airtableError';

export type Priority = 'interactive' | 'background';

/** One Airtable request as the scheduler sees it: where it goes and how to make one attempt. */
export interface ScheduledRequest<T> {
  profileId: string;
  /** The base whose 5/s limit applies; undefined for base-less calls (whoami, list bases). */
  baseId?: string;
  priority: Priority;
  /** May be sent again after a 5xx or a network error without risk of doing the work twice. */
  idempotent: boolean;
  signal?: AbortSignal;
  /** Overrides the scheduler's default per-attempt timeout. */
  timeoutMs?: number;
  /** A short description for logs, such as "GET records"; never a URL with a token. */
  label: string;
  /** Makes one attempt. Throws AirtableError; `notSent` on it means nothing reached Airtable. */
  attempt(signal: AbortSignal, context: { unauthorizedRetry: boolean }): Promise<T>;
  /** Asked once after a 401, before the single retry (the token provider refreshes here). */
  onUnauthorized?(error: AirtableError): Promise<void>;
}

export interface SchedulerOptions {
  /** Requests per second allowed per base by Airtable (5). */
  perBasePerSecond: number;
  /** Requests per second allowed per token by Airtable (50). */
  perTokenPerSecond: number;
  /** Added to every one-second window to absorb jitter; the price is a little throughput. */
  safetyMarginMs: number;
  /**
   * Extra slack for requests in the first window after a base (or token) was idle: they open
   * new connections and can reach Airtable later than the warm requests that follow them.
   */
  coldStartMarginMs: number;
  /** A base with no request for this long is cold again (its connections may have closed). */
  idleAfterMs: number;
  /** How long a base is paused after a 429 (Airtable: 30 seconds). */
  rateLimitPauseMs: number;
  maxInFlight: number;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryCapMs: number;
}

export const defaultSchedulerOptions: SchedulerOptions = {
  perBasePerSecond: 5,
  perTokenPerSecond: 50,
  safetyMarginMs: 60,
  coldStartMarginMs: 300,
  idleAfterMs: 4000,
  rateLimitPauseMs: 30_000,
  maxInFlight: 64,
  timeoutMs: 30_000,
  maxRetries: 4,
  retryBaseMs: 300,
  retryCapMs: 10_000,
};

export interface SchedulerStats {
  queued: number;
  inFlight: number;
  sent: number;
  rateLimited: number;
  retries: number;
  pausedBases: string[];
  /** Bases stopped because their workspace's monthly quota is spent. */
  quotaStoppedBases: string[];
  /** Calls sent per base since the scheduler started. */
  callsByBase: Record<string, number>;
}
