import { z } from 'zod';

export const AppInfo = z
  .object({
    name: z.string(),
    version: z.string(),
    platform: z.enum(['darwin', 'win32', 'linux', 'other']),
    dataFolder: z.string(),
    /** Whether the OS keychain answers; without it Airvault stores no token at all. */
    secureStorage: z.enum(['available', 'unavailable', 'unknown']),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfo>;
