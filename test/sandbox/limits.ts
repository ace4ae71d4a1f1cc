/**
 * Airtable's rate limits (AIRTABLE-API.md §3): 5 requests per second per base and 50 per
 * token, measured here as a sliding one-second window on the real monotonic clock. Going over
 * answers 429 and locks that base (or token) for 30 seconds; `timeScale` shortens only the
 * lockout, for tests. UNCONFIRMED: whether Airtable also locks a token for 30 s after the
 * per-token limit; the sandbox does, which is the stricter reading.
 */
export interface LimitSettings {
  enabled: boolean;
  perBasePerSecond: number;
  perTokenPerSecond: number;
  lockoutMs: number;
  timeScale: number;
}

export const defaultLimitSettings: LimitSettings = { enabled: true, perBasePerSecond: 5, perTokenPerSecond: 50, lockoutMs: 30_000, timeScale: 1 };

class SlidingWindow {
  private readonly hits: number[] = [];
  lockedUntil = 0;
  /** Admits a request unless the window is full or the key is locked out. */
  admit(now: number, limit: number, windowMs: number, lockoutMs: number): boolean {
    if (now < this.lockedUntil) return false;
    while (this.hits.length > 0 && (this.hits[0] ?? 0) <= now - windowMs) this.hits.shift();
    if (this.hits.length >= limit) {
      // After a 30-second lockout the one-second window is long empty; clearing it here keeps a
      // time-scaled lockout (shorter than the window) from locking again on the first probe.
      this.lockedUntil = now + lockoutMs;
      this.hits.length = 0;
      return false;
    }
    this.hits.push(now);
    return true;
  }
}

export class RateLimiter {
  private readonly bases = new Map<string, SlidingWindow>();
  private readonly tokens = new Map<string, SlidingWindow>();
  settings: LimitSettings = { ...defaultLimitSettings };

  /** Checks the token first, then the base; a request refused by either counts against neither. */
  admit(tokenKey: string, baseId: string | undefined, now = performance.now()): { ok: true } | { ok: false; scope: 'token' | 'base' } {
    if (!this.settings.enabled) return { ok: true };
    const lockout = this.settings.lockoutMs * this.settings.timeScale;
    const token = this.window(this.tokens, tokenKey);
    const base = baseId ? this.window(this.bases, baseId) : undefined;
    if (now < token.lockedUntil) return { ok: false, scope: 'token' };
    if (base && now < base.lockedUntil) return { ok: false, scope: 'base' };
    if (base && !base.admit(now, this.settings.perBasePerSecond, 1000, lockout)) return { ok: false, scope: 'base' };
    if (!token.admit(now, this.settings.perTokenPerSecond, 1000, lockout)) return { ok: false, scope: 'token' };
    return { ok: true };
  }

  lockedBases(now = performance.now()): string[] {
    return [...this.bases].filter(([, w]) => now < w.lockedUntil).map(([id]) => id);
  }

  reset(): void {
    this.bases.clear();
    this.tokens.clear();
  }

  private window(map: Map<string, SlidingWindow>, key: string): SlidingWindow {
    let window = map.get(key);
    if (!window) {
      window = new SlidingWindow();
      map.set(key, window);
    }
    return window;
  }
}

/** The monthly per-workspace call quota of Free and Team plans; undefined means unlimited. */
export class QuotaCounter {
  readonly used = new Map<string, number>();
  readonly limits = new Map<string, number>();
  defaultLimit: number | undefined;

  /** Counts one call; false when the workspace's quota is already used up. */
  spend(workspaceId: string): boolean {
    const limit = this.limits.get(workspaceId) ?? this.defaultLimit;
    const used = this.used.get(workspaceId) ?? 0;
    if (limit !== undefined && used >= limit) return false;
    this.used.set(workspaceId, used + 1);
    return true;
  }
}
