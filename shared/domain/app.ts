import { z } from 'zod';

export const AppInfo = z
  .object({
    name: z.string(),
    version: z.string(),
    platform: z.enum(['darwin', 'win32', 'linux', 'other']),
    dataFolder: z.string(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfo>;
