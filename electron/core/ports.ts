/**
 * The small interfaces core receives instead of importing Electron, a keychain module, a SQLite
 * driver or the network. `electron/main/bootstrap.ts`, the command line and the test host
 * provide the real ones; tests provide fakes or the real thing under plain Node.
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

/**
 * The OS keychain: keytar (GitHub's fork) in the app, a real Secret Service in Linux tests.
 * Every method may throw SecureStorageUnavailableError; nothing ever falls back to storing a
 * secret anywhere else.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Every account name stored under our service (used to delete a profile's entries). */
  accounts(): Promise<string[]>;
}

export class SecureStorageUnavailableError extends Error {
  override readonly name = 'SecureStorageUnavailableError';
  constructor(cause?: unknown) {
    super('Secure storage is unavailable: Airvault keeps tokens only in the system keychain, and none is reachable. On Linux, install and unlock a Secret Service such as GNOME Keyring.', { cause });
  }
}

/** Opens URLs in the person's own browser (never in an app window). */
export interface BrowserOpener {
  /** Airtable's sign-in and the pages the app points to; main allows an exact list only. */
  open(url: string): Promise<void>;
  /** A web link a record holds (a button field's URL): http(s) only, checked again by main. */
  openLink(url: string): Promise<void>;
  /**
   * A downloaded attachment in the profile's data folder: opened with the system viewer, or
   * (a kind that would run code) shown in its folder. Main checks both again.
   */
  openFile(file: string, how: 'open' | 'reveal'): Promise<void>;
}

export type Fetch = typeof globalThis.fetch;

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
