import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../electron/core/ports';

/**
 * A keychain stand-in that several test processes can share: one file per account, written
 * atomically (temp file + rename). Only for tests that need two real processes.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  private file(account: string) {
    return path.join(this.dir, encodeURIComponent(account));
  }
  get(account: string) {
    try {
      return Promise.resolve(readFileSync(this.file(account), 'utf8'));
    } catch {
      return Promise.resolve(null);
    }
  }
  set(account: string, value: string) {
    const temp = `${this.file(account)}.${process.pid}.tmp`;
    writeFileSync(temp, value);
    renameSync(temp, this.file(account));
    return Promise.resolve();
  }
  delete(account: string) {
    try {
      rmSync(this.file(account));
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }
  accounts() {
    return Promise.resolve(readdirSync(this.dir).filter((f) => !f.endsWith('.tmp')).map(decodeURIComponent));
  }
}
