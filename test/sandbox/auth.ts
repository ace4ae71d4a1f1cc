import { createHash, randomBytes } from 'node:crypto';
import { errors } from './errors';
import { randomId } from './store';
import type { SandboxClock } from './clock';

/** Every scope Airtable documents (AIRTABLE-API.md §2). */
export const ALL_SCOPES = [
  'data.records:read',
  'data.records:write',
  'data.recordComments:read',
  'data.recordComments:write',
  'schema.bases:read',
  'schema.bases:write',
  'webhook:manage',
  'block:manage',
  'user.email:read',
  'workspacesAndBases:read',
  'workspacesAndBases:write',
  'workspacesAndBases.shares:manage',
  'enterprise.groups:read',
  'enterprise.account:read',
  'enterprise.account:write',
  'enterprise.user:read',
  'enterprise.user:write',
  'enterprise.groups:manage',
  'enterprise.auditLogs:read',
  'enterprise.changeEvents:read',
  'enterprise.exports:manage',
  'enterprise.scim.usersAndGroups:manage',
  'workspacesAndBases:manage',
  'hyperDB.records:read',
  'hyperDB.records:write',
] as const;

export interface Principal {
  kind: 'pat' | 'oauth';
  /** A stable key for rate limiting per token (never the token itself in logs). */
  tokenKey: string;
  userId: string;
  scopes: ReadonlySet<string>;
  baseIds: ReadonlySet<string> | 'all';
  clientId?: string;
  grantId?: string;
}

export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  /** Scopes enabled on the integration; requests for others fail with invalid_scope. */
  scopes: string[];
}

export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  baseIds: string[] | 'all';
  revoked: boolean;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  /** Refresh tokens this grant has rotated away from, with when, for the 409 grace window. */
  rotated: Map<string, number>;
  refreshCount: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  userId: string;
  baseIds: string[] | 'all';
  expiresAt: number;
  used: boolean;
}

export interface TokenSettings {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** How long a just-rotated refresh token answers 409 instead of killing the grant. UNCONFIRMED: Airtable calls it "a short grace period". */
  refreshGraceMs: number;
  codeTtlMs: number;
}

export const defaultTokenSettings: TokenSettings = {
  accessTtlSeconds: 3600,
  refreshTtlSeconds: 60 * 24 * 3600,
  refreshGraceMs: 10_000,
  codeTtlMs: 10 * 60_000,
};

const opaque = (prefix: string) => `${prefix}${randomId('').slice(0, 14)}.v1.${randomBytes(48).toString('base64url')}`;

/** Personal access tokens, OAuth clients, codes and grants, and the check of every API call's bearer token. */
export class AuthRegistry {
  readonly pats = new Map<string, { userId: string; scopes: string[]; baseIds: string[] | 'all'; label: string }>();
  readonly clients = new Map<string, OAuthClient>();
  readonly grants = new Map<string, Grant>();
  readonly codes = new Map<string, AuthorizationCode>();
  private readonly byAccess = new Map<string, string>();
  private readonly byRefresh = new Map<string, string>();
  settings: TokenSettings = { ...defaultTokenSettings };
  tokenEndpointCalls = 0;
  /** Refresh tokens presented again after they were rotated: a client bug the tests must never cause. */
  refreshReuses = 0;

  constructor(readonly clock: SandboxClock) {}

  createPat(userId: string, scopes: readonly string[], baseIds: string[] | 'all' = 'all', label = 'sandbox'): string {
    const token = `pat${randomId('').slice(0, 14)}.${randomBytes(32).toString('hex')}`;
    this.pats.set(token, { userId, scopes: [...scopes], baseIds, label });
    return token;
  }

  registerClient(client: OAuthClient): void {
    this.clients.set(client.clientId, client);
  }

  authenticate(header: string | undefined): Principal {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    if (!match?.[1]) throw errors.authenticationRequired();
    const token = match[1];
    const pat = this.pats.get(token);
    if (pat) return { kind: 'pat', tokenKey: `pat:${token.slice(0, 17)}`, userId: pat.userId, scopes: new Set(pat.scopes), baseIds: pat.baseIds === 'all' ? 'all' : new Set(pat.baseIds) };
    const grantId = this.byAccess.get(token);
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (!grant || grant.revoked || grant.accessToken !== token || grant.accessExpiresAt <= this.clock.now()) throw errors.invalidToken();
    return {
      kind: 'oauth',
      tokenKey: `oauth:${grant.id}`,
      userId: grant.userId,
      scopes: new Set(grant.scopes),
      baseIds: grant.baseIds === 'all' ? 'all' : new Set(grant.baseIds),
      clientId: grant.clientId,
      grantId: grant.id,
    };
  }

  issueCode(input: Omit<AuthorizationCode, 'code' | 'expiresAt' | 'used'>): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { ...input, code, expiresAt: this.clock.now() + this.settings.codeTtlMs, used: false });
    return code;
  }

  createGrant(code: AuthorizationCode): Grant {
    const grant: Grant = {
      id: randomId('oag'),
      clientId: code.clientId,
      userId: code.userId,
      scopes: code.scopes,
      baseIds: code.baseIds,
      revoked: false,
      accessToken: '',
      accessExpiresAt: 0,
      refreshToken: '',
      refreshExpiresAt: 0,
      rotated: new Map(),
      refreshCount: 0,
    };
    this.grants.set(grant.id, grant);
    this.rotate(grant);
    return grant;
  }

  /** New access and refresh tokens; both old ones die at once (AIRTABLE-API.md §1). */
  rotate(grant: Grant): void {
    const now = this.clock.now();
    if (grant.refreshToken) {
      grant.rotated.set(grant.refreshToken, now);
      this.byAccess.delete(grant.accessToken);
    }
    grant.accessToken = opaque('oaa');
    grant.refreshToken = opaque('oar');
    grant.accessExpiresAt = now + this.settings.accessTtlSeconds * 1000;
    grant.refreshExpiresAt = now + this.settings.refreshTtlSeconds * 1000;
    this.byAccess.set(grant.accessToken, grant.id);
    this.byRefresh.set(grant.refreshToken, grant.id);
  }

  grantForRefreshToken(token: string): Grant | undefined {
    const id = this.byRefresh.get(token);
    return id ? this.grants.get(id) : undefined;
  }

  grantForAccessToken(token: string): Grant | undefined {
    const id = this.byAccess.get(token);
    return id ? this.grants.get(id) : undefined;
  }

  /** As if the person removed the integration in Airtable: every token of the grant stops working. */
  revoke(grant: Grant): void {
    grant.revoked = true;
  }
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
