import { answer, doneAfter, type Handlers } from '../../platform/ipc/handlers';
import type { AttachmentsService } from './attachmentsService';

export function createAttachmentsHandlers(attachments: AttachmentsService): Pick<Handlers, 'attachmentsUsage' | 'attachmentsThumbnail' | 'attachmentsSetCap' | 'attachmentsOpen'> {
  return {
    attachmentsUsage: ({ profileId }) => answer(() => attachments.usage(profileId)),
    attachmentsThumbnail: ({ profileId, attachmentId }) => answer(() => attachments.thumbnail(profileId, attachmentId)),
    attachmentsSetCap: ({ profileId, bytes }) => doneAfter(() => attachments.setCap(profileId, bytes)),
    attachmentsOpen: ({ profileId, recordId, fieldId, attachmentId }) => attachments.open(profileId, recordId, fieldId, attachmentId),
  };
}
