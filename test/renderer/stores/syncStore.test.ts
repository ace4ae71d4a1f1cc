import { describe, expect, it, vi } from 'vitest';
import { useSchema } from '../../../renderer/src/stores/schemaStore';
import { syncKey, useSync, type SyncProgress } from '../../../renderer/src/stores/syncStore';
import { installBridge } from './fakeBridge';
import { BASE, PROFILE, schema } from './fixtures';

vi.mock('zustand');

const done = { done: true } as const;
const progress = (phase: SyncProgress['phase']): SyncProgress => ({ profileId: PROFILE, baseId: BASE, phase, tablesTotal: 2, tablesDone: 1, records: 120, expectedRecords: 200, secondsLeft: 4, message: null, trigger: 'person', calls: 3 });

describe('sync store', () => {
  it('keeps the latest progress of each base’s run', () => {
    useSync.getState().received(progress('records'));
    useSync.getState().received(progress('done'));
    expect(useSync.getState().progress[syncKey(PROFILE, BASE)]?.phase).toBe('done');
  });

  it('remembers whether each profile can reach Airtable', () => {
    useSync.getState().connectivity(PROFILE, false);
    expect(useSync.getState().online).toEqual({ [PROFILE]: false });
  });

  it('starts a sync of a base', async () => {
    const bridge = installBridge({ syncStart: () => done });
    await useSync.getState().syncRequested(PROFILE, BASE);
    expect(bridge.inputsOf('syncStart')).toEqual([{ profileId: PROFILE, baseId: BASE }]);
  });

  it('cancels the run of a base', async () => {
    const bridge = installBridge({ syncCancel: () => done });
    await useSync.getState().syncCancelRequested(PROFILE, BASE);
    expect(bridge.inputsOf('syncCancel')).toEqual([{ profileId: PROFILE, baseId: BASE }]);
  });

  it('sets the plan of a base, then reads the call budget again with the schema', async () => {
    const after = schema();
    after.bases[0]!.budget = { ...after.bases[0]!.budget, plan: 'team', backgroundAllowance: 50_000 };
    const bridge = installBridge({ syncSetPlan: () => done, cacheSchema: () => after });
    await useSync.getState().planChosen(PROFILE, BASE, 'team');
    expect(bridge.inputsOf('syncSetPlan')).toEqual([{ profileId: PROFILE, baseId: BASE, plan: 'team' }]);
    expect(useSchema.getState().byProfile[PROFILE]?.bases[0]?.budget.plan).toBe('team');
  });
});
