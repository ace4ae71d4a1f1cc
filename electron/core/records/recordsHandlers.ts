import { answer, doneAfter, type Handlers } from '../platform/ipc/handlers';
import type { RecordsService } from './recordsService';

export function createRecordsHandlers(records: RecordsService): Pick<Handlers, 'recordsWindow' | 'recordsGet' | 'recordsCreate' | 'recordsUpdate' | 'recordsDelete' | 'recordsRestore' | 'recordsCount' | 'recordsOpenLink'> {
  return {
    recordsWindow: ({ profileId, ...query }) => answer(() => records.window(profileId, query)),
    recordsGet: ({ profileId, recordIds }) => answer(() => records.get(profileId, recordIds)),
    recordsCreate: ({ profileId, baseId, tableId, fields }) => answer(() => records.create(profileId, baseId, tableId, fields)),
    recordsUpdate: ({ profileId, baseId, tableId, recordId, fields }) => doneAfter(() => records.update(profileId, baseId, tableId, recordId, fields)),
    recordsDelete: ({ profileId, baseId, tableId, recordIds }) => answer(() => records.delete(profileId, baseId, tableId, recordIds)),
    recordsRestore: ({ profileId, recordIds }) => answer(() => records.restore(profileId, recordIds)),
    recordsCount: ({ profileId, cap, ...query }) => answer(() => records.count(profileId, query, cap)),
    recordsOpenLink: ({ profileId, recordId, fieldId }) => doneAfter(() => records.openLink(profileId, recordId, fieldId)),
  };
}
