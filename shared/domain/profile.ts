import { z } from 'zod';

export const ProfileStatus = z.enum(['pending', 'active', 'refreshing', 'needs-reauth', 'revoked', 'error']);
export type ProfileStatus = z.infer<typeof ProfileStatus>;

import { PROFILE_COLORS } from './profileColors';

export { PROFILE_COLORS };
export const ProfileColor = z.enum(PROFILE_COLORS);
export type ProfileColor = z.infer<typeof ProfileColor>;

export const ProfileName = z
  .string()
  .trim()
  .min(1, 'A profile needs a name.')
  .max(60, 'Profile names are at most 60 characters.')
  .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'Profile names cannot contain control characters.');

/** A profile as the UI sees it: state only, never a token. */
export const ProfileView = z
  .object({
    id: z.string(),
    name: z.string(),
    color: ProfileColor,
    authKind: z.enum(['oauth', 'pat']).nullable(),
    status: ProfileStatus,
    statusReason: z.string().nullable(),
    airtableUser: z.object({ id: z.string(), email: z.string().nullable() }).strict().nullable(),
    grantedScopes: z.array(z.string()).nullable(),
    accessExpiresAt: z.number().nullable(),
    refreshExpiresAt: z.number().nullable(),
  })
  .strict();
export type ProfileView = z.infer<typeof ProfileView>;
