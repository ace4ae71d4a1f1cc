import { AirtableError, type TokenProvider } from '../airtable';
import { AIRTABLE_ENDPOINTS, type TokenEndpoint, type TokenGrant } from '../auth';
import type { CoreEvents } from '../platform/events';
import type { SqlDatabase } from '../platform/db/sqlite';
import type { Clock, Logger } from '../ports';
import type { Lease } from './lease';
import { TokenLedger, type Grant, type GrantEndpoints, type GrantStatus, type TokenLedgerReader } from './tokenLedger';
import type { StoredTokens, TokenVault } from './tokenVault';

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
  /** The vault database, where the token ledger lives. */
  db: SqlDatabase;
  vault: TokenVault;
  lease: Lease;
  endpoint: TokenEndpoint;
  clock: Clock;
  logger: Logger;
  /** `profileChanged` on every status change; `grantStopped` / `grantResumed` for the scheduler. */
  events: CoreEvents;
  /** The configured client id, for grants recorded before their client id was (they were issued to it). */
  configuredClientId(): string;
}

/** What a completed connection hands to the token manager (connecting never writes tokens itself). */
export interface NewGrant {
  kind: 'oauth' | 'pat';
  accessToken: string;
  refreshToken?: string;
  accessExpiresAt?: number;
  refreshExpiresAt?: number;
  scopes?: string[];
  /** Where it was issued: its token goes only to this API, and is refreshed only there. */
  endpoints: GrantEndpoints;
}

/** The error every request of a profile whose grant is gone fails with. */
export const grantStoppedError = (status: 'needs-reauth' | 'revoked', reason: string) =>
  new AirtableError('profile-stopped', `${reason} Reconnect the profile to continue.`, 0, status === 'revoked' ? 'REVOKED' : 'NEEDS_REAUTH');

/**
 * Owns every token's life, and is the only writer of the token ledger and the keychain slots:
 * stores a new connection's grant, hands out access tokens, refreshes them ahead of expiry
 * (timers, start-up, wake), once per profile at a time in this process (single flight) and
 * across our processes (a lease in SQLite, re-checked after acquiring), writes each new pair to
 * the spare keychain slot before committing its generation, and stops a profile for good when
 * Airtable says the grant is gone. It never sends a refresh token twice.
 */
