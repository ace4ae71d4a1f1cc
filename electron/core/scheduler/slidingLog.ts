/**
 * Client-side mirror of Airtable's "N requests per second" rule: remembers when the last N
 * requests were sent and says when the next one may go so that no window of `windowMs` ever
 * holds more than N. The window is widened by a safety margin to absorb timer and network
 * jitter between our clock and the server's.
 */
export class SlidingLog {
  private readonly sent: number[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** The earliest monotonic time at which one more request keeps the log within its limit. */
  nextFree(now: number): number {
    this.prune(now);
    if (this.sent.length < this.limit) return now;
    return (this.sent[this.sent.length - this.limit] ?? now) + this.windowMs;
  }

  record(now: number): void {
    this.sent.push(now);
    this.prune(now);
  }

  private prune(now: number): void {
    while (this.sent.length > this.limit && (this.sent[0] ?? now) <= now - this.windowMs) this.sent.shift();
    while (this.sent.length > 0 && (this.sent[0] ?? now) <= now - this.windowMs) this.sent.shift();
  }
}
