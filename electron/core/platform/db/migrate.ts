import type { SqlDatabase } from './sqlite';

export interface Migration {
  version: number;
  name: string;
  up(db: SqlDatabase): void;
}

export class FutureDatabaseError extends Error {
  override readonly name = 'FutureDatabaseError';
}

/**
 * Applies numbered migrations in order, each in its own IMMEDIATE transaction, recording
 * progress in `PRAGMA user_version`. A database written by a newer Airvault is refused rather
 * than guessed at.
 */
export function migrate(db: SqlDatabase, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.length;
  if (current > latest) throw new FutureDatabaseError(`This data was written by a newer version of Airvault (schema ${current}, this version knows ${latest}). Update Airvault to open it.`);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return latest;
}
