import { AirtableError } from '../airtable/airtableError';
import type { TokenProvider } from '../airtable/tokenProvider';
import type { TokenEndpoint, TokenGrant } from '../auth/tokenEndpoint';
import type { ProfileRecord, ProfileRepository } from '../profiles/profileRepository';
import type { Clock, Logger } from '../ports';
import type { Lease } from './lease';
import type { StoredTokens, TokenVault } from './tokenVault';
import type { ProfileStatus } from '../../../shared/domain/profile';

export interface TokenManagerOptions {
  /** Refresh this long before the access token expires. */
  refreshMarginMs: number;
  /** Spread timers by up to this much either way, so processes and profiles do not align. */
  jitterMs: number;
  /** How long one refresh may take; the lease TTL is more than twice this. */
  refreshTimeoutMs: number;
  leaseTtlMs: number;
}

export const defaultTokenManagerOptions: TokenManagerOptions = {
  refreshMarginMs: 5 * 60_000,
  jitterMs: 30_000,
  refreshTimeoutMs: 15_000,
  leaseTtlMs: 40_000,
};

export interface TokenManagerDeps {
  profiles: ProfileRepository;
  vault: TokenVault;
  lease: Lease;
  endpoint: TokenEndpoint;
  clock: Clock;
  logger: Logger;
  /** Status changes go to the UI as events. */
  onStatus: (profileId: string, status: ProfileStatus) => void;
  /** Fails every queued and in-flight request of a profile whose access is gone. */
  stopRequests: (profileId: string, error: AirtableError) => void;
  resumeRequests: (profileId: string) => void;
}

const stopped = (status: 'needs-reauth' | 'revoked', reason: string) =>
  new AirtableError('profile-stopped', `${reason} Reconnect the profile to continue.`, 0, status === 'revoked' ? 'REVOKED' : 'NEEDS_REAUTH');

/**
 * Owns every token's life: hands out access tokens, refreshes them ahead of expiry (timers,
 * start-up, wake), once per profile at a time in this process (single flight) and across our
 * processes (a lease in SQLite, re-checked after acquiring), writes each new pair to the spare
 * keychain slot before committing its generation, and stops a profile for good when Airtable
 * says the grant is gone. It never sends a refresh token twice.
 */
export class TokenManager implements TokenProvider {
  private readonly options: TokenManagerOptions;
  private readonly inflight = new Map<string, Promise<StoredTokens>>();
  private readonly timers = new Map<string, { cancel(): void }>();
  /** Tokens a refresh obtained but could not save to the keychain: usable until restart. */
  private readonly unsaved = new Map<string, StoredTokens>();
  private readonly cache = new Map<string, StoredTokens>();

  constructor(
    private readonly deps: TokenManagerDeps,
    options: Partial<TokenManagerOptions> = {},
  ) {
    this.options = { ...defaultTokenManagerOptions, ...options };
    if (this.options.leaseTtlMs <= 2 * this.options.refreshTimeoutMs) throw new Error('The refresh lease must outlive two refresh timeouts.');
  }

  async accessToken(profileId: string): Promise<string> {
    const profile = this.usable(profileId);
    let tokens = await this.current(profile);
    if (tokens.kind === 'oauth' && (tokens.accessExpiresAt ?? Infinity) - this.deps.clock.now() < this.options.refreshMarginMs) {
      tokens = await this.refresh(profileId, profile.tokenGeneration, false, this.options.refreshMarginMs);
    }
    return tokens.accessToken;
  }

  async afterUnauthorized(profileId: string, rejected: string): Promise<string> {
    const profile = this.usable(profileId);
    this.cache.delete(profileId);
    const tokens = await this.current(profile);
    // Another process may have rotated the tokens: then the newest one is the answer, no refresh.
    if (tokens.accessToken !== rejected) return tokens.accessToken;
    if (tokens.kind === 'pat') {
      this.stop(profileId, 'revoked', 'Airtable no longer accepts this personal access token.');
      throw stopped('revoked', 'Airtable no longer accepts this personal access token.');
    }
    return (await this.refresh(profileId, profile.tokenGeneration, true, 0)).accessToken;
  }

  /** Granted scopes of a profile (null when unknown, as for personal access tokens). */
  grantedScopes(profileId: string): readonly string[] | null {
    return this.deps.profiles.get(profileId)?.grantedScopes ?? null;
  }

  /** Recovers interrupted refreshes and arms timers for every connected OAuth profile (start-up). */
  async start(): Promise<void> {
    for (const profile of this.deps.profiles.list()) {
      if (profile.authKind !== 'oauth' || profile.status === 'needs-reauth' || profile.status === 'revoked') continue;
      await this.checkDue(profile.id).catch((error: unknown) => this.deps.logger.warn('start-up refresh failed', { profileId: profile.id, error: String(error) }));
    }
  }

  /** After the machine wakes or the clock jumps: refresh what is due, re-arm the rest. */
  async onResume(): Promise<void> {
    await this.start();
  }

