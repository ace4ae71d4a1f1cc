import { describe, expect, it } from 'vitest';
import { vaultMigrations } from '../../electron/core/profiles/vaultMigrations';
import { columns, databaseAt, stepTo, tables } from '../helpers/migrations';

describe('vault migrations, step by step', () => {
  it('001 creates profiles, settings and leases', () => {
    const db = databaseAt(vaultMigrations, 1);
    expect(tables(db)).toEqual(['leases', 'profiles', 'settings']);
    expect(columns(db, 'profiles')).toContain('token_generation');
  });

  it('002 moves token state of connected profiles into the grants ledger and leaves identity with the profile', () => {
    const db = databaseAt(vaultMigrations, 1);
    const insert = db.prepare(
      `INSERT INTO profiles (id, name, color, auth_kind, status, status_reason, airtable_user_id, airtable_email, granted_scopes, token_generation, refresh_intent_generation, access_expires_at, refresh_expires_at, created_at, updated_at)
       VALUES (?, ?, 'blue', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 2)`,
    );
    insert.run('p-oauth', 'Work', 'oauth', 'refreshing', null, 'usr1', 'a@b.c', '["data.records:read"]', 4, 4, 1000, 2000);
    insert.run('p-pat', 'Home', 'pat', 'revoked', 'Revoked on Airtable.', 'usr2', null, null, 1, null, null, null);
    insert.run('p-new', 'Fresh', null, 'pending', null, null, null, null, 0, null, null, null);
    stepTo(db, vaultMigrations, 2);
    expect(db.prepare('SELECT * FROM grants ORDER BY profile_id').all()).toEqual([
      // "refreshing" was never a lasting state: a refresh in flight is shown from memory now.
      { profile_id: 'p-oauth', auth_kind: 'oauth', generation: 4, refresh_intent_generation: 4, access_expires_at: 1000, refresh_expires_at: 2000, scopes: '["data.records:read"]', status: 'active', status_reason: null, updated_at: 2 },
      { profile_id: 'p-pat', auth_kind: 'pat', generation: 1, refresh_intent_generation: null, access_expires_at: null, refresh_expires_at: null, scopes: null, status: 'revoked', status_reason: 'Revoked on Airtable.', updated_at: 2 },
    ]);
    expect(columns(db, 'profiles')).toEqual(['id', 'name', 'color', 'airtable_user_id', 'airtable_email', 'created_at', 'updated_at']);
    expect(db.prepare('SELECT id, airtable_user_id FROM profiles ORDER BY id').all()).toEqual([
      { id: 'p-new', airtable_user_id: null },
      { id: 'p-oauth', airtable_user_id: 'usr1' },
      { id: 'p-pat', airtable_user_id: 'usr2' },
    ]);
  });

  it('002 deletes a profile’s grant with the profile', () => {
    const db = databaseAt(vaultMigrations, 2);
    db.prepare("INSERT INTO profiles (id, name, color, created_at, updated_at) VALUES ('p', 'P', 'blue', 1, 1)").run();
    db.prepare("INSERT INTO grants (profile_id, auth_kind, generation, status, updated_at) VALUES ('p', 'pat', 1, 'active', 1)").run();
    db.prepare("DELETE FROM profiles WHERE id = 'p'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM grants').get()).toEqual({ n: 0 });
  });
});
