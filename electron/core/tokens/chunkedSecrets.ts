import type { SecretStore } from '../ports';

/**
 * Windows Credential Manager holds at most 2,560 bytes per credential, and an access plus a
 * refresh token can pass that. Values longer than CHUNK characters are split across
 * `account#1..n` entries with a header in `account`; nothing is ever truncated.
 */
export const CHUNK = 1000;
const HEADER = /^airvault-chunks:(\d{1,3}):([0-9a-f]{8})$/;

export class ChunkedSecretStore implements SecretStore {
  constructor(private readonly inner: SecretStore) {}

  async get(account: string): Promise<string | null> {
    const head = await this.inner.get(account);
    const match = head ? HEADER.exec(head) : null;
    if (!match) return head;
    const parts: string[] = [];
    for (let i = 1; i <= Number(match[1]); i++) {
      const part = await this.inner.get(`${account}#${i}`);
      if (part === null) return null; // a torn write: treat the whole value as missing
      parts.push(part);
    }
    const value = parts.join('');
    return checksum(value) === match[2] ? value : null;
  }

  async set(account: string, value: string): Promise<void> {
    if (value.length <= CHUNK && !HEADER.test(value)) {
      await this.inner.set(account, value);
      await this.deleteParts(account, 1);
      return;
    }
    const parts = Math.ceil(value.length / CHUNK);
    for (let i = 0; i < parts; i++) await this.inner.set(`${account}#${i + 1}`, value.slice(i * CHUNK, (i + 1) * CHUNK));
    // The header goes last, so a reader never sees a header whose parts are not all written.
    await this.inner.set(account, `airvault-chunks:${parts}:${checksum(value)}`);
    await this.deleteParts(account, parts + 1);
  }

  async delete(account: string): Promise<boolean> {
    const head = await this.inner.get(account);
    const match = head ? HEADER.exec(head) : null;
    const existed = await this.inner.delete(account);
    // Every part the header names, even if an earlier one is already gone, then any stragglers.
    for (let i = 1; i <= Number(match?.[1] ?? 0); i++) await this.inner.delete(`${account}#${i}`);
    await this.deleteParts(account, Number(match?.[1] ?? 0) + 1);
    return existed;
  }

  async accounts(): Promise<string[]> {
    return (await this.inner.accounts()).filter((a) => !/#\d+$/.test(a));
  }

  private async deleteParts(account: string, from: number): Promise<void> {
    for (let i = from; ; i++) if (!(await this.inner.delete(`${account}#${i}`))) return;
  }
}

function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}
