import { useApp } from '../../stores/appStore';
import { useOutbox } from '../../stores/outboxStore';
import { useProfiles } from '../../stores/profilesStore';
import { useSchema } from '../../stores/schemaStore';
import { ProfileBadge } from '../profiles/ProfilesScreen';

/** Profile switcher, the cached bases and tables, and the other screens. */
export function Sidebar() {
  const profiles = useProfiles((s) => s.profiles);
  const { profileId, tableId, screen, openProfile, openTable, show } = useApp();
  const schema = useSchema((s) => (profileId ? s.byProfile[profileId] : undefined));
  const outbox = useOutbox((s) => (profileId ? s.byProfile[profileId] : undefined));
  const active = profiles.find((p) => p.id === profileId);
  const waiting = outbox ? outbox.edits.filter((e) => e.status !== 'done').length : 0;

  return (
    <nav className="sidebar" aria-label="Navigation">
      <div className="brand">Airvault</div>
      <label className="profile-switch">
        <span className="visually-hidden">Profile</span>
        <select aria-label="Active profile" value={profileId ?? ''} onChange={(e) => openProfile(e.target.value || null)}>
          {!active && <option value="">Choose a profile</option>}
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {active && <ProfileBadge profile={active} />}
      <ul className="tree" aria-label="Bases and tables">
        {schema?.bases.map((base) => (
          <li key={base.id}>
            <span className="base-name">{base.name}</span>
            <ul>
              {base.tables.map((table) => (
                <li key={table.id}>
                  <button className={table.id === tableId && screen === 'records' ? 'current' : ''} aria-current={table.id === tableId && screen === 'records' ? 'page' : undefined} onClick={() => openTable(base.id, table.id)}>
                    {table.name} <span className="count">{table.records.toLocaleString()}</span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <div className="nav-buttons">
        <button className={screen === 'bases' ? 'current' : ''} onClick={() => show('bases')} disabled={!active}>
          Bases &amp; sync
        </button>
        <button className={screen === 'outbox' ? 'current' : ''} onClick={() => show('outbox')} disabled={!active}>
          Outbox {waiting > 0 && <span className="pill" data-testid="outbox-count">{waiting}</span>}
          {(outbox?.conflicts.length ?? 0) > 0 && <span className="pill conflict">{outbox?.conflicts.length} conflicts</span>}
        </button>
        <button className={screen === 'profiles' ? 'current' : ''} onClick={() => show('profiles')}>
          Profiles
        </button>
      </div>
    </nav>
  );
}
