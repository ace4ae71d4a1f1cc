import * as oauth from 'oauth4webapi';
import type { Fetch } from '../ports';
import { NOT_SENT_CODES, networkErrorCode } from '../airtable';
import type { OAuthSettings } from './oauthSettings';

/** A token endpoint answer reduced to what the vault needs. Tokens stay in main. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number | null;
  scopes: string[];
}

export type RefreshOutcome =
  | { kind: 'ok'; grant: TokenGrant }
  /** 409: another refresh of this token just happened; re-read the store. */
  | { kind: 'conflict' }
  /** invalid_grant: the grant is gone (revoked, reused or expired refresh token). */
  | { kind: 'invalid-grant'; description: string }
  /** The request never left this machine (no network); the old refresh token is still good. */
  | { kind: 'not-sent'; message: string }
  /** Something here failed before a request was made (a missing client id, a library error); nothing was sent. */
  | { kind: 'failed-locally'; message: string }
  /** Sent, but no usable answer came back: Airtable may have rotated the tokens. */
  | { kind: 'lost'; message: string };

/** Where a grant is refreshed: the token endpoint and client id it was issued by. */
export interface RefreshTarget {
  tokenUrl: string;
  clientId: string;
}

export class TokenExchangeError extends Error {
  override readonly name = 'TokenExchangeError';
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}


/**
 * The OAuth protocol mechanics, done by oauth4webapi: PKCE code exchange and refresh, with
 * HTTP Basic only for a confidential client (Airtable forbids it for public ones, which send
 * client_id in the body instead). Airvault's code owns everything around it.
 */
export class TokenEndpoint {
  constructor(
    private readonly settings: () => OAuthSettings,
    private readonly clientSecret: () => Promise<string | null>,
    private readonly fetch: Fetch,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 15_000,
  ) {}

  /**
   * The pieces oauth4webapi needs for one request to `target`. `sent` turns true once the
   * request is handed to fetch: an error before that means nothing left this machine.
   */
  private async parts(target: RefreshTarget) {
    // Checked here, before anything is sent: an empty client id would reach Airtable as a
    // request it refuses, and a refused refresh could not be told from a burnt grant.
    if (!target.clientId.trim()) throw new Error('no OAuth client id is set for this sign-in');
    if (!/^https?:$/.test(new URL(target.tokenUrl).protocol)) throw new Error('the token endpoint is not an http(s) URL');
    const settings = this.settings();
    // The secret belongs to the configured client; a grant of another client is refreshed as a public one.
    const secret = target.clientId === settings.clientId ? await this.clientSecret() : null;
    const as: oauth.AuthorizationServer = { issuer: new URL(target.tokenUrl).origin, token_endpoint: target.tokenUrl };
    const client: oauth.Client = { client_id: target.clientId };
    const auth = secret ? oauth.ClientSecretBasic(secret) : oauth.None();
    const state = { sent: false };
    const options = {
      [oauth.allowInsecureRequests]: new URL(target.tokenUrl).protocol === 'http:' && isLoopback(target.tokenUrl),
      [oauth.customFetch]: (url: string, init: RequestInit) => {
        state.sent = true;
        return this.fetch(url, init);
      },
      signal: AbortSignal.timeout(this.timeoutMs),
    };
    return { as, client, auth, options, state };
  }

  /** Exchanges the code from a checked callback (its state already verified) for tokens. */
  async exchangeCode(callback: URLSearchParams, redirectUri: string, verifier: string, target: RefreshTarget): Promise<TokenGrant> {
    const { as, client, auth, options } = await this.parts(target);
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, callback, redirectUri, verifier, options);
    try {
      return this.toGrant(await oauth.processAuthorizationCodeResponse(as, client, response));
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) throw new TokenExchangeError(error.error, `Airtable refused the sign-in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`);
      throw error;
    }
  }

  /** Refreshes at the token endpoint the grant was issued by, as the client it was issued to. */
  async refresh(refreshToken: string, target: RefreshTarget): Promise<RefreshOutcome> {
    let parts: Awaited<ReturnType<TokenEndpoint['parts']>>;
    try {
      parts = await this.parts(target);
    } catch (error) {
      return { kind: 'failed-locally', message: `The refresh could not be prepared (${error instanceof Error ? error.message : 'unknown error'}).` };
    }
    const { as, client, auth, options, state } = parts;
    let response: Response;
    try {
      response = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, options);
    } catch (error) {
      if (!state.sent) return { kind: 'failed-locally', message: `The refresh could not be sent (${error instanceof Error ? error.message : 'unknown error'}).` };
      const code = networkErrorCode(error);
      if (code && NOT_SENT_CODES.has(code)) return { kind: 'not-sent', message: `Could not reach Airtable (${code}).` };
      return { kind: 'lost', message: 'The connection to Airtable broke during a token refresh.' };
    }
    if (response.status === 409) return { kind: 'conflict' };
    try {
      return { kind: 'ok', grant: this.toGrant(await oauth.processRefreshTokenResponse(as, client, response)) };
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') return { kind: 'invalid-grant', description: error.error_description ?? 'The authorization is no longer valid.' };
      return { kind: 'lost', message: `Airtable answered the token refresh with an error (HTTP ${response.status}).` };
    }
  }

  private toGrant(response: oauth.TokenEndpointResponse): TokenGrant {
    if (!response.refresh_token) throw new TokenExchangeError('invalid_response', 'Airtable did not return a refresh token.');
    const refreshExpiresIn = typeof response.refresh_expires_in === 'number' ? response.refresh_expires_in : null;
    return {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      accessExpiresAt: this.now() + (response.expires_in ?? 3600) * 1000,
      refreshExpiresAt: refreshExpiresIn === null ? null : this.now() + refreshExpiresIn * 1000,
      scopes: (response.scope ?? '').split(' ').filter(Boolean),
    };
  }
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
