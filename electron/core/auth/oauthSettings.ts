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

/** Airtable's own endpoints (AIRTABLE-API.md §1, §3). */
export const AIRTABLE_ENDPOINTS = {
  authorizeUrl: 'https://airtable.com/oauth2/v1/authorize',
  tokenUrl: 'https://airtable.com/oauth2/v1/token',
  apiUrl: 'https://api.airtable.com/v0',
} as const;

export const defaultOAuthSettings: OAuthSettings = {
  clientId: '',
  redirectMode: 'loopback',
  loopbackPort: DEFAULT_LOOPBACK_PORT,
  scopes: scopesFor(DEFAULT_CAPABILITIES),
  ...AIRTABLE_ENDPOINTS,
};

/**
 * What a person may change (over IPC, from the UI). The endpoints are not among them: they come
 * only from whoever hosts core (Airtable's in the app; the sandbox in tests and previews), so
 * nothing the renderer sends can choose where a token goes.
 */
const PERSON_SETTABLE = ['clientId', 'redirectMode', 'loopbackPort', 'scopes'] as const;
type PersonSettable = Pick<OAuthSettings, (typeof PERSON_SETTABLE)[number]>;

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
    return { ...this.defaults, ...this.stored() };
  }

  /** The person's own choices; anything else in the row (endpoints an older version stored) is ignored. */
  private stored(): Partial<PersonSettable> {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'oauth'").get() as { value: string } | undefined;
    const saved = row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
    return Object.fromEntries(PERSON_SETTABLE.filter((key) => saved[key] !== undefined).map((key) => [key, saved[key]]));
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
    const next: Partial<PersonSettable> = { ...this.stored(), ...Object.fromEntries(PERSON_SETTABLE.filter((key) => rest[key] !== undefined).map((key) => [key, rest[key]])) };
    this.db.transaction(() => this.db.prepare("INSERT INTO settings (key, value) VALUES ('oauth', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(next))).immediate();
    return this.get();
  }

  async view(): Promise<OAuthSettingsView> {
    const settings = this.get();
    return { ...settings, hasClientSecret: (await this.clientSecret()) !== null, redirectUri: redirectUriOf(settings) };
  }
}
