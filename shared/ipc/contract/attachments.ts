import { z } from 'zod';
import { Ids } from '../../domain/cache';
import { done, profileId } from './common';

const attachmentId = z.string().regex(/^att[A-Za-z0-9]{14}$/);

export const attachmentsMethods = {
  attachmentsUsage: {
    channel: 'attachments:usage',
    input: z.object({ profileId }).strict(),
    output: z.object({ capBytes: z.number(), thumbnailBytes: z.number(), fileBytes: z.number(), thumbnails: z.number(), files: z.number() }).strict(),
  },
  /** A cached thumbnail as a data: URL (null when it is not available offline). */
  attachmentsThumbnail: {
    channel: 'attachments:thumbnail',
    input: z.object({ profileId, attachmentId }).strict(),
    output: z.object({ dataUrl: z.string().nullable() }).strict(),
  },
  /**
   * Opens an attachment's full file: downloaded now or taken from the offline copy, then opened
   * with the system viewer, or shown in its folder when it is a kind that would run code.
   */
  attachmentsOpen: {
    channel: 'attachments:open',
    input: z.object({ profileId, recordId: Ids.recordId, fieldId: Ids.fieldId, attachmentId }).strict(),
    output: z.object({ filename: z.string(), shown: z.enum(['viewer', 'folder']) }).strict(),
  },
  attachmentsSetCap: { channel: 'attachments:set-cap', input: z.object({ profileId, bytes: z.number().int().min(0).max(1e12) }).strict(), output: done },
} as const;
