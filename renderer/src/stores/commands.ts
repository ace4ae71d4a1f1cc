import type { EventPayload } from '../../../shared/ipc/contract';
import { useApp } from './appStore';
import { useGrid } from './gridStore';
import { useSync } from './syncStore';

export type Command = EventPayload<'menuChanged'>['command'];

/**
 * Focus target for "Find", registered by the records screen while it is shown. Typed by what is
 * used of it, so the stores type-check without the DOM library (their tests run in Node).
 */
export const searchBox: { current: { focus(): void; select(): void } | null } = { current: null };

/** What each menu command (and its keyboard shortcut) does, from wherever the person is. */
export function runCommand(command: Command): void {
  const app = useApp.getState();
  const grid = useGrid.getState();
  switch (command) {
    case 'palette':
      app.setPaletteOpen(true);
      return;
    case 'find':
      searchBox.current?.focus();
      searchBox.current?.select();
      return;
    case 'profiles':
      app.show('profiles');
      return;
    case 'new-record':
      if (grid.tableId) void grid.createRecord({}).then((id) => useApp.getState().openRecord(id), app.report);
      return;
    case 'sync':
      if (app.profileId && app.baseId) void useSync.getState().syncRequested(app.profileId, app.baseId).catch(app.report);
      return;
  }
}
