import './memoryStorage';
import { describe, expect, it, vi } from 'vitest';
import { useApp } from '../../../renderer/src/stores/appStore';
import { useGrid } from '../../../renderer/src/stores/gridStore';
import { useProfiles } from '../../../renderer/src/stores/profilesStore';
import { useSchema } from '../../../renderer/src/stores/schemaStore';
import { startSubscriptions } from '../../../renderer/src/stores/subscriptions';
import { useSync } from '../../../renderer/src/stores/syncStore';
import { installBridge } from './fakeBridge';
import { BASE, PROFILE, schema, TABLE } from './fixtures';

vi.mock('zustand');

const finished = { profileId: PROFILE, baseId: BASE, phase: 'done', tablesTotal: 1, tablesDone: 1, records: 10, expectedRecords: 10, secondsLeft: null, message: null, trigger: 'background', calls: 2 } as const;

describe('subscriptions: pushed events reach the stores', () => {
  it('takes profiles:changed into the profiles store', () => {
    const bridge = installBridge({});
    startSubscriptions();
    bridge.emit('profilesChanged', { profiles: [], connecting: null, lastConnectError: 'Sign-in was cancelled.' });
    expect(useProfiles.getState()).toMatchObject({ loaded: true, lastConnectError: 'Sign-in was cancelled.' });
  });

  it('reads the cached schema again and refreshes the open grid when a sync of its base is done', async () => {
    const bridge = installBridge({ cacheSchema: () => schema() });
    useGrid.getState().open(PROFILE, BASE, TABLE, 10);
    const generation = useGrid.getState().generation;
    startSubscriptions();
    bridge.emit('syncChanged', finished);
    expect(useSync.getState().progress).not.toEqual({});
    expect(useGrid.getState().generation).toBe(generation + 1);
    await vi.waitFor(() => expect(useSchema.getState().byProfile[PROFILE]).toEqual(schema()));
  });

  it('shows the table, record and profile an airvault:// link names', () => {
    const bridge = installBridge({});
    startSubscriptions();
    bridge.emit('navigationChanged', { profileId: PROFILE, baseId: BASE, tableId: TABLE, recordId: 'rec00000000000001' });
    expect(useApp.getState()).toMatchObject({ profileId: PROFILE, baseId: BASE, tableId: TABLE, recordId: 'rec00000000000001', screen: 'records' });
  });

  it('starts a sync of the open base from the menu', async () => {
    const bridge = installBridge({ syncStart: () => ({ done: true }) });
    useApp.getState().openProfile(PROFILE);
    useApp.getState().openTable(BASE, TABLE);
    startSubscriptions();
    bridge.emit('menuChanged', { command: 'sync' });
    await vi.waitFor(() => expect(bridge.inputsOf('syncStart')).toEqual([{ profileId: PROFILE, baseId: BASE }]));
  });

  it('stops listening to every event when stopped', () => {
    const bridge = installBridge({});
    const stop = startSubscriptions();
    stop();
    expect(bridge.listening('profilesChanged') + bridge.listening('syncChanged') + bridge.listening('menuChanged')).toBe(0);
  });
});
