/**
 * The slice of a SQLite driver core uses. better-sqlite3 satisfies it structurally; core never
 * imports the driver itself (the composition root and tests hand in a real database).
 */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface SqlDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SqlStatement;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors better-sqlite3's generic signature
  transaction<F extends (...args: any[]) => unknown>(fn: F): { immediate(...args: Parameters<F>): ReturnType<F> };
  close(): unknown;
  readonly open: boolean;
}

export type OpenDatabase = (file: string) => SqlDatabase;

/** A statement that can only read. */
export interface ReadStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/**
 * A database handle for code that only reads (queries, views): it cannot run, exec or open a
 * transaction, so a reader can never become a second writer of a table.
 */
export interface ReadonlyDb {
  prepare(sql: string): ReadStatement;
}

/**
 * The pragmas every database of ours runs with: WAL so readers never block the writer,
 * busy_timeout so two processes wait for each other instead of failing, foreign keys on, and
 * `synchronous=FULL` where a lost write would lose a person's data or a token generation.
 */
export function configure(db: SqlDatabase, options: { durable: boolean }): void {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${options.durable ? 'FULL' : 'NORMAL'}`);
}

/**
 * A consistent copy of a live database. `VACUUM INTO` reads one snapshot (WAL lets other
 * processes keep writing meanwhile) and writes a compact copy; the online backup API would
 * restart from scratch every time another process writes, and may never finish.
 */
export function backupDatabase(db: SqlDatabase, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}
