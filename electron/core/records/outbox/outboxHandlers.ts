import { answer, doneAfter, type Handlers } from '../../platform/ipc/handlers';
import type { OutboxService } from './outboxService';

export function createOutboxHandlers(outbox: OutboxService): Pick<Handlers, 'outboxList' | 'outboxRetry' | 'outboxSendNow' | 'outboxDiscard' | 'conflictsResolve'> {
  return {
    outboxList: ({ profileId }) => answer(() => outbox.list(profileId)),
    outboxRetry: ({ profileId, seq }) => doneAfter(() => outbox.retry(profileId, seq)),
    outboxSendNow: ({ profileId }) => doneAfter(() => outbox.sendNow(profileId)),
    outboxDiscard: ({ profileId, seq }) => doneAfter(() => outbox.discard(profileId, seq)),
    conflictsResolve: ({ profileId, conflictId, keep, value }) => doneAfter(() => outbox.resolve(profileId, conflictId, keep ? { keep } : { value })),
  };
}
