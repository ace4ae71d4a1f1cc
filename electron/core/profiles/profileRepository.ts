import type { SqlDatabase } from '../platform/db/sqlite';
import type { ProfileColor, ProfileStatus, ProfileView } from '../../../shared/domain/profile';

interface Row {
  id: string;
  name: string;
  color: ProfileColor;
  auth_kind: 'oauth' | 'pat' | null;
  status: ProfileStatus;
  status_reason: string | null;
  airtable_user_id: string | null;
  airtable_email: string | null;
  granted_scopes: string | null;
  token_generation: number;
  refresh_intent_generation: number | null;
  access_expires_at: number | null;
  refresh_expires_at: number | null;
}

export interface ProfileRecord extends ProfileView {
  tokenGeneration: number;
  /** The generation whose refresh token was sent and not yet answered (a crash left it so). */
  refreshIntentGeneration: number | null;
}

function toRecord(row: Row): ProfileRecord {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    authKind: row.auth_kind,
    status: row.status,
    statusReason: row.status_reason,
    airtableUser: row.airtable_user_id ? { id: row.airtable_user_id, email: row.airtable_email } : null,
    grantedScopes: row.granted_scopes ? (JSON.parse(row.granted_scopes) as string[]) : null,
    accessExpiresAt: row.access_expires_at,
    refreshExpiresAt: row.refresh_expires_at,
    tokenGeneration: row.token_generation,
    refreshIntentGeneration: row.refresh_intent_generation,
  };
}

export interface ConnectionFacts {
  authKind: 'oauth' | 'pat';
  airtableUserId: string;
  airtableEmail: string | null;
  grantedScopes: string[] | null;
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
}

/** Profiles in the vault database. Every write is one IMMEDIATE transaction. */
export class ProfileRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  list(): ProfileRecord[] {
    return (this.db.prepare('SELECT * FROM profiles ORDER BY created_at, name').all() as Row[]).map(toRecord);
  }

  get(id: string): ProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  findByName(name: string): ProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return row && toRecord(row);
  }

  insert(id: string, name: string, color: ProfileColor): void {
    const now = this.now();
    this.db.transaction(() => this.db.prepare('INSERT INTO profiles (id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, color, now, now)).immediate();
  }

  update(id: string, changes: { name?: string; color?: ProfileColor }): void {
    this.db
      .transaction(() => {
        if (changes.name !== undefined) this.db.prepare('UPDATE profiles SET name = ?, updated_at = ? WHERE id = ?').run(changes.name, this.now(), id);
        if (changes.color !== undefined) this.db.prepare('UPDATE profiles SET color = ?, updated_at = ? WHERE id = ?').run(changes.color, this.now(), id);
      })
      .immediate();
  }

  remove(id: string): void {
    this.db.transaction(() => this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id)).immediate();
  }

  setStatus(id: string, status: ProfileStatus, reason: string | null = null): void {
    this.db.transaction(() => this.db.prepare('UPDATE profiles SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(status, reason, this.now(), id)).immediate();
  }

  /** Records a completed connection: who, what was granted, and the first token generation. */
  connected(id: string, facts: ConnectionFacts, generation: number): void {
    this.db
      .transaction(() =>
        this.db
          .prepare(
            `UPDATE profiles SET auth_kind = ?, airtable_user_id = ?, airtable_email = ?, granted_scopes = ?, access_expires_at = ?, refresh_expires_at = ?,
             token_generation = ?, refresh_intent_generation = NULL, status = 'active', status_reason = NULL, updated_at = ? WHERE id = ?`,
          )
          .run(facts.authKind, facts.airtableUserId, facts.airtableEmail, facts.grantedScopes ? JSON.stringify(facts.grantedScopes) : null, facts.accessExpiresAt, facts.refreshExpiresAt, generation, this.now(), id),
      )
      .immediate();
  }

  /** Write-ahead marker: the refresh token of `generation` is about to be sent. */
  markRefreshIntent(id: string, generation: number): void {
    this.db.transaction(() => this.db.prepare('UPDATE profiles SET refresh_intent_generation = ? WHERE id = ? AND token_generation = ?').run(generation, id, generation)).immediate();
  }

  clearRefreshIntent(id: string): void {
    this.db.transaction(() => this.db.prepare('UPDATE profiles SET refresh_intent_generation = NULL WHERE id = ?').run(id)).immediate();
  }

  /**
   * Commits a new generation, but only on top of the one it was derived from: a refresh never
   * overwrites a newer generation written by another process.
   */
  commitGeneration(id: string, from: number, to: number, expiries: { accessExpiresAt: number; refreshExpiresAt: number | null }, scopes: string[] | null): boolean {
    return this.db
      .transaction(() => {
        const result = this.db
          .prepare(
            `UPDATE profiles SET token_generation = ?, refresh_intent_generation = NULL, access_expires_at = ?, refresh_expires_at = COALESCE(?, refresh_expires_at),
             granted_scopes = COALESCE(?, granted_scopes), status = 'active', status_reason = NULL, updated_at = ? WHERE id = ? AND token_generation = ?`,
          )
          .run(to, expiries.accessExpiresAt, expiries.refreshExpiresAt, scopes ? JSON.stringify(scopes) : null, this.now(), id, from);
        return result.changes === 1;
      })
      .immediate();
  }
}
