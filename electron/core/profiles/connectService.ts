import { timingSafeEqual } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { AppError } from '../platform/errors';
import type { CoreEvents } from '../platform/events';
import type { BrowserOpener, Clock, Logger } from '../ports';
import type { ProfileRecord, ProfileRepository } from './profileRepository';
import type { NewGrant } from '../tokens';
import { LoopbackReceiver, redirectUriOf, type OAuthSettingsStore, TokenExchangeError, type TokenEndpoint } from '../auth';

/** A personal access token whoami accepted, not stored yet. */
export interface CheckedPat {
  token: string;
  apiUrl: string;
  identity: Identity;
}

/** What a redirect receiver shows the person, and whether the sign-in is over. */
export interface CallbackOutcome {
  ok: boolean;
  ended: boolean;
  message: string;
}

/** Compares a callback's state with the flow's without leaking how much of it matched. */
function sameState(given: string | null, expected: string): boolean {
  if (given === null || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export interface Identity {
  id: string;
  email?: string | undefined;
}

interface PendingFlow {
  profileId: string;
  /** The endpoints this sign-in runs against; the grant is bound to them for life. */
  endpoints: { apiUrl: string; tokenUrl: string; clientId: string };
  /** A client id typed for this sign-in: saved as the default only once it worked. */
  newClientId: string | undefined;
  /** What to undo when this sign-in does not complete (a profile made just for it). */
  onFailure: (() => Promise<void>) | undefined;
  state: string;
  verifier: string;
  redirectUri: string;
  createdAt: number;
  receiver: LoopbackReceiver | undefined;
  resolve(profile: ProfileRecord): void;
  reject(error: Error): void;
}

export interface ConnectDeps {
  profiles: ProfileRepository;
  settings: OAuthSettingsStore;
  endpoint: TokenEndpoint;
  /** Where a completed connection's tokens go: the token manager, their only writer. */
  tokens: { acceptGrant(profileId: string, grant: NewGrant): Promise<void> };
  browser: BrowserOpener;
  /** Asks the API at `apiUrl` who a token belongs to (whoami), through the scheduler. */
  whoami(accessToken: string, apiUrl: string): Promise<Identity>;
  clock: Clock;
  logger: Logger;
  events: CoreEvents;
}

/** Airtable codes live 10 minutes; a flow older than that cannot succeed. */
export const FLOW_TTL_MS = 10 * 60_000;

/**
 * Connecting a profile: OAuth 2.0 with PKCE in the system browser, or a personal access token.
 * One flow at a time (a second connect cancels the first). The loopback receiver and the
 * `airvault://` protocol both end in `complete()`, which checks state and age, exchanges the
 * code, asks whoami, and only then stores anything. A denial or a bad callback stores nothing.
 */
export class ConnectService {
  private pending: PendingFlow | undefined;
  private failure: string | null = null;
  /** Undoing what a failed sign-in made (a profile made for it), still running. */
  private undoing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ConnectDeps) {
    deps.events.on('profileDeleting', ({ profileId }) => {
      if (this.inProgress === profileId) this.cancel('The profile was deleted.');
    });
  }

  get inProgress(): string | undefined {
    return this.pending?.profileId;
  }

  /** Why the last OAuth sign-in did not complete (null once a new one starts or one succeeds). */
  get lastError(): string | null {
    return this.failure;
  }

  async startOAuth(profileId: string, options: { clientId?: string; onFailure?: () => Promise<void> } = {}): Promise<{ authorizeUrl: string; done: Promise<ProfileRecord> }> {
    const profile = this.deps.profiles.get(profileId);
    if (!profile) throw new AppError('NOT_FOUND', 'That profile does not exist.');
    const settings = { ...this.deps.settings.get(), ...(options.clientId ? { clientId: options.clientId } : {}) };
    if (!settings.clientId) throw new AppError('INVALID_INPUT', 'Set the OAuth client id of your Airtable integration first (see the guide in Add profile).');
    this.cancel('Another sign-in was started.');
    this.failure = null;
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const redirectUri = redirectUriOf(settings);
    let resolve!: (profile: ProfileRecord) => void;
    let reject!: (error: Error) => void;
    const done = new Promise<ProfileRecord>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined);
    const flow: PendingFlow = { profileId, endpoints: { apiUrl: settings.apiUrl, tokenUrl: settings.tokenUrl, clientId: settings.clientId }, newClientId: options.clientId, onFailure: options.onFailure, state, verifier, redirectUri, createdAt: this.deps.clock.now(), receiver: undefined, resolve, reject };
    if (settings.redirectMode === 'loopback') {
      const receiver = new LoopbackReceiver(
        (url) => this.complete(url.toString()),
        () => this.fail(flow, new AppError('CANCELLED', 'The sign-in timed out. Start it again when you are ready.')),
      );
      // Bound before the browser opens: a port in use fails here, with nothing opened.
      await receiver.listen(settings.loopbackPort, FLOW_TTL_MS);
      flow.receiver = receiver;
    }
    this.pending = flow;
    const url = new URL(settings.authorizeUrl);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', settings.scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    this.changed(profileId);
    await this.deps.browser.open(url.toString());
    return { authorizeUrl: url.toString(), done };
  }

  /**
   * Where both redirect receivers end. Returns what the browser page should say, and whether
   * the sign-in is over (`ended`). An answer whose state is not this flow's (any page can send
   * one to the loopback port) is refused without a token request and leaves the flow waiting
   * for Airtable's real redirect.
   */
  async complete(callbackUrl: string): Promise<CallbackOutcome> {
    const flow = this.pending;
    if (!flow) {
      this.deps.logger.warn('oauth callback with no sign-in in progress: ignored');
      return { ok: false, ended: false, message: 'No sign-in is in progress.' };
    }
    let url: URL;
    try {
      url = new URL(callbackUrl);
    } catch {
      return { ok: false, ended: false, message: 'That is not a sign-in answer.' };
    }
    if (!sameState(url.searchParams.get('state'), flow.state)) {
      this.deps.logger.warn('oauth callback with a state of no sign-in in progress: ignored');
      return { ok: false, ended: false, message: 'This answer does not belong to the sign-in in progress, so it was ignored.' };
    }
    let params: URLSearchParams;
    try {
      const settings = this.deps.settings.get();
      const as: oauth.AuthorizationServer = { issuer: new URL(settings.authorizeUrl).origin, authorization_endpoint: settings.authorizeUrl, token_endpoint: settings.tokenUrl };
      params = oauth.validateAuthResponse(as, { client_id: settings.clientId }, url, flow.state);
    } catch (error) {
      const denied = error instanceof oauth.AuthorizationResponseError && error.error === 'access_denied';
      const message = denied ? 'Access was not granted on Airtable, so nothing was connected.' : 'The answer from Airtable did not match this sign-in, so it was refused.';
      this.fail(flow, new AppError('CANCELLED', message));
      return { ok: false, ended: true, message };
    }
    if (this.deps.clock.now() - flow.createdAt > FLOW_TTL_MS) {
      const message = 'This sign-in took too long and expired. Start it again.';
      this.fail(flow, new AppError('CANCELLED', message));
      return { ok: false, ended: true, message };
    }
    // From here the flow is used up: a second callback with the same state finds nothing.
    this.pending = undefined;
    flow.receiver?.close();
    try {
      const grant = await this.deps.endpoint.exchangeCode(params, flow.redirectUri, flow.verifier, { tokenUrl: flow.endpoints.tokenUrl, clientId: flow.endpoints.clientId });
      const identity = await this.deps.whoami(grant.accessToken, flow.endpoints.apiUrl);
      const profile = await this.store(flow.profileId, 'oauth', identity, {
        endpoints: flow.endpoints,
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        accessExpiresAt: grant.accessExpiresAt,
        ...(grant.refreshExpiresAt !== null ? { refreshExpiresAt: grant.refreshExpiresAt } : {}),
        scopes: grant.scopes,
      });
      if (flow.newClientId) await this.deps.settings.update({ clientId: flow.newClientId });
      flow.resolve(profile);
      return { ok: true, ended: true, message: `Profile "${profile.name}" is connected to Airtable.` };
    } catch (error) {
      const message = error instanceof TokenExchangeError || error instanceof AppError ? error.message : 'Airtable did not complete the sign-in.';
      this.failure = message;
      this.undoing = flow.onFailure?.().catch(() => undefined) ?? this.undoing;
      await this.undoing;
      flow.reject(new AppError('CANCELLED', message));
      this.changed(flow.profileId);
      return { ok: false, ended: true, message };
    }
  }

  cancel(reason = 'The sign-in was cancelled.'): void {
    if (this.pending) this.fail(this.pending, new AppError('CANCELLED', reason));
  }

  /** Quitting: the sign-in in progress is cancelled, and what it made is undone before the databases close. */
  async stop(): Promise<void> {
    this.cancel('Airvault is quitting.');
    await this.undoing;
  }

  /** Checks a personal access token with whoami, storing nothing: who it belongs to, and the API it works with. */
  async checkPat(token: string): Promise<CheckedPat> {
    const trimmed = token.trim();
    if (!/^[A-Za-z0-9._-]{20,500}$/.test(trimmed)) throw new AppError('INVALID_INPUT', 'That does not look like a personal access token (it starts with "pat" and has no spaces).');
    const { apiUrl } = this.deps.settings.get();
    try {
      return { token: trimmed, apiUrl, identity: await this.deps.whoami(trimmed, apiUrl) };
    } catch (error) {
      throw new AppError('INVALID_INPUT', whoamiFailure(error, apiUrl));
    }
  }

  /** Connects a profile with a personal access token, checked with whoami before it is stored. */
  async connectPat(profileId: string, token: string | CheckedPat): Promise<ProfileRecord> {
    if (!this.deps.profiles.get(profileId)) throw new AppError('NOT_FOUND', 'That profile does not exist.');
    const checked = typeof token === 'string' ? await this.checkPat(token) : token;
    return this.store(profileId, 'pat', checked.identity, { accessToken: checked.token, endpoints: { apiUrl: checked.apiUrl, tokenUrl: null, clientId: null } });
  }

  /** Hands the tokens to the token manager (keychain first, then the ledger), then records who connected. */
  private async store(profileId: string, kind: 'oauth' | 'pat', identity: Identity, tokens: Omit<NewGrant, 'kind'>): Promise<ProfileRecord> {
    if (!this.deps.profiles.get(profileId)) throw new AppError('NOT_FOUND', 'The profile was deleted during sign-in.');
    await this.deps.tokens.acceptGrant(profileId, { kind, ...tokens });
    this.deps.profiles.setIdentity(profileId, { id: identity.id, email: identity.email ?? null });
    this.changed(profileId);
    return this.deps.profiles.get(profileId)!;
  }

  private fail(flow: PendingFlow, error: AppError): void {
    if (this.pending === flow) this.pending = undefined;
    this.failure = error.message;
    flow.receiver?.close();
    flow.reject(error);
    this.undoing = flow.onFailure?.().catch(() => undefined) ?? this.undoing;
    this.changed(flow.profileId);
  }

  private changed(profileId: string): void {
    this.deps.events.tell('profileChanged', { profileId });
  }
}

/**
 * Why a token could not be checked, pointing at what to fix: the token itself, or the address
 * of the API (a wrong --api-url answers with something that is not Airtable, or nothing at all).
 */
function whoamiFailure(error: unknown, apiUrl: string): string {
  const kind = (error as { kind?: unknown }).kind;
  if (kind === 'unauthorized') return 'Airtable did not accept this token. Check that it was copied whole and has not been revoked.';
  if (kind === 'not-found' || kind === 'invalid-response') return `${apiUrl} did not answer like the Airtable API. Check the API address (it ends in /v0).`;
  if (kind === 'network' || kind === 'timeout') return `Could not reach ${apiUrl}. Check the connection and the API address, then try again.`;
  return 'Airtable could not check this token right now. Try again.';
}
