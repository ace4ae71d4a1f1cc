/**
 * The OS keychain behind a port: keytar (GitHub's fork) in the app, a real Secret Service in
 * Linux tests. Every method may throw SecureStorageUnavailableError; nothing ever falls back to
 * storing a secret anywhere else.
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

/** An in-memory store for unit tests of code that is not about the keychain itself. */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  failWrites = false;
  get(account: string) {
    return Promise.resolve(this.values.get(account) ?? null);
  }
  set(account: string, value: string) {
    if (this.failWrites) return Promise.reject(new SecureStorageUnavailableError(new Error('write refused')));
    this.values.set(account, value);
    return Promise.resolve();
  }
  delete(account: string) {
    return Promise.resolve(this.values.delete(account));
  }
  accounts() {
    return Promise.resolve([...this.values.keys()]);
  }
}
