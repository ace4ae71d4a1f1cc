/** Tokens at rest and in use: the token manager (the ledger's and the keychain slots' only writer) and its parts. */
export { TokenManager, grantStoppedError, type NewGrant, type TokenManagerOptions } from './tokenManager';
export type { TokenLedgerReader } from './tokenLedger';
export { ChunkedSecretStore } from './chunkedSecrets';
export { Lease } from './lease';
export { TokenVault } from './tokenVault';
