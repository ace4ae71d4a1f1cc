import { useEffect, useState } from 'react';
import { call } from '../../lib/api';

interface Attachment {
  id?: string;
  filename?: string;
  size?: number;
  type?: string;
}

/** One attachment: its cached thumbnail when there is one (offline too), otherwise its name. */
export function AttachmentThumb({ profileId, attachment }: { profileId: string; attachment: Attachment }) {
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    if (attachment.id && /^att[A-Za-z0-9]{14}$/.test(attachment.id)) {
      call('attachmentsThumbnail', { profileId, attachmentId: attachment.id }).then(
        (r) => live && setSrc(r.dataUrl),
        () => live && setSrc(null),
      );
    } else setSrc(null);
    return () => {
      live = false;
    };
  }, [profileId, attachment.id]);
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
