import { useApp } from '../../stores/appStore';
import { useProfiles } from '../../stores/profilesStore';
import { needsReconnect } from './profileStatus';

/** A profile that lost access says so above everything, with the way back. */
export function ReconnectBanner({ profileId }: { profileId: string }) {
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  const show = useApp((s) => s.show);
  if (!profile || !needsReconnect(profile)) return null;
  const what = profile.status === 'revoked' ? 'Access to Airtable was revoked' : profile.status === 'needs-reauth' ? 'Airtable needs you to sign in again' : 'This profile cannot reach Airtable';
  return (
    <div className="banner problem" role="alert" data-testid="reconnect-banner">
      <strong>{what}.</strong> {profile.statusReason ?? ''} Your offline copy stays browsable; nothing is sent until you reconnect.
      <button className="primary" onClick={() => show('profiles')}>
        Reconnect
      </button>
    </div>
  );
}
