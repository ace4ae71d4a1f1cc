import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** OAuth client settings as the UI sees them: the client secret is never returned, only whether one is set. */
export const OAuthSettingsView = z
  .object({
    clientId: z.string(),
    hasClientSecret: z.boolean(),
    redirectMode: z.enum(['loopback', 'custom-protocol']),
    loopbackPort: z.number().int().min(1024).max(65535),
    redirectUri: z.string(),
    scopes: z.array(z.string()),
    authorizeUrl: httpUrl,
    tokenUrl: httpUrl,
    apiUrl: httpUrl,
  })
  .strict();
export type OAuthSettingsView = z.infer<typeof OAuthSettingsView>;

/**
 * What the UI may change. The authorize, token and API endpoints are deliberately absent: the
 * renderer must never be able to choose where a token is sent (security checklist 41).
 */
export const OAuthSettingsInput = z
  .object({
    clientId: z.string().trim().min(1).max(200).optional(),
    /** A string sets the secret (kept in the keychain), null removes it. */
    clientSecret: z.string().min(1).max(500).nullable().optional(),
    redirectMode: z.enum(['loopback', 'custom-protocol']).optional(),
    loopbackPort: z.number().int().min(1024).max(65535).optional(),
    scopes: z.array(z.string().regex(/^[a-zA-Z.]+:[a-zA-Z]+$/)).min(1).max(40).optional(),
  })
  .strict();
export type OAuthSettingsInput = z.infer<typeof OAuthSettingsInput>;
