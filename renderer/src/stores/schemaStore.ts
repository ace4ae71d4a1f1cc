import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import { call } from '../lib/api';

export type CachedSchema = MethodOutput<'cacheSchema'>;
export type CachedBase = CachedSchema['bases'][number];
export type CachedTable = CachedBase['tables'][number];
export type RemoteBase = MethodOutput<'basesList'>[number];

interface SchemaState {
  byProfile: Record<string, CachedSchema>;
  remote: Record<string, RemoteBase[]>;
  load: (profileId: string) => Promise<void>;
  loadRemote: (profileId: string) => Promise<void>;
  fieldCreateRequested: (input: MethodInput<'schemaCreateField'>) => Promise<void>;
  fieldUpdateRequested: (input: MethodInput<'schemaUpdateField'>) => Promise<void>;
  tableCreateRequested: (input: MethodInput<'schemaCreateTable'>) => Promise<void>;
}

/**
 * What each profile has cached (bases, tables, fields, views, counts) and what it could sync.
 * After a schema change the cached schema is read again, so every screen shows the change.
 */
export const useSchema = create<SchemaState>()((set, get) => ({
  byProfile: {},
  remote: {},
  async load(profileId) {
    const schema = await call('cacheSchema', { profileId });
    set({ byProfile: { ...get().byProfile, [profileId]: schema } });
  },
  async loadRemote(profileId) {
    const bases = await call('basesList', { profileId });
    set({ remote: { ...get().remote, [profileId]: bases } });
  },
  async fieldCreateRequested(input) {
    await call('schemaCreateField', input);
    await get().load(input.profileId);
  },
  async fieldUpdateRequested(input) {
    await call('schemaUpdateField', input);
    await get().load(input.profileId);
  },
  async tableCreateRequested(input) {
    await call('schemaCreateTable', input);
    await get().load(input.profileId);
  },
}));

export function findTable(schema: CachedSchema | undefined, tableId: string | null): { base: CachedBase; table: CachedTable } | null {
  for (const base of schema?.bases ?? []) {
    const table = base.tables.find((t) => t.id === tableId);
    if (table) return { base, table };
  }
  return null;
}
