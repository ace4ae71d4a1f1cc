import type { SqlDatabase } from '../platform/db/sqlite';

/** A connected profile's standing with Airtable, as the token manager keeps it. */
export type GrantStatus = 'active' | 'needs-reauth' | 'revoked' | 'error';

/** What is known about a profile's tokens, without the tokens themselves (those are in the keychain). */
export interface Grant {
  profileId: string;
  authKind: 'oauth' | 'pat';
  /** The committed keychain generation; the tokens of this generation are the ones in use. */
  generation: number;
  /** The generation whose refresh token was sent and not yet answered (a crash left it so). */
  refreshIntentGeneration: number | null;
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  /** Granted scopes (null when unknown, as for personal access tokens). */
  scopes: string[] | null;
  status: GrantStatus;
  statusReason: string | null;
  /** Where the grant was issued (null: Airtable's own endpoints). */
  endpoints: GrantEndpoints;
}

/** The API a grant's token may be sent to, and (OAuth) where and as which client it is refreshed. */
export interface GrantEndpoints {
  apiUrl: string | null;
  tokenUrl: string | null;
  clientId: string | null;
}

/** Reading the ledger; the token manager is the only code that holds the writer. */
export interface TokenLedgerReader {
  get(profileId: string): Grant | undefined;
}

interface Row {
  profile_id: string;
  auth_kind: 'oauth' | 'pat';
  generation: number;
  refresh_intent_generation: number | null;
  access_expires_at: number | null;
  refresh_expires_at: number | null;
  scopes: string | null;
  status: GrantStatus;
  status_reason: string | null;
  api_url: string | null;
  token_url: string | null;
  client_id: string | null;
}

const toGrant = (r: Row): Grant => ({
  profileId: r.profile_id,
  authKind: r.auth_kind,
  generation: r.generation,
  refreshIntentGeneration: r.refresh_intent_generation,
  accessExpiresAt: r.access_expires_at,
  refreshExpiresAt: r.refresh_expires_at,
  scopes: r.scopes ? (JSON.parse(r.scopes) as string[]) : null,
  status: r.status,
  statusReason: r.status_reason,
  endpoints: { apiUrl: r.api_url, tokenUrl: r.token_url, clientId: r.client_id },
});

export interface GrantFacts {
  authKind: 'oauth' | 'pat';
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  scopes: string[] | null;
  endpoints: GrantEndpoints;
}

/**
 * The `grants` table of the vault database: one row per connected profile with its token
 * generation, refresh intent, expiries, scopes and status. Every write is one IMMEDIATE
 * transaction, and a generation is only ever committed on top of the one it came from, so two
 * processes refreshing the same profile can never overwrite each other's newer generation.
 */
export class TokenLedger implements TokenLedgerReader {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  get(profileId: string): Grant | undefined {
    const row = this.db.prepare('SELECT * FROM grants WHERE profile_id = ?').get(profileId) as Row | undefined;
    return row && toGrant(row);
  }

  list(): Grant[] {
    return (this.db.prepare('SELECT * FROM grants ORDER BY profile_id').all() as Row[]).map(toGrant);
  }

  /** A new connection (first or reconnect): its generation, facts and an active status. */
  connected(profileId: string, generation: number, facts: GrantFacts): void {
    this.db
      .transaction(() =>
        this.db
          .prepare(
            `INSERT INTO grants (profile_id, auth_kind, generation, refresh_intent_generation, access_expires_at, refresh_expires_at, scopes, status, status_reason, updated_at, api_url, token_url, client_id)
             VALUES (?, ?, ?, NULL, ?, ?, ?, 'active', NULL, ?, ?, ?, ?)
             ON CONFLICT(profile_id) DO UPDATE SET auth_kind = excluded.auth_kind, generation = excluded.generation, refresh_intent_generation = NULL,
               access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at, scopes = excluded.scopes,
               status = 'active', status_reason = NULL, updated_at = excluded.updated_at,
               api_url = excluded.api_url, token_url = excluded.token_url, client_id = excluded.client_id`,
          )
          .run(
            profileId,
            facts.authKind,
            generation,
            facts.accessExpiresAt,
            facts.refreshExpiresAt,
            facts.scopes ? JSON.stringify(facts.scopes) : null,
            this.now(),
            facts.endpoints.apiUrl,
            facts.endpoints.tokenUrl,
            facts.endpoints.clientId,
          ),
      )
      .immediate();
  }

  /** Write-ahead marker: the refresh token of `generation` is about to be sent. */
  markRefreshIntent(profileId: string, generation: number): void {
    this.db.transaction(() => this.db.prepare('UPDATE grants SET refresh_intent_generation = ?, updated_at = ? WHERE profile_id = ? AND generation = ?').run(generation, this.now(), profileId, generation)).immediate();
  }

  clearRefreshIntent(profileId: string): void {
    this.db.transaction(() => this.db.prepare('UPDATE grants SET refresh_intent_generation = NULL, updated_at = ? WHERE profile_id = ?').run(this.now(), profileId)).immediate();
  }

  /** Commits a refreshed generation, but only on top of the one it was derived from. */
  commitGeneration(profileId: string, from: number, to: number, expiries: { accessExpiresAt: number; refreshExpiresAt: number | null }, scopes: string[] | null): boolean {
    return this.db
      .transaction(() => {
        const result = this.db
          .prepare(
            `UPDATE grants SET generation = ?, refresh_intent_generation = NULL, access_expires_at = ?, refresh_expires_at = COALESCE(?, refresh_expires_at),
             scopes = COALESCE(?, scopes), status = 'active', status_reason = NULL, updated_at = ? WHERE profile_id = ? AND generation = ?`,
          )
          .run(to, expiries.accessExpiresAt, expiries.refreshExpiresAt, scopes ? JSON.stringify(scopes) : null, this.now(), profileId, from);
        return result.changes === 1;
      })
      .immediate();
  }

  setStatus(profileId: string, status: GrantStatus, reason: string | null = null): void {
    this.db.transaction(() => this.db.prepare('UPDATE grants SET status = ?, status_reason = ?, updated_at = ? WHERE profile_id = ?').run(status, reason, this.now(), profileId)).immediate();
  }

  remove(profileId: string): void {
    this.db.transaction(() => this.db.prepare('DELETE FROM grants WHERE profile_id = ?').run(profileId)).immediate();
  }
}
