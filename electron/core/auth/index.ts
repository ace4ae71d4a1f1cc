/** OAuth's moving parts, with no knowledge of tokens at rest: client settings, the token endpoint, the loopback receiver. */
export { AIRTABLE_ENDPOINTS, OAuthSettingsStore, defaultOAuthSettings, redirectUriOf, type OAuthSettings } from './oauthSettings';
export { TokenEndpoint, TokenExchangeError, type TokenGrant } from './tokenEndpoint';
export { LoopbackReceiver, PortInUseError } from './loopbackReceiver';
