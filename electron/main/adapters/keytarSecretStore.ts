import keytar from '@github/keytar';
import { SecureStorageUnavailableError, type SecretStore } from '../../core/ports';

/**
 * The SecretStore over the OS keychain via @github/keytar (macOS Keychain, Windows Credential
 * Manager, Linux Secret Service). Any keychain failure becomes SecureStorageUnavailableError:
 * there is no plaintext fallback.
 */
export class KeytarSecretStore implements SecretStore {
  constructor(private readonly service: string) {}

  async get(account: string): Promise<string | null> {
    return guard(() => keytar.getPassword(this.service, account));
  }

  async set(account: string, value: string): Promise<void> {
    await guard(() => keytar.setPassword(this.service, account, value));
  }

  async delete(account: string): Promise<boolean> {
    return guard(() => keytar.deletePassword(this.service, account));
  }

  async accounts(): Promise<string[]> {
    const credentials = await guard(() => keytar.findCredentials(this.service));
    return credentials.map((c) => c.account);
  }
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new SecureStorageUnavailableError(error);
  }
}
