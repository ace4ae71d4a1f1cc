import { z } from 'zod';
import { done, profileId } from './common';

export const attachmentsMethods = {
  attachmentsUsage: {
    channel: 'attachments:usage',
    input: z.object({ profileId }).strict(),
    output: z.object({ capBytes: z.number(), thumbnailBytes: z.number(), fileBytes: z.number(), thumbnails: z.number(), files: z.number() }).strict(),
  },
  /** A cached thumbnail as a data: URL (null when it is not available offline). */
  attachmentsThumbnail: {
    channel: 'attachments:thumbnail',
    input: z.object({ profileId, attachmentId: z.string().regex(/^att[A-Za-z0-9]{14}$/) }).strict(),
    output: z.object({ dataUrl: z.string().nullable() }).strict(),
  },
  attachmentsSetCap: { channel: 'attachments:set-cap', input: z.object({ profileId, bytes: z.number().int().min(0).max(1e12) }).strict(), output: done },
} as const;
