/**
 * Client-side mirror of Airtable's "N requests per second" rule: remembers when recent requests
 * were sent and says when the next one may go so that no window of `windowMs` holds more than N.
 * Each entry may carry extra slack: a request sent on a cold connection (the first burst after
 * idling) can reach the server noticeably later than the warm requests after it, so its entry
 * counts as if sent later.
 */
export class SlidingLog {
  /** Effective send times (send time plus slack), unordered. */
  private readonly entries: number[] = [];
  private extraMs = 0;
  constructor(
    readonly limit: number,
    private readonly baseWindowMs: number,
  ) {}

  get windowMs(): number {
    return this.baseWindowMs + this.extraMs;
  }

  /** Widens the window by `stepMs`, up to `maxExtraMs` in all. */
  widen(stepMs: number, maxExtraMs: number): void {
    this.extraMs = Math.min(maxExtraMs, this.extraMs + stepMs);
  }

  /** The earliest monotonic time at which one more request keeps the log within its limit. */
  nextFree(now: number): number {
    this.prune(now);
    if (this.entries.length < this.limit) return now;
    const newestFirst = [...this.entries].sort((a, b) => b - a);
    return Math.max(now, (newestFirst[this.limit - 1] ?? now) + this.windowMs);
  }

  record(now: number, slackMs = 0): void {
    this.prune(now);
    this.entries.push(now + slackMs);
  }

  /** When the last request was sent (its effective time), or -Infinity. */
  get latest(): number {
    return this.entries.length === 0 ? -Infinity : Math.max(...this.entries);
  }

  private prune(now: number): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if ((this.entries[i] ?? now) <= now - this.windowMs) this.entries.splice(i, 1);
  }
}
