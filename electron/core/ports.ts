/**
 * The small interfaces core receives instead of importing Electron, a keychain module or a
 * SQLite driver. `electron/main/bootstrap.ts` provides the real ones; tests provide fakes or
 * the real thing under plain Node.
 */

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Monotonic milliseconds, for pacing and timeouts. */
  monotonic(): number;
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

/** Facts about the running app that only the shell knows. */
export interface AppEnvironment {
  name: string;
  version: string;
  platform: NodeJS.Platform;
  dataFolder: string;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
