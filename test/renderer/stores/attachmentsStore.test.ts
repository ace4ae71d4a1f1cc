import { describe, expect, it, vi } from 'vitest';
import { hasThumbnail, thumbnailKey, useAttachments } from '../../../renderer/src/stores/attachmentsStore';
import { installBridge, Refusal } from './fakeBridge';
import { PROFILE } from './fixtures';

vi.mock('zustand');

const ATT = 'attAAAAAAAAAAAAAA';
const thumbnail = () => useAttachments.getState().thumbnails.get(thumbnailKey(PROFILE, ATT));

describe('attachments store: thumbnails', () => {
  it('reads a thumbnail once and keeps it for the session', async () => {
    const bridge = installBridge({ attachmentsThumbnail: () => ({ dataUrl: 'data:image/png;base64,AAAA' }) });
    await useAttachments.getState().thumbnailNeeded(PROFILE, ATT);
    await useAttachments.getState().thumbnailNeeded(PROFILE, ATT);
    expect(thumbnail()).toBe('data:image/png;base64,AAAA');
    expect(bridge.inputsOf('attachmentsThumbnail')).toEqual([{ profileId: PROFILE, attachmentId: ATT }]);
  });

  it('asks again for a thumbnail that was not cached offline, since it may be by now', async () => {
    let dataUrl: string | null = null;
    installBridge({ attachmentsThumbnail: () => ({ dataUrl }) });
    await useAttachments.getState().thumbnailNeeded(PROFILE, ATT);
    expect(thumbnail()).toBeNull();
    dataUrl = 'data:image/png;base64,BBBB';
    await useAttachments.getState().thumbnailNeeded(PROFILE, ATT);
    expect(thumbnail()).toBe('data:image/png;base64,BBBB');
  });

  it('shows no preview, without a problem, when the thumbnail cannot be read', async () => {
    installBridge({
      attachmentsThumbnail: () => {
        throw new Refusal('INTERNAL', 'disk error');
      },
    });
    await expect(useAttachments.getState().thumbnailNeeded(PROFILE, ATT)).resolves.toBeUndefined();
    expect(thumbnail()).toBeNull();
  });

  it('only looks for thumbnails of attachments Airtable has given an id', () => {
    expect([hasThumbnail(ATT), hasThumbnail(undefined), hasThumbnail('tmp-upload')]).toEqual([true, false, false]);
  });
});
