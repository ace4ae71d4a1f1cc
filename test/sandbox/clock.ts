/**
 * The sandbox's idea of "now". Tests move it forward to expire tokens, codes and webhooks
 * without waiting; rate limiting uses the real monotonic clock so pacing is measured for real.
 */
export class SandboxClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}
