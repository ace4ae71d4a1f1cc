import { create } from 'zustand';
import { call } from '../lib/api';

/** Thumbnails kept for the session; past this many the oldest go (they are read again if shown). */
const KEEP = 300;
const ATTACHMENT_ID = /^att[A-Za-z0-9]{14}$/;

export const thumbnailKey = (profileId: string, attachmentId: string) => `${profileId}/${attachmentId}`;

/** Only real attachment ids have a cached thumbnail; a file added offline has none yet. */
export const hasThumbnail = (attachmentId: string | undefined): attachmentId is string => attachmentId !== undefined && ATTACHMENT_ID.test(attachmentId);

interface AttachmentsState {
  /** data: URLs by thumbnailKey; null when none is cached offline; absent while being read. */
  thumbnails: Map<string, string | null>;
  thumbnailNeeded: (profileId: string, attachmentId: string) => Promise<void>;
}

/** Attachment thumbnails from the offline cache, shown in the record panel. */
export const useAttachments = create<AttachmentsState>()((set, get) => ({
  thumbnails: new Map(),
  async thumbnailNeeded(profileId, attachmentId) {
    const key = thumbnailKey(profileId, attachmentId);
    const known = get().thumbnails.get(key);
    if (typeof known === 'string') return;
    // One missing before may have been downloaded since: ask again, showing it as loading meanwhile.
    if (known === null) {
      const thumbnails = new Map(get().thumbnails);
      thumbnails.delete(key);
      set({ thumbnails });
    }
    let dataUrl: string | null;
    try {
      ({ dataUrl } = await call('attachmentsThumbnail', { profileId, attachmentId }));
    } catch {
      // No preview is not worth a problem bar: the file's name and size still show.
      dataUrl = null;
    }
    const thumbnails = new Map(get().thumbnails).set(key, dataUrl);
    for (const oldest of thumbnails.keys()) {
      if (thumbnails.size <= KEEP) break;
      thumbnails.delete(oldest);
    }
    set({ thumbnails });
  },
}));
