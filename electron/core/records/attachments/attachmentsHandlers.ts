import { answer, doneAfter, type Handlers } from '../../platform/ipc/handlers';
import type { RecordsOf } from '../profileRecords';

export function createAttachmentsHandlers(recordsOf: RecordsOf): Pick<Handlers, 'attachmentsUsage' | 'attachmentsThumbnail' | 'attachmentsSetCap'> {
  const attachments = (profileId: string) => recordsOf(profileId).attachments;
  return {
    attachmentsUsage: ({ profileId }) => answer(() => attachments(profileId).usage()),
    attachmentsThumbnail: ({ profileId, attachmentId }) => answer(() => ({ dataUrl: attachments(profileId).thumbnailDataUrl(attachmentId) })),
    attachmentsSetCap: ({ profileId, bytes }) => doneAfter(() => attachments(profileId).setCap(bytes)),
  };
}
