import type { SqlDatabase } from '../platform/db/sqlite';
import type { SecretStore } from '../ports';
import { DEFAULT_CAPABILITIES, scopesFor } from '../airtable';
import type { OAuthSettingsInput, OAuthSettingsView } from '../../../shared/domain/oauthSettings';

export const CUSTOM_PROTOCOL_REDIRECT = 'airvault://oauth/callback';
export const DEFAULT_LOOPBACK_PORT = 53682;
const SECRET_ACCOUNT = 'oauth:client-secret';

export interface OAuthSettings {
  clientId: string;
  redirectMode: 'loopback' | 'custom-protocol';
  loopbackPort: number;
  scopes: string[];
  authorizeUrl: string;
  tokenUrl: string;
  apiUrl: string;
}

export const defaultOAuthSettings: OAuthSettings = {
  clientId: '',
  redirectMode: 'loopback',
  loopbackPort: DEFAULT_LOOPBACK_PORT,
  scopes: scopesFor(DEFAULT_CAPABILITIES),
  authorizeUrl: 'https://airtable.com/oauth2/v1/authorize',
  tokenUrl: 'https://airtable.com/oauth2/v1/token',
  apiUrl: 'https://api.airtable.com/v0',
};

/** The exact redirect URI to register on the Airtable integration (matched byte for byte). */
export function redirectUriOf(settings: OAuthSettings): string {
  return settings.redirectMode === 'loopback' ? `http://127.0.0.1:${settings.loopbackPort}/oauth/callback` : CUSTOM_PROTOCOL_REDIRECT;
}

/** OAuth client settings in the vault database; the optional client secret in the keychain. */
export class OAuthSettingsStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly secrets: SecretStore,
    private readonly defaults: OAuthSettings = defaultOAuthSettings,
  ) {}

  get(): OAuthSettings {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'oauth'").get() as { value: string } | undefined;
    return { ...this.defaults, ...(row ? (JSON.parse(row.value) as Partial<OAuthSettings>) : {}) };
  }

  clientSecret(): Promise<string | null> {
    return this.secrets.get(SECRET_ACCOUNT);
  }

  async update(input: OAuthSettingsInput): Promise<OAuthSettings> {
    const { clientSecret, ...rest } = input;
    if (clientSecret !== undefined) {
      if (clientSecret === null) await this.secrets.delete(SECRET_ACCOUNT);
      else await this.secrets.set(SECRET_ACCOUNT, clientSecret);
    }
    const next = { ...this.get(), ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    this.db.transaction(() => this.db.prepare("INSERT INTO settings (key, value) VALUES ('oauth', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(next))).immediate();
    return next;
  }

  async view(): Promise<OAuthSettingsView> {
    const settings = this.get();
    return { ...settings, hasClientSecret: (await this.clientSecret()) !== null, redirectUri: redirectUriOf(settings) };
  }
}
