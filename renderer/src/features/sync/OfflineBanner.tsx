import { useApp } from '../../stores/appStore';
import { useOutbox } from '../../stores/outboxStore';
import { useSync } from '../../stores/syncStore';

/** Says plainly when Airtable cannot be reached and what happens to edits meanwhile. */
export function OfflineBanner({ profileId }: { profileId: string }) {
  const online = useSync((s) => s.online[profileId]);
  const pending = useOutbox((s) => s.byProfile[profileId]?.edits.filter((e) => e.status === 'pending' || e.status === 'sending').length ?? 0);
  const show = useApp((s) => s.show);
  if (online !== false) return null;
  return (
    <div className="banner offline" role="status" data-testid="offline-banner">
      Offline: Airtable cannot be reached. Everything synced stays browsable and editable here;
      {pending > 0 ? ` ${pending} edit${pending === 1 ? '' : 's'} will be sent when you are back online.` : ' edits will be sent when you are back online.'}{' '}
      <button onClick={() => show('outbox')}>Outbox</button>
    </div>
  );
}
