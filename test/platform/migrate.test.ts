import { describe, expect, it } from 'vitest';
import { FutureDatabaseError, migrate, type Migration } from '../../electron/core/platform/db/migrate';
import { openSqlite } from '../helpers/services';

const steps: Migration[] = [
  { version: 1, name: '001-a', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
  { version: 2, name: '002-b', up: (db) => db.exec('CREATE TABLE b (y INTEGER)') },
];

describe('the migration runner', () => {
  it('applies every step in order and records the version in user_version', () => {
    const db = openSqlite(':memory:');
    expect(migrate(db, steps)).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('applies only the steps a database has not had yet', () => {
    const db = openSqlite(':memory:');
    migrate(db, steps.slice(0, 1));
    db.prepare('INSERT INTO a VALUES (7)').run();
    migrate(db, steps);
    expect(db.prepare('SELECT x FROM a').get()).toEqual({ x: 7 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('refuses a database written by a newer Airvault, and leaves it untouched', () => {
    const db = openSqlite(':memory:');
    migrate(db, steps);
    expect(() => migrate(db, steps.slice(0, 1))).toThrow(FutureDatabaseError);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('refuses a list whose versions do not count up from 1', () => {
    const db = openSqlite(':memory:');
    expect(() => migrate(db, [steps[1]!])).toThrow(/expected 1/);
  });

  it('rolls a failing step back whole, so the next start tries it again', () => {
    const db = openSqlite(':memory:');
    const failing: Migration = {
      version: 2,
      name: '002-broken',
      up: (d) => {
        d.exec('CREATE TABLE half (z INTEGER)');
        throw new Error('disk full');
      },
    };
    expect(() => migrate(db, [steps[0]!, failing])).toThrow('disk full');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });
});
