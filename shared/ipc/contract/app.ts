import { z } from 'zod';
import { AppInfo } from '../../domain/app';
import { noInput } from './common';

export const appMethods = {
  appInfo: { channel: 'app:info', input: noInput, output: AppInfo },
} as const;

export const appEvents = {
  appChanged: { channel: 'app:changed', payload: z.object({ dataFolder: z.string() }).strict() },
  /** A deep link (airvault://open/…) asks the window to show a profile, base, table or record. */
  navigationChanged: {
    channel: 'navigation:changed',
    payload: z.object({ profileId: z.string(), baseId: z.string().optional(), tableId: z.string().optional(), recordId: z.string().optional() }).strict(),
  },
  /** The person chose a command in the application menu. */
  menuChanged: { channel: 'menu:changed', payload: z.object({ command: z.enum(['palette', 'find', 'new-record', 'sync', 'profiles']) }).strict() },
} as const;
