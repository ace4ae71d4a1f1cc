/**
 * How the client gets a profile's bearer token. The vault (OAuth or a personal access token)
 * implements it; the client never reads a token from anywhere else, and never stores one.
 */
export interface TokenProvider {
  /** A usable access token, refreshed ahead of expiry by the provider. */
  accessToken(profileId: string): Promise<string>;
  /**
   * Called once after Airtable answered 401 to `rejected`. Returns a fresh token to retry with,
   * or throws (for example when the grant was revoked); the client does not ask twice.
   */
  afterUnauthorized(profileId: string, rejected: string): Promise<string>;
}

/** A provider for one fixed token per profile (tests, and personal access tokens held in memory). */
export function staticTokens(tokens: Record<string, string>): TokenProvider {
  const get = (profileId: string) => {
    const token = tokens[profileId];
    if (!token) return Promise.reject(new Error(`No token for profile ${profileId}`));
    return Promise.resolve(token);
  };
  return { accessToken: get, afterUnauthorized: (profileId) => get(profileId) };
}
