import { doneAfter, type Handlers } from '../../platform/ipc/handlers';
import type { SyncCoordinator } from './syncCoordinator';

export function createSyncHandlers(sync: SyncCoordinator): Pick<Handlers, 'syncStart' | 'syncCancel' | 'syncView' | 'syncSetPlan'> {
  return {
    // Answered at once; progress arrives as sync:changed.
    syncStart: ({ profileId, baseId }) => doneAfter(() => sync.start(profileId, baseId)),
    syncCancel: ({ profileId, baseId }) => doneAfter(() => sync.cancel(profileId, baseId)),
    syncView: ({ profileId, viewId }) => sync.refreshView(profileId, viewId),
    syncSetPlan: ({ profileId, baseId, plan }) => doneAfter(() => sync.setPlan(profileId, baseId, plan)),
  };
}
