import { useEffect } from 'react';
import { useApp } from '../stores/appStore';
import { useGrid } from '../stores/gridStore';
import { useOutbox } from '../stores/outboxStore';
import { useProfiles } from '../stores/profilesStore';
import { useSchema } from '../stores/schemaStore';
import { Sidebar } from '../features/browse/Sidebar';
import { SchemaScreen } from '../features/browse/SchemaScreen';
import { CommandPalette } from '../features/palette/CommandPalette';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { ReconnectBanner } from '../features/profiles/ReconnectBanner';
import { RecordsScreen } from '../features/records/RecordsScreen';
import { runCommand } from '../stores/commands';
import { BasesScreen } from '../features/sync/BasesScreen';
import { OfflineBanner } from '../features/sync/OfflineBanner';
import { OutboxScreen } from '../features/sync/OutboxScreen';
import { ProblemBar } from './ProblemBar';

/** Global shortcuts: Cmd/Ctrl+K palette, Cmd/Ctrl+F search, Cmd/Ctrl+Z undo (outside text fields). */
function useShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.metaKey || event.ctrlKey)) return;
      const key = event.key.toLowerCase();
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (key === 'k' || key === 'f') {
        event.preventDefault();
        runCommand(key === 'k' ? 'palette' : 'find');
      } else if (key === 'z' && !typing && !event.shiftKey) {
        event.preventDefault();
        void useGrid.getState().undoLast().catch(useApp.getState().report);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const { info, profileId, tableId, screen, report, openProfile, openTable } = useApp();
  const profiles = useProfiles((s) => s.profiles);
  const loaded = useProfiles((s) => s.loaded);
  const schema = useSchema((s) => (profileId ? s.byProfile[profileId] : undefined));
  useShortcuts();

  useEffect(() => {
    void useApp.getState().load();
    void useProfiles.getState().load().catch(report);
  }, [report]);
  // A remembered profile that no longer exists, or none yet: pick the first.
  useEffect(() => {
    if (loaded && (!profileId || !profiles.some((p) => p.id === profileId))) openProfile(profiles[0]?.id ?? null);
  }, [loaded, profiles, profileId, openProfile]);
  useEffect(() => {
    if (!profileId) return;
    void useSchema.getState().load(profileId).catch(report);
    void useOutbox.getState().load(profileId).catch(report);
  }, [profileId, report]);
  // Pick the first cached table when none is chosen yet, without leaving the current screen.
  useEffect(() => {
    const first = schema?.bases.find((b) => b.tables.length > 0);
    if (!tableId && first) openTable(first.id, first.tables[0]!.id, useApp.getState().screen);
  }, [schema, tableId, openTable]);

  const active = profiles.find((p) => p.id === profileId);
  const neverConnected = active?.status === 'pending' && !schema?.bases.length;
  const activeScreen = !loaded ? null : !active || screen === 'profiles' || neverConnected ? (
    <ProfilesScreen />
  ) : screen === 'bases' || !tableId ? (
    <BasesScreen profileId={active.id} />
  ) : screen === 'outbox' ? (
    <OutboxScreen profileId={active.id} />
  ) : screen === 'schema' ? (
    <SchemaScreen profileId={active.id} tableId={tableId} />
  ) : (
    <RecordsScreen profileId={active.id} tableId={tableId} />
  );

  return (
    <div className="app">
      <Sidebar />
      <main>
        {info?.secureStorage === 'unavailable' && (
          <div className="banner warning" role="alert">
            Secure storage is unavailable: Airvault keeps tokens only in the system keychain, so profiles cannot be connected until one is available.
          </div>
        )}
        {profileId && <ReconnectBanner profileId={profileId} />}
        {profileId && <OfflineBanner profileId={profileId} />}
        <ProblemBar />
        {activeScreen}
      </main>
      <CommandPalette />
    </div>
  );
}