export class TokenManager implements TokenProvider {
  private readonly ledger: TokenLedger;
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
    this.ledger = new TokenLedger(deps.db, () => deps.clock.now());
    if (this.options.leaseTtlMs <= 2 * this.options.refreshTimeoutMs) throw new Error('The refresh lease must outlive two refresh timeouts.');
  }

  async accessToken(profileId: string): Promise<string> {
    const profile = this.usable(profileId);
    let tokens = await this.current(profile);
    if (tokens.kind === 'oauth' && (tokens.accessExpiresAt ?? Infinity) - this.deps.clock.now() < this.options.refreshMarginMs) {
      tokens = await this.refresh(profileId, profile.generation, false, this.options.refreshMarginMs);
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
      throw grantStoppedError('revoked', 'Airtable no longer accepts this personal access token.');
    }
    return (await this.refresh(profileId, profile.generation, true, 0)).accessToken;
  }

  /** The API the profile's grant was issued for: the only place its token is ever sent. */
  apiUrlOf(profileId: string): string {
    return this.ledger.get(profileId)?.endpoints.apiUrl ?? AIRTABLE_ENDPOINTS.apiUrl;
  }

  /** Granted scopes of a profile (null when unknown, as for personal access tokens). */
  grantedScopes(profileId: string): readonly string[] | null {
    return this.ledger.get(profileId)?.scopes ?? null;
  }

  /** The ledger, read-only, for whoever shows a profile's standing. */
  get grants(): TokenLedgerReader {
    return this.ledger;
  }

  /** True while a refresh of the profile's tokens is under way in this process. */
  isRefreshing(profileId: string): boolean {
    return this.inflight.has(profileId);
  }

  /**
   * Stores a new connection's tokens (a first connection or a reconnect): the next generation
   * goes to its keychain slot first, then into the ledger, and the profile's requests resume.
   * A reconnect continues the generation count, so the profile keeps its data folder and cache.
   */
  async acceptGrant(profileId: string, grant: NewGrant): Promise<void> {
    const generation = (this.ledger.get(profileId)?.generation ?? 0) + 1;
    const { endpoints, ...tokens } = grant;
    await this.deps.vault.write(profileId, { generation, ...tokens });
    this.ledger.connected(profileId, generation, { authKind: grant.kind, accessExpiresAt: grant.accessExpiresAt ?? null, refreshExpiresAt: grant.refreshExpiresAt ?? null, scopes: grant.scopes ?? null, endpoints });
    this.cache.delete(profileId);
    this.unsaved.delete(profileId);
    await this.deps.events.emit('grantResumed', { profileId });
    this.arm(profileId);
    await this.deps.events.emit('profileChanged', { profileId });
  }

  /** Recovers interrupted refreshes and arms timers for every connected OAuth profile (start-up). */
  async start(): Promise<void> {
    for (const grant of this.ledger.list()) {
      if (grant.authKind !== 'oauth' || grant.status === 'needs-reauth' || grant.status === 'revoked') continue;
      await this.checkDue(grant.profileId).catch((error: unknown) => this.deps.logger.warn('start-up refresh failed', { profileId: grant.profileId, error: String(error) }));
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

  /** Forgets a profile entirely (deleted): no timer, no cached token, no ledger row, no keychain entry. */
  async forget(profileId: string): Promise<void> {
    this.timers.get(profileId)?.cancel();
    this.timers.delete(profileId);
    this.cache.delete(profileId);
    this.unsaved.delete(profileId);
    this.ledger.remove(profileId);
    await this.deps.vault.deleteProfile(profileId);
  }

  private usable(profileId: string): Grant {
    const grant = this.ledger.get(profileId);
    if (!grant) throw new AirtableError('profile-stopped', 'This profile is not connected to Airtable yet.', 0, 'NOT_CONNECTED');
    if (grant.status === 'revoked') throw grantStoppedError('revoked', grant.statusReason ?? 'Access to Airtable was revoked.');
    if (grant.status === 'needs-reauth') throw grantStoppedError('needs-reauth', grant.statusReason ?? 'Airtable needs you to sign in again.');
    return grant;
  }

  /**
   * The tokens of the committed generation (memory first, then the keychain). Another process
   * may commit newer generations while we read (g and g+2 share a slot, so the slot of g can hold
   * g+2 by then): a slot that does not hold the generation we asked for sends us back to the
   * ledger, and only a generation that stays unreadable means the sign-in is really gone.
   */
  private async current(grant: Grant): Promise<StoredTokens> {
    let seen = grant;
    for (let attempt = 0; attempt < 5; attempt++) {
      const unsaved = this.unsaved.get(seen.profileId);
      if (unsaved && unsaved.generation > seen.generation) return unsaved;
      const cached = this.cache.get(seen.profileId);
      if (cached && cached.generation === seen.generation) return cached;
      const tokens = await this.deps.vault.read(seen.profileId, seen.generation);
      if (tokens) {
        this.cache.set(seen.profileId, tokens);
        return tokens;
      }
      const latest = this.ledger.get(seen.profileId);
      if (!latest || latest.generation === seen.generation) break;
      seen = latest;
    }
    this.stop(grant.profileId, 'needs-reauth', 'The saved sign-in could not be read from the keychain.');
    throw grantStoppedError('needs-reauth', 'The saved sign-in could not be read from the keychain.');
  }

  /**
   * `windowMs`: without `force`, refresh only if the access token expires within this window
   * (timers use the margin plus the jitter, since a timer may fire up to the jitter early).
   */
  private refresh(profileId: string, seenGeneration: number, force: boolean, windowMs: number): Promise<StoredTokens> {
    const running = this.inflight.get(profileId);
    if (running) return running;
    const task = this.refreshUnderLease(profileId, seenGeneration, force, windowMs).finally(() => {
      this.inflight.delete(profileId);
      this.changed(profileId);
    });
    this.inflight.set(profileId, task);
    this.changed(profileId); // shown as "refreshing" while it runs
    return task;
  }

  private async refreshUnderLease(profileId: string, seenGeneration: number, force: boolean, windowMs: number): Promise<StoredTokens> {
    const { lease, clock } = this.deps;
    const leaseName = `refresh:${profileId}`;
    if (!(await lease.acquire(leaseName, this.options.leaseTtlMs, this.options.leaseTtlMs + 5_000))) {
      throw new AirtableError('timeout', 'Another Airvault process is still refreshing this profile. Try again in a moment.', 0, 'TIMEOUT');
    }
    try {
      const profile = this.usable(profileId);
      // Re-check after acquiring: a peer may have refreshed while we waited.
      if (profile.generation !== seenGeneration) return this.settle(profileId, await this.current(profile));
      const recovered = await this.recover(profile);
      if (recovered) return recovered;
      const tokens = await this.current(profile);
      if (!force && (tokens.accessExpiresAt ?? Infinity) - clock.now() >= windowMs) return this.settle(profileId, tokens);
      if (!tokens.refreshToken) throw grantStoppedError('needs-reauth', 'There is no refresh token for this profile.');
      this.ledger.markRefreshIntent(profileId, profile.generation);
      const outcome = await this.deps.endpoint.refresh(tokens.refreshToken, {
        tokenUrl: profile.endpoints.tokenUrl ?? AIRTABLE_ENDPOINTS.tokenUrl,
        clientId: profile.endpoints.clientId ?? this.deps.configuredClientId(),
      });
      switch (outcome.kind) {
        case 'ok':
          return this.settle(profileId, await this.save(profile, tokens, outcome.grant));
        case 'conflict': {
          this.ledger.clearRefreshIntent(profileId);
          await new Promise((resolve) => setTimeout(resolve, 250));
          const latest = this.ledger.get(profileId);
          this.cache.delete(profileId);
          return this.settle(profileId, latest ? await this.current(latest) : tokens);
        }
        case 'invalid-grant':
          this.stop(profileId, 'needs-reauth', `Airtable ended this sign-in (${outcome.description}).`);
          throw grantStoppedError('needs-reauth', 'Airtable ended this sign-in.');
        case 'failed-locally':
          // Nothing reached Airtable, so the grant is intact: say what broke, keep the tokens,
          // and let the next attempt (after the cause is fixed) refresh as usual.
          this.ledger.clearRefreshIntent(profileId);
          this.ledger.setStatus(profileId, 'error', outcome.message);
          this.changed(profileId);
          throw new AirtableError('invalid-input', `Airvault could not refresh this profile's sign-in: ${outcome.message}`, 0, 'REFRESH_NOT_SENT', { notSent: true });
        case 'not-sent':
          this.ledger.clearRefreshIntent(profileId);
          throw new AirtableError('network', `${outcome.message} The token will be refreshed when Airtable is reachable.`, 0, 'NETWORK_ERROR', { notSent: true });
        case 'lost':
          // The old refresh token may already be spent; sending it again could end the grant.
          this.stop(profileId, 'needs-reauth', `${outcome.message} The new sign-in was lost.`);
          throw grantStoppedError('needs-reauth', `${outcome.message} The new sign-in was lost.`);
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
  private async recover(profile: Grant): Promise<StoredTokens | undefined> {
    const next = await this.deps.vault.read(profile.profileId, profile.generation + 1);
    if (next) {
      this.ledger.commitGeneration(profile.profileId, profile.generation, next.generation, { accessExpiresAt: next.accessExpiresAt ?? 0, refreshExpiresAt: next.refreshExpiresAt ?? null }, next.scopes ?? null);
      this.cache.set(profile.profileId, next);
      return this.settle(profile.profileId, next);
    }
    if (profile.refreshIntentGeneration === profile.generation) {
      this.stop(profile.profileId, 'needs-reauth', 'A token refresh was interrupted and its answer lost.');
      throw grantStoppedError('needs-reauth', 'A token refresh was interrupted and its answer lost.');
    }
    return undefined;
  }

  /** Write-ahead: the spare slot first, then the generation in SQLite, then use it. */
  private async save(profile: Grant, previous: StoredTokens, grant: TokenGrant): Promise<StoredTokens> {
    const next: StoredTokens = {
      generation: profile.generation + 1,
      kind: 'oauth',
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      accessExpiresAt: grant.accessExpiresAt,
      ...(grant.refreshExpiresAt !== null ? { refreshExpiresAt: grant.refreshExpiresAt } : previous.refreshExpiresAt ? { refreshExpiresAt: previous.refreshExpiresAt } : {}),
      scopes: grant.scopes,
    };
    try {
      await this.deps.vault.write(profile.profileId, next);
    } catch (error) {
      // The new pair lives only in memory now; the committed generation is unchanged.
      this.unsaved.set(profile.profileId, next);
      this.ledger.setStatus(profile.profileId, 'error', 'Secure storage refused the refreshed sign-in; it will be lost when Airvault quits.');
      this.changed(profile.profileId);
      this.deps.logger.error('keychain write failed during refresh', { profileId: profile.profileId, error: error instanceof Error ? error.name : 'unknown' });
      return next;
    }
    this.ledger.commitGeneration(profile.profileId, profile.generation, next.generation, { accessExpiresAt: grant.accessExpiresAt, refreshExpiresAt: grant.refreshExpiresAt }, grant.scopes);
    this.cache.set(profile.profileId, next);
    return next;
  }

  private settle(profileId: string, tokens: StoredTokens): StoredTokens {
    this.arm(profileId);
    return tokens;
  }

  private changed(profileId: string): void {
    this.deps.events.tell('profileChanged', { profileId });
  }

  private stop(profileId: string, status: Extract<GrantStatus, 'needs-reauth' | 'revoked'>, reason: string): void {
    this.timers.get(profileId)?.cancel();
    this.timers.delete(profileId);
    this.cache.delete(profileId);
    this.ledger.setStatus(profileId, status, reason);
    // Listeners run at once: queued and in-flight requests of the profile fail now.
    this.deps.events.tell('grantStopped', { profileId, status, reason });
    this.changed(profileId);
  }

  private async checkDue(profileId: string): Promise<void> {
    const profile = this.ledger.get(profileId);
    if (!profile || profile.authKind !== 'oauth') return;
    const window = this.options.refreshMarginMs + this.options.jitterMs;
    const due = (profile.accessExpiresAt ?? 0) - this.deps.clock.now() < window;
    const interrupted = profile.refreshIntentGeneration === profile.generation;
    if (due || interrupted) await this.refresh(profileId, profile.generation, false, window);
    else this.arm(profileId);
  }

  /** One timer per profile, at expiry minus the margin, with jitter. */
  private arm(profileId: string): void {
    const profile = this.ledger.get(profileId);
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
