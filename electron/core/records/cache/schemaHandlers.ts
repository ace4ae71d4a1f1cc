import { answer, doneAfter, type Handlers } from '../../platform/ipc/handlers';
import type { SchemaService } from './schemaService';

export function createSchemaHandlers(schema: SchemaService): Pick<Handlers, 'cacheSchema' | 'basesList' | 'schemaCreateTable' | 'schemaUpdateTable' | 'schemaCreateField' | 'schemaUpdateField'> {
  return {
    cacheSchema: ({ profileId }) => answer(() => schema.cached(profileId)),
    basesList: ({ profileId }) => schema.listBases(profileId),
    schemaCreateTable: ({ profileId, baseId, ...spec }) => schema.createTable(profileId, baseId, spec),
    schemaUpdateTable: ({ profileId, baseId, tableId, ...patch }) => doneAfter(() => schema.updateTable(profileId, baseId, tableId, patch)),
    schemaCreateField: ({ profileId, baseId, tableId, ...spec }) => schema.createField(profileId, baseId, tableId, spec),
    schemaUpdateField: ({ profileId, baseId, tableId, fieldId, ...patch }) => doneAfter(() => schema.updateField(profileId, baseId, tableId, fieldId, patch)),
  };
}
