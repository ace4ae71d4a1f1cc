import { SecureStorageUnavailableError, type SecretStore } from '../../electron/core/ports';

/** An in-memory keychain for tests that are not about the keychain itself. */
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
