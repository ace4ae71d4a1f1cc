import { z } from 'zod';
import type { SecretStore } from '../ports';

/** What one keychain slot holds: one generation of a profile's tokens. */
export const StoredTokens = z.object({
  generation: z.number().int().positive(),
  kind: z.enum(['oauth', 'pat']),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  accessExpiresAt: z.number().optional(),
  refreshExpiresAt: z.number().optional(),
  scopes: z.array(z.string()).optional(),
});
export type StoredTokens = z.infer<typeof StoredTokens>;

const PREFIX = 'profile:';

/**
 * A profile's tokens live in two keychain slots, A and B, one per generation parity. A refresh
 * writes generation g+1 into the spare slot while g stays intact, and only then commits g+1 in
 * the vault database: a crash at any point leaves one complete, readable generation.
 */
export class TokenVault {
  constructor(private readonly secrets: SecretStore) {}

  static slotAccount(profileId: string, generation: number): string {
    return `${PREFIX}${profileId}:slot-${generation % 2 === 0 ? 'a' : 'b'}`;
  }

  async read(profileId: string, generation: number): Promise<StoredTokens | null> {
    if (generation < 1) return null;
    const raw = await this.secrets.get(TokenVault.slotAccount(profileId, generation));
    if (!raw) return null;
    try {
      const parsed = StoredTokens.safeParse(JSON.parse(raw));
      return parsed.success && parsed.data.generation === generation ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async write(profileId: string, tokens: StoredTokens): Promise<void> {
    await this.secrets.set(TokenVault.slotAccount(profileId, tokens.generation), JSON.stringify(tokens));
  }

  /** Removes every keychain entry of one profile, and nothing of any other. */
  async deleteProfile(profileId: string): Promise<void> {
    const mine = `${PREFIX}${profileId}:`;
    for (const account of await this.secrets.accounts()) if (account.startsWith(mine)) await this.secrets.delete(account);
  }
}
