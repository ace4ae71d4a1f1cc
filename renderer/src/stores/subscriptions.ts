import { subscribe } from '../lib/api';
import { useApp } from './appStore';
import { useGrid } from './gridStore';
import { useOutbox } from './outboxStore';
import { useProfiles } from './profilesStore';
import { useSchema } from './schemaStore';
import { useSync } from './syncStore';
import { runCommand } from './commands';

/**
 * The one place pushed events reach the stores. A finished sync reloads the cached schema (and
 * the open grid, whose rows may have changed); an outbox change reloads that profile's outbox.
 */
export function startSubscriptions(): () => void {
  const stops = [
    subscribe('profilesChanged', (update) => useProfiles.getState().received(update)),
    subscribe('syncChanged', (progress) => {
      useSync.getState().received(progress);
      if (progress.phase === 'done' || progress.phase === 'error' || progress.phase === 'cancelled') {
        void useSchema.getState().load(progress.profileId).catch(() => undefined);
        const grid = useGrid.getState();
        if (progress.phase === 'done' && grid.profileId === progress.profileId && grid.baseId === progress.baseId) grid.reload();
      }
    }),
    subscribe('connectivityChanged', ({ profileId, online }) => useSync.getState().connectivity(profileId, online)),
    subscribe('outboxChanged', ({ profileId, pending }) => {
      if (useApp.getState().profileId === profileId) void useOutbox.getState().load(profileId).catch(() => undefined);
      // Sent edits: pending badges clear and new records get their real ids.
      const grid = useGrid.getState();
      if (pending === 0 && grid.profileId === profileId) grid.reload();
    }),
    subscribe('appChanged', () => void useApp.getState().load()),
    // airvault://open/… links: show the profile, then the table and record they name.
    subscribe('navigationChanged', ({ profileId, baseId, tableId, recordId }) => {
      const app = useApp.getState();
      if (app.profileId !== profileId) app.openProfile(profileId);
      if (baseId && tableId) app.openTable(baseId, tableId);
      else if (baseId) app.show('bases');
      app.openRecord(recordId ?? null);
    }),
    subscribe('menuChanged', ({ command }) => runCommand(command)),
  ];
  return () => stops.forEach((stop) => stop());
}
