import { describe, expect, it, vi } from 'vitest';
import { findTable, useSchema } from '../../../renderer/src/stores/schemaStore';
import { installBridge, Refusal } from './fakeBridge';
import { BASE, PROFILE, schema, TABLE } from './fixtures';

vi.mock('zustand');

const done = { done: true } as const;

describe('schema store', () => {
  it('loads what a profile has cached', async () => {
    installBridge({ cacheSchema: () => schema() });
    await useSchema.getState().load(PROFILE);
    expect(findTable(useSchema.getState().byProfile[PROFILE], TABLE)?.table.name).toBe('Tasks');
  });

  it('lists the bases the profile could sync', async () => {
    const bases = [{ id: BASE, name: 'Projects', permissionLevel: 'create', synced: true }];
    installBridge({ basesList: () => bases });
    await useSchema.getState().loadRemote(PROFILE);
    expect(useSchema.getState().remote[PROFILE]).toEqual(bases);
  });

  it('adds a field, then reads the cached schema again', async () => {
    const bridge = installBridge({ schemaCreateField: () => ({ id: 'fld00000000000099' }), cacheSchema: () => schema() });
    await useSchema.getState().fieldCreateRequested({ profileId: PROFILE, baseId: BASE, tableId: TABLE, name: 'Due', type: 'date' });
    expect(bridge.calls.map((c) => c.method)).toEqual(['schemaCreateField', 'cacheSchema']);
    expect(useSchema.getState().byProfile[PROFILE]).toEqual(schema());
  });

  it('renames a field, then reads the cached schema again', async () => {
    const bridge = installBridge({ schemaUpdateField: () => done, cacheSchema: () => schema() });
    await useSchema.getState().fieldUpdateRequested({ profileId: PROFILE, baseId: BASE, tableId: TABLE, fieldId: 'fld00000000000001', name: 'Title', description: 'What it is' });
    expect(bridge.inputsOf('schemaUpdateField')).toEqual([{ profileId: PROFILE, baseId: BASE, tableId: TABLE, fieldId: 'fld00000000000001', name: 'Title', description: 'What it is' }]);
    expect(bridge.inputsOf('cacheSchema')).toHaveLength(1);
  });

  it('creates a table, then reads the cached schema again', async () => {
    const bridge = installBridge({ schemaCreateTable: () => ({ id: 'tbl00000000000009' }), cacheSchema: () => schema() });
    await useSchema.getState().tableCreateRequested({ profileId: PROFILE, baseId: BASE, name: 'Notes', primaryFieldName: 'Name' });
    expect(bridge.calls.map((c) => c.method)).toEqual(['schemaCreateTable', 'cacheSchema']);
  });

  it('passes a refused change on to the screen without reading the schema again', async () => {
    const bridge = installBridge({
      schemaCreateField: () => {
        throw new Refusal('SCOPE_MISSING', 'This profile may not change the schema.');
      },
      cacheSchema: () => schema(),
    });
    await expect(useSchema.getState().fieldCreateRequested({ profileId: PROFILE, baseId: BASE, tableId: TABLE, name: 'Due', type: 'date' })).rejects.toThrow('This profile may not change the schema.');
    expect(bridge.inputsOf('cacheSchema')).toHaveLength(0);
  });
});
