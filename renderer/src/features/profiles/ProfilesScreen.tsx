import { useState } from 'react';
import { PROFILE_COLORS } from '../../../../shared/domain/profileColors';
import type { ProfileColor, ProfileView } from '../../../../shared/domain/profile';
import { useApp } from '../../stores/appStore';
import { useProfiles } from '../../stores/profilesStore';
import { useSync } from '../../stores/syncStore';
import { AddProfile } from './AddProfile';
import { badgeOf, needsReconnect, relativeTime } from './profileStatus';

export function ProfileBadge({ profile }: { profile: ProfileView }) {
  const online = useSync((s) => s.online[profile.id]);
  const badge = badgeOf(profile, online);
  return (
    <span className={`badge badge-${badge.replace(/\s/g, '-')}`} data-testid="profile-badge">
      {badge}
    </span>
  );
}

function ProfileCard({ profile }: { profile: ProfileView }) {
  const { rename, recolor, remove, connectOauth, connectPat, oauth } = useProfiles();
  const { report, openProfile, profileId } = useApp();
  const [name, setName] = useState(profile.name);
  const [confirming, setConfirming] = useState(false);
  const [token, setToken] = useState('');
  const act = (fn: () => Promise<unknown>) => void fn().catch(report);
  const needed = oauth?.scopes ?? [];
  const granted = profile.grantedScopes;
  const missing = granted ? needed.filter((s) => !granted.includes(s)) : [];

  return (
    <article className={`card profile-card color-${profile.color}`} aria-label={`Profile ${profile.name}`}>
      <header>
        <span className="swatch" aria-hidden />
        <h3>{profile.name}</h3>
        <ProfileBadge profile={profile} />
        {profileId !== profile.id && <button onClick={() => openProfile(profile.id)}>Switch to</button>}
      </header>
      <dl>
        <dt>Account</dt>
        <dd>{profile.airtableUser?.email ?? profile.airtableUser?.id ?? 'not connected'}</dd>
        <dt>Connected with</dt>
        <dd>{profile.authKind === 'oauth' ? 'Airtable sign-in (OAuth)' : profile.authKind === 'pat' ? 'personal access token' : '—'}</dd>
        {profile.authKind === 'oauth' && (
          <>
            <dt>Access token</dt>
            <dd>expires {relativeTime(profile.accessExpiresAt)} (renewed automatically)</dd>
            <dt>Sign-in valid until</dt>
            <dd>{profile.refreshExpiresAt ? `${new Date(profile.refreshExpiresAt).toLocaleDateString()} (${relativeTime(profile.refreshExpiresAt)}; using Airvault extends it)` : '—'}</dd>
          </>
        )}
        <dt>Permissions</dt>
        <dd>
          {granted ? granted.join(', ') : profile.authKind === 'pat' ? 'as set on the token in Airtable' : '—'}
          {missing.length > 0 && (
            <p className="warning">
              Missing: {missing.join(', ')}. <button onClick={() => act(() => connectOauth(profile.id))}>Reconnect to add permissions</button>
            </p>
          )}
        </dd>
      </dl>
      {profile.statusReason && <p className="warning">{profile.statusReason}</p>}
      {needsReconnect(profile) && (
        <div className="reconnect">
          {profile.authKind === 'pat' ? (
            <form onSubmit={(e) => (e.preventDefault(), act(() => connectPat(profile.id, token)))}>
              <input type="password" aria-label="New token" value={token} onChange={(e) => setToken(e.target.value)} placeholder="New personal access token" />
              <button type="submit" className="primary">Reconnect</button>
            </form>
          ) : (
            <button className="primary" onClick={() => act(() => connectOauth(profile.id))}>
              Reconnect
            </button>
          )}
        </div>
      )}
      <footer>
        <form onSubmit={(e) => (e.preventDefault(), act(() => rename(profile.id, name)))}>
          <input aria-label="Profile name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
          <button type="submit">Rename</button>
        </form>
        <select aria-label="Profile color" value={profile.color} onChange={(e) => act(() => recolor(profile.id, e.target.value as ProfileColor))}>
          {PROFILE_COLORS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {confirming ? (
          <span role="alertdialog" aria-label="Confirm delete">
            Delete “{profile.name}”, its tokens and its offline data?{' '}
            <button className="danger" onClick={() => act(async () => {
              await remove(profile.id);
              if (profileId === profile.id) openProfile(null);
            })}>
              Delete profile
            </button>{' '}
            <button onClick={() => setConfirming(false)}>Keep</button>
          </span>
        ) : (
          <button className="danger" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        )}
      </footer>
    </article>
  );
}

export function ProfilesScreen() {
  const profiles = useProfiles((s) => s.profiles);
  const info = useApp((s) => s.info);
  const [adding, setAdding] = useState(profiles.length === 0);
  return (
    <section className="screen" aria-label="Profiles">
      <header className="screen-header">
        <h1>Profiles</h1>
        {!adding && <button className="primary" onClick={() => setAdding(true)}>Add profile</button>}
      </header>
      {adding && <AddProfile onDone={() => setAdding(false)} />}
      <div className="profile-list">
        {profiles.map((p) => (
          <ProfileCard key={p.id} profile={p} />
        ))}
      </div>
      {info && (
        <p className="muted about">
          {info.name} version {info.version} on {info.platform}. Data folder: <code>{info.dataFolder}</code>
        </p>
      )}
    </section>
  );
}