  /** Stops timers and waits (bounded) for refreshes in flight, so a new generation is committed before quitting. */
  async stopAll(waitMs = 5_000): Promise<void> {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    const pending = [...this.inflight.values()].map((p) => p.catch(() => undefined));
    await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, waitMs))]);
  }

  /** Forgets a profile entirely (deleted): no timer, no cached token. */
  forget(profileId: string): void {
    this.timers.get(profileId)?.cancel();
    this.timers.delete(profileId);
    this.cache.delete(profileId);
    this.unsaved.delete(profileId);
  }

  /** Arms the refresh timer of a profile whose tokens were just stored (a new connection). */
  connected(profileId: string): void {
    this.cache.delete(profileId);
    this.unsaved.delete(profileId);
    this.deps.resumeRequests(profileId);
    this.arm(profileId);
  }

  private usable(profileId: string): ProfileRecord {
    const profile = this.deps.profiles.get(profileId);
    if (!profile) throw new AirtableError('profile-stopped', 'This profile no longer exists.', 0, 'NOT_FOUND');
    if (profile.status === 'revoked') throw stopped('revoked', profile.statusReason ?? 'Access to Airtable was revoked.');
    if (profile.status === 'needs-reauth') throw stopped('needs-reauth', profile.statusReason ?? 'Airtable needs you to sign in again.');
    if (profile.tokenGeneration < 1) throw new AirtableError('profile-stopped', 'This profile is not connected to Airtable yet.', 0, 'NOT_CONNECTED');
    return profile;
  }

  /** The tokens of the committed generation (memory first, then the keychain). */
  private async current(profile: ProfileRecord): Promise<StoredTokens> {
    const unsaved = this.unsaved.get(profile.id);
    if (unsaved && unsaved.generation > profile.tokenGeneration) return unsaved;
    const cached = this.cache.get(profile.id);
    if (cached && cached.generation === profile.tokenGeneration) return cached;
    const tokens = await this.deps.vault.read(profile.id, profile.tokenGeneration);
    if (!tokens) {
      this.stop(profile.id, 'needs-reauth', 'The saved sign-in could not be read from the keychain.');
      throw stopped('needs-reauth', 'The saved sign-in could not be read from the keychain.');
    }
    this.cache.set(profile.id, tokens);
    return tokens;
  }

  /**
   * `windowMs`: without `force`, refresh only if the access token expires within this window
   * (timers use the margin plus the jitter, since a timer may fire up to the jitter early).
   */
  private refresh(profileId: string, seenGeneration: number, force: boolean, windowMs: number): Promise<StoredTokens> {
    const running = this.inflight.get(profileId);
    if (running) return running;
    const task = this.refreshUnderLease(profileId, seenGeneration, force, windowMs).finally(() => this.inflight.delete(profileId));
    this.inflight.set(profileId, task);
    return task;
  }

  private async refreshUnderLease(profileId: string, seenGeneration: number, force: boolean, windowMs: number): Promise<StoredTokens> {
    const { profiles, lease, clock } = this.deps;
    const leaseName = `refresh:${profileId}`;
    this.deps.onStatus(profileId, 'refreshing');
    if (!(await lease.acquire(leaseName, this.options.leaseTtlMs, this.options.leaseTtlMs + 5_000))) {
      throw new AirtableError('timeout', 'Another Airvault process is still refreshing this profile. Try again in a moment.', 0, 'TIMEOUT');
    }
    try {
      const profile = this.usable(profileId);
      // Re-check after acquiring: a peer may have refreshed while we waited.
      if (profile.tokenGeneration !== seenGeneration) return this.settle(profileId, await this.current(profile));
      const recovered = await this.recover(profile);
      if (recovered) return recovered;
      const tokens = await this.current(profile);
      if (!force && (tokens.accessExpiresAt ?? Infinity) - clock.now() >= windowMs) return this.settle(profileId, tokens);
      if (!tokens.refreshToken) throw stopped('needs-reauth', 'There is no refresh token for this profile.');
      profiles.markRefreshIntent(profileId, profile.tokenGeneration);
      const outcome = await this.deps.endpoint.refresh(tokens.refreshToken);
      switch (outcome.kind) {
        case 'ok':
          return this.settle(profileId, await this.save(profile, tokens, outcome.grant));
        case 'conflict': {
          profiles.clearRefreshIntent(profileId);
          await new Promise((resolve) => setTimeout(resolve, 250));
          const latest = this.deps.profiles.get(profileId);
          this.cache.delete(profileId);
          return this.settle(profileId, latest ? await this.current(latest) : tokens);
        }
        case 'invalid-grant':
          this.stop(profileId, 'needs-reauth', `Airtable ended this sign-in (${outcome.description}).`);
          throw stopped('needs-reauth', 'Airtable ended this sign-in.');
        case 'not-sent':
          profiles.clearRefreshIntent(profileId);
          this.settleStatus(profileId);
          throw new AirtableError('network', `${outcome.message} The token will be refreshed when Airtable is reachable.`, 0, 'NETWORK_ERROR', { notSent: true });
        case 'lost':
          // The old refresh token may already be spent; sending it again could end the grant.
          this.stop(profileId, 'needs-reauth', `${outcome.message} The new sign-in was lost.`);
          throw stopped('needs-reauth', `${outcome.message} The new sign-in was lost.`);
      }
    } finally {
      lease.release(leaseName);
    }
  }

  /**
   * After a crash: if the refresh token of the committed generation was sent but never
   * committed, either the spare slot already holds the next generation (commit it, no HTTP), or
   * the new pair was lost and the old refresh token must not be sent again.
   */
  private async recover(profile: ProfileRecord): Promise<StoredTokens | undefined> {
    const next = await this.deps.vault.read(profile.id, profile.tokenGeneration + 1);
    if (next) {
      this.deps.profiles.commitGeneration(profile.id, profile.tokenGeneration, next.generation, { accessExpiresAt: next.accessExpiresAt ?? 0, refreshExpiresAt: next.refreshExpiresAt ?? null }, next.scopes ?? null);
      this.cache.set(profile.id, next);
      return this.settle(profile.id, next);
    }
    if (profile.refreshIntentGeneration === profile.tokenGeneration) {
      this.stop(profile.id, 'needs-reauth', 'A token refresh was interrupted and its answer lost.');
      throw stopped('needs-reauth', 'A token refresh was interrupted and its answer lost.');
    }
    return undefined;
  }

  /** Write-ahead: the spare slot first, then the generation in SQLite, then use it. */
  private async save(profile: ProfileRecord, previous: StoredTokens, grant: TokenGrant): Promise<StoredTokens> {
    const next: StoredTokens = {
      generation: profile.tokenGeneration + 1,
      kind: 'oauth',
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      accessExpiresAt: grant.accessExpiresAt,
      ...(grant.refreshExpiresAt !== null ? { refreshExpiresAt: grant.refreshExpiresAt } : previous.refreshExpiresAt ? { refreshExpiresAt: previous.refreshExpiresAt } : {}),
      scopes: grant.scopes,
    };
    try {
      await this.deps.vault.write(profile.id, next);
    } catch (error) {
      // The new pair lives only in memory now; the committed generation is unchanged.
      this.unsaved.set(profile.id, next);
      this.deps.profiles.setStatus(profile.id, 'error', 'Secure storage refused the refreshed sign-in; it will be lost when Airvault quits.');
      this.deps.onStatus(profile.id, 'error');
      this.deps.logger.error('keychain write failed during refresh', { profileId: profile.id, error: error instanceof Error ? error.name : 'unknown' });
      return next;
    }
    this.deps.profiles.commitGeneration(profile.id, profile.tokenGeneration, next.generation, { accessExpiresAt: grant.accessExpiresAt, refreshExpiresAt: grant.refreshExpiresAt }, grant.scopes);
    this.cache.set(profile.id, next);
    return next;
  }

  private settle(profileId: string, tokens: StoredTokens): StoredTokens {
    this.settleStatus(profileId);
    this.arm(profileId);
    return tokens;
  }

  private settleStatus(profileId: string): void {
    const status = this.deps.profiles.get(profileId)?.status;
    if (status) this.deps.onStatus(profileId, status);
  }

  private stop(profileId: string, status: 'needs-reauth' | 'revoked', reason: string): void {
    this.timers.get(profileId)?.cancel();
    this.timers.delete(profileId);
    this.cache.delete(profileId);
    this.deps.profiles.setStatus(profileId, status, reason);
    this.deps.stopRequests(profileId, stopped(status, reason));
    this.deps.onStatus(profileId, status);
  }

  private async checkDue(profileId: string): Promise<void> {
    const profile = this.deps.profiles.get(profileId);
    if (!profile || profile.authKind !== 'oauth') return;
    const window = this.options.refreshMarginMs + this.options.jitterMs;
    const due = (profile.accessExpiresAt ?? 0) - this.deps.clock.now() < window;
    const interrupted = profile.refreshIntentGeneration === profile.tokenGeneration;
    if (due || interrupted) await this.refresh(profileId, profile.tokenGeneration, false, window);
    else this.arm(profileId);
  }

  /** One timer per profile, at expiry minus the margin, with jitter. */
  private arm(profileId: string): void {
    const profile = this.deps.profiles.get(profileId);
    this.timers.get(profileId)?.cancel();
    this.timers.delete(profileId);
    if (!profile || profile.authKind !== 'oauth' || profile.accessExpiresAt === null || profile.status === 'needs-reauth' || profile.status === 'revoked') return;
    const jitter = (Math.random() * 2 - 1) * this.options.jitterMs;
    const delay = Math.max(1_000, profile.accessExpiresAt - this.options.refreshMarginMs + jitter - this.deps.clock.now());
    this.timers.set(
      profileId,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(profileId);
        void this.checkDue(profileId).catch((error: unknown) => this.deps.logger.warn('timed refresh failed', { profileId, error: error instanceof Error ? error.message : 'unknown' }));
      }, delay),
    );
  }
}
