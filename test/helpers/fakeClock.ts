import type { Clock } from '../../electron/core/ports';

/**
 * Real time plus an offset a test can advance. Timers run for real (so short pacing timers
 * still fire), and advancing the offset fires every timer that became due, at once.
 *
 * `startAt` pins the wall clock to a fixed moment (time still passes from there), for tests
 * whose answer depends on the date: a month boundary, a day of the week. Without it the clock
 * starts at the real time, which tests need when the sandbox's own clock judges expiries.
 */
export class FakeClock implements Clock {
  offset = 0;
  readonly timers = new Set<{ dueAt: number; fire: () => void; handle: NodeJS.Timeout; delay: number }>();
  private readonly shift: number;

  constructor(startAt?: number) {
    this.shift = startAt === undefined ? 0 : startAt - Date.now();
  }

  now(): number {
    return Date.now() + this.shift + this.offset;
  }
  monotonic(): number {
    return performance.now();
  }
  setTimeout(callback: () => void, ms: number) {
    const entry = {
      dueAt: this.now() + ms,
      delay: ms,
      fire: () => {
        clearTimeout(entry.handle);
        this.timers.delete(entry);
        callback();
      },
      handle: setTimeout(() => entry.fire(), Math.min(ms, 2 ** 31 - 1)),
    };
    entry.handle.unref?.();
    this.timers.add(entry);
    return {
      cancel: () => {
        clearTimeout(entry.handle);
        this.timers.delete(entry);
      },
    };
  }
  advance(ms: number): void {
    this.offset += ms;
    for (const timer of [...this.timers]) if (timer.dueAt <= this.now()) timer.fire();
  }
  /** Timers longer than a minute: the token manager's refresh timers. */
  longTimers() {
    return [...this.timers].filter((t) => t.delay > 60_000);
  }
}
