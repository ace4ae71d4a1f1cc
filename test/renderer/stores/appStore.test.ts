import './memoryStorage';
import { describe, expect, it, vi } from 'vitest';
import { useApp } from '../../../renderer/src/stores/appStore';
import { installBridge, Refusal } from './fakeBridge';
import { BASE, OTHER_TABLE, PROFILE, TABLE } from './fixtures';

vi.mock('zustand');

describe('app store', () => {
  it('loads the app’s name, version and data folder', async () => {
    installBridge({ appInfo: () => ({ name: 'Airvault', version: '0.1.0', platform: 'linux', dataFolder: '/data', secureStorage: 'available' }) });
    await useApp.getState().load();
    expect(useApp.getState().info).toMatchObject({ version: '0.1.0', dataFolder: '/data' });
  });

  it('shows a problem, with what to do next, when main cannot answer', async () => {
    installBridge({
      appInfo: () => {
        throw new Refusal('SECURE_STORAGE_UNAVAILABLE', 'The keychain is locked.');
      },
    });
    await useApp.getState().load();
    expect(useApp.getState().problem).toEqual({ code: 'SECURE_STORAGE_UNAVAILABLE', message: 'The keychain is locked.', nextStep: 'Unlock or set up the system keychain, then try again.' });
  });

  it('says Airvault is not connected when the page has no bridge to main', async () => {
    vi.stubGlobal('window', {});
    await useApp.getState().load();
    expect(useApp.getState().problem?.code).toBe('UNAVAILABLE');
  });

  it('remembers the profile opened last, for the next start', () => {
    useApp.getState().openProfile(PROFILE);
    expect(localStorage.getItem('airvault.lastProfile')).toBe(PROFILE);
    useApp.getState().openProfile(null);
    expect(localStorage.getItem('airvault.lastProfile')).toBeNull();
  });

  it('keeps the open record when the same table is opened on another screen', () => {
    useApp.getState().openTable(BASE, TABLE);
    useApp.getState().openRecord('rec00000000000001');
    useApp.getState().openTable(BASE, TABLE, 'schema');
    expect(useApp.getState()).toMatchObject({ screen: 'schema', recordId: 'rec00000000000001' });
  });

  it('closes the open record when another table is opened', () => {
    useApp.getState().openTable(BASE, TABLE);
    useApp.getState().openRecord('rec00000000000001');
    useApp.getState().openTable(BASE, OTHER_TABLE);
    expect(useApp.getState().recordId).toBeNull();
  });

  it('forgets the base, table and record when another profile is opened', () => {
    useApp.getState().openTable(BASE, TABLE, 'outbox');
    useApp.getState().openProfile(PROFILE);
    expect(useApp.getState()).toMatchObject({ profileId: PROFILE, baseId: null, tableId: null, recordId: null, screen: 'records' });
  });
});
