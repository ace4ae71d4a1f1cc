import type { Handlers } from '../../platform/ipc/handlers';
import type { ProfileService } from '../../profiles/profileService';
import type { Clock } from '../../ports';
import type { ProfileCache, ProfileCaches } from '../../workspace/profileCaches';

type SchemaHandlers = Pick<Handlers, 'basesList' | 'schemaCreateTable' | 'schemaUpdateTable' | 'schemaCreateField' | 'schemaUpdateField'>;

const interactive = { priority: 'interactive' as const };
const done = { done: true as const };

/**
 * Browsing what a grant can see and changing a base's schema. Changes go to Airtable first
 * (they need the network and `schema.bases:write`); the cached schema is then re-read, so the
 * cache never shows a table or field Airtable does not have.
 */
export function createSchemaHandlers(caches: ProfileCaches, profiles: ProfileService, clock: Clock): SchemaHandlers {
  const cacheOf = (profileId: string) => {
    profiles.get(profileId);
    return caches.get(profileId);
  };
  const reload = async (p: ProfileCache, baseId: string) => p.store.saveSchema(baseId, await p.api.meta.baseSchema(baseId, interactive));
  return {
    basesList: async ({ profileId }) => {
      const p = cacheOf(profileId);
      const bases = await p.api.meta.listBases(interactive);
      const synced = new Set(caches.syncedBases(profileId));
      return bases.map((b) => ({ id: b.id, name: b.name, permissionLevel: b.permissionLevel, synced: synced.has(b.id) }));
    },
    schemaCreateTable: async ({ profileId, baseId, name, description, primaryFieldName }) => {
      const p = cacheOf(profileId);
      const table = await p.api.meta.createTable(baseId, { name, ...(description ? { description } : {}), fields: [{ name: primaryFieldName, type: 'singleLineText' }] }, interactive);
      await reload(p, baseId);
      // A new table has no records yet: it is fully synced as it is.
      const now = clock.now();
      p.store.beginFullSync(baseId, table.id, now);
      p.store.finishFullSync(table.id, now, now);
      return { id: table.id };
    },
    schemaUpdateTable: async ({ profileId, baseId, tableId, name, description }) => {
      const p = cacheOf(profileId);
      await p.api.meta.updateTable(baseId, tableId, { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) }, interactive);
      await reload(p, baseId);
      return done;
    },
    schemaCreateField: async ({ profileId, baseId, tableId, name, type, description, options }) => {
      const p = cacheOf(profileId);
      const field = await p.api.meta.createField(baseId, tableId, { name, type, ...(description ? { description } : {}), ...(options ? { options } : {}) }, interactive);
      await reload(p, baseId);
      return { id: field.id };
    },
    schemaUpdateField: async ({ profileId, baseId, tableId, fieldId, name, description }) => {
      const p = cacheOf(profileId);
      await p.api.meta.updateField(baseId, tableId, fieldId, { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) }, interactive);
      await reload(p, baseId);
      return done;
    },
  };
}
