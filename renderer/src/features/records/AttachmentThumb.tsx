import { useEffect } from 'react';
import { hasThumbnail, thumbnailKey, useAttachments } from '../../stores/attachmentsStore';

interface Attachment {
  id?: string;
  filename?: string;
  size?: number;
  type?: string;
}

/** One attachment: its cached thumbnail when there is one (offline too), otherwise its name. */
export function AttachmentThumb({ profileId, attachment }: { profileId: string; attachment: Attachment }) {
  const id = hasThumbnail(attachment.id) ? attachment.id : null;
  // undefined while it is being read, null when there is none.
  const src = useAttachments((s) => (id ? s.thumbnails.get(thumbnailKey(profileId, id)) : null));
  useEffect(() => {
    if (id) void useAttachments.getState().thumbnailNeeded(profileId, id);
  }, [profileId, id]);
  const size = attachment.size ? `${Math.max(1, Math.round(attachment.size / 1024))} KB` : '';
  return (
    <li className="attachment">
      {src ? <img src={src} alt={attachment.filename ?? 'attachment'} width={64} height={64} /> : <span className="no-thumb" aria-hidden>📎</span>}
      <span>
        {attachment.filename ?? 'file'} <span className="muted">{[attachment.type, size].filter(Boolean).join(' · ')}</span>
        {src === null && <span className="muted"> · no preview offline</span>}
      </span>
    </li>
  );
}
