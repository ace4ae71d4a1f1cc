import type { SqlDatabase } from '../platform/db/sqlite';
import type { Clock } from '../ports';

/**
 * A lease row in the vault database, shared by every process of ours (the app, the command
 * line, the agent bridge), so only one of them refreshes a profile's tokens at a time. Taken
 * in an IMMEDIATE transaction; a holder that died loses it when the TTL passes.
 */
export class Lease {
  constructor(
    private readonly db: SqlDatabase,
    private readonly holder: string,
    private readonly clock: Clock,
  ) {}

  tryAcquire(name: string, ttlMs: number): boolean {
    const now = this.clock.now();
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT holder, expires_at FROM leases WHERE name = ?').get(name) as { holder: string; expires_at: number } | undefined;
        if (row && row.holder !== this.holder && row.expires_at > now) return false;
        this.db.prepare('INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at').run(name, this.holder, now + ttlMs);
        return true;
      })
      .immediate();
  }

  /** Waits (polling) until the lease is ours or `waitMs` passes. */
  async acquire(name: string, ttlMs: number, waitMs: number): Promise<boolean> {
    const deadline = this.clock.monotonic() + waitMs;
    for (;;) {
      if (this.tryAcquire(name, ttlMs)) return true;
      if (this.clock.monotonic() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
    }
  }

  release(name: string): void {
    this.db.transaction(() => this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, this.holder)).immediate();
  }
}
