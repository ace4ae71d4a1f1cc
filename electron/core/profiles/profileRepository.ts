import type { SqlDatabase } from '../platform/db/sqlite';
import type { ProfileColor } from '../../../shared/domain/profile';

interface Row {
  id: string;
  name: string;
  color: ProfileColor;
  airtable_user_id: string | null;
  airtable_email: string | null;
}

/** Who a profile is: its name and colour here, and the Airtable account it last connected as. */
export interface ProfileRecord {
  id: string;
  name: string;
  color: ProfileColor;
  airtableUser: { id: string; email: string | null } | null;
}

const toRecord = (row: Row): ProfileRecord => ({
  id: row.id,
  name: row.name,
  color: row.color,
  airtableUser: row.airtable_user_id ? { id: row.airtable_user_id, email: row.airtable_email } : null,
});

/** The `profiles` table of the vault database. Every write is one IMMEDIATE transaction. */
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

  /** The Airtable account a connection was made as (whoami). */
  setIdentity(id: string, identity: { id: string; email: string | null }): void {
    this.db.transaction(() => this.db.prepare('UPDATE profiles SET airtable_user_id = ?, airtable_email = ?, updated_at = ? WHERE id = ?').run(identity.id, identity.email, this.now(), id)).immediate();
  }

  remove(id: string): void {
    this.db.transaction(() => this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id)).immediate();
  }
}
