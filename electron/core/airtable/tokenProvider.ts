/**
 * How the client gets a profile's bearer token and where it may be sent. The token manager
 * implements it; the client never reads a token from anywhere else, never stores one, and sends
 * each only to the API its grant was issued for.
 */
export interface TokenProvider {
  /** The API base URL (…/v0) the profile's grant was issued for; its token goes nowhere else. */
  apiUrlOf(profileId: string): string;
  /** A usable access token, refreshed ahead of expiry by the provider. */
  accessToken(profileId: string): Promise<string>;
  /**
   * Called once after Airtable answered 401 to `rejected`. Returns a fresh token to retry with,
   * or throws (for example when the grant was revoked); the client does not ask twice.
   */
  afterUnauthorized(profileId: string, rejected: string): Promise<string>;
}

/** A provider for one fixed token per profile, all for one API (a token being checked before it is stored; tests). */
export function staticTokens(tokens: Record<string, string>, apiUrl: string): TokenProvider {
  const get = (profileId: string) => {
    const token = tokens[profileId];
    if (!token) return Promise.reject(new Error(`No token for profile ${profileId}`));
    return Promise.resolve(token);
  };
  return { apiUrlOf: () => apiUrl, accessToken: get, afterUnauthorized: (profileId) => get(profileId) };
}
