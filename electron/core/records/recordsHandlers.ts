import { doneAfter, type Handlers } from '../platform/ipc/handlers';
import type { RecordsService } from './recordsService';

export function createRecordsHandlers(records: RecordsService): Pick<Handlers, 'recordsWindow' | 'recordsGet' | 'recordsCreate' | 'recordsUpdate' | 'recordsDelete'> {
  return {
    recordsWindow: ({ profileId, ...query }) => Promise.resolve(records.window(profileId, query)),
    recordsGet: ({ profileId, recordIds }) => Promise.resolve(records.get(profileId, recordIds)),
    recordsCreate: ({ profileId, baseId, tableId, fields }) => Promise.resolve(records.create(profileId, baseId, tableId, fields)),
    recordsUpdate: ({ profileId, baseId, tableId, recordId, fields }) => doneAfter(() => records.update(profileId, baseId, tableId, recordId, fields)),
    recordsDelete: ({ profileId, baseId, tableId, recordId }) => doneAfter(() => records.delete(profileId, baseId, tableId, recordId)),
  };
}
