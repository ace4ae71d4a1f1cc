import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../../../shared/domain/profile';
import type { OAuthSettingsView } from '../../../shared/domain/oauthSettings';
import { useProfiles } from '../../../renderer/src/stores/profilesStore';
import { installBridge } from './fakeBridge';
import { PROFILE } from './fixtures';

vi.mock('zustand');

const SECOND = '22222222-2222-4222-8222-222222222222';
const profile = (id: string, name: string, patch: Partial<ProfileView> = {}): ProfileView => ({
  id,
  name,
  color: 'blue',
  authKind: null,
  status: 'pending',
  statusReason: null,
  airtableUser: null,
  grantedScopes: null,
  accessExpiresAt: null,
  refreshExpiresAt: null,
  ...patch,
});
const oauth: OAuthSettingsView = {
  clientId: 'client',
  hasClientSecret: false,
  redirectMode: 'loopback',
  loopbackPort: 5599,
  redirectUri: 'http://127.0.0.1:5599/oauth/callback',
  scopes: ['data.records:read'],
  authorizeUrl: 'https://airtable.example/oauth2/v1/authorize',
  tokenUrl: 'https://airtable.example/oauth2/v1/token',
  apiUrl: 'https://api.airtable.example',
};

describe('profiles store', () => {
  it('loads the profiles and the OAuth settings together', async () => {
    installBridge({ profilesList: () => [profile(PROFILE, 'Work')], oauthSettingsGet: () => oauth });
    await useProfiles.getState().load();
    expect(useProfiles.getState()).toMatchObject({ profiles: [{ id: PROFILE, name: 'Work' }], oauth, loaded: true });
  });

  it('takes the profiles main pushes as they are', () => {
    useProfiles.getState().received({ profiles: [profile(PROFILE, 'Work')], connecting: PROFILE, lastConnectError: null });
    expect(useProfiles.getState()).toMatchObject({ connecting: PROFILE, loaded: true });
  });

  it('adds a created profile once, even when profiles:changed brought it first', async () => {
    installBridge({ profilesCreate: ({ name }) => profile(SECOND, name) });
    useProfiles.getState().received({ profiles: [profile(PROFILE, 'Work'), profile(SECOND, 'Client')], connecting: null, lastConnectError: null });
    await useProfiles.getState().create('Client');
    expect(useProfiles.getState().profiles.map((p) => p.id)).toEqual([PROFILE, SECOND]);
  });

  it('replaces a renamed profile in place', async () => {
    installBridge({ profilesRename: ({ id, name }) => profile(id, name) });
    useProfiles.setState({ profiles: [profile(PROFILE, 'Work'), profile(SECOND, 'Client')] });
    await useProfiles.getState().rename(PROFILE, 'Office');
    expect(useProfiles.getState().profiles.map((p) => p.name)).toEqual(['Office', 'Client']);
  });

  it('drops a deleted profile', async () => {
    installBridge({ profilesDelete: () => ({ done: true }) });
    useProfiles.setState({ profiles: [profile(PROFILE, 'Work'), profile(SECOND, 'Client')] });
    await useProfiles.getState().remove(PROFILE);
    expect(useProfiles.getState().profiles.map((p) => p.id)).toEqual([SECOND]);
  });

  it('shows the profile as connecting while the browser sign-in runs', async () => {
    const bridge = installBridge({ profilesConnectOauth: () => ({ authorizeUrl: 'https://airtable.example/oauth2/v1/authorize?x=1' }) });
    useProfiles.setState({ lastConnectError: 'The last attempt was cancelled.' });
    await useProfiles.getState().connectOauth(PROFILE);
    expect(useProfiles.getState()).toMatchObject({ connecting: PROFILE, lastConnectError: null });
    expect(bridge.inputsOf('profilesConnectOauth')).toEqual([{ id: PROFILE }]);
  });

  it('connects a profile with a personal access token', async () => {
    installBridge({ profilesConnectPat: ({ id }) => profile(id, 'Work', { authKind: 'pat', status: 'active' }) });
    useProfiles.setState({ profiles: [profile(PROFILE, 'Work')] });
    await useProfiles.getState().connectPat(PROFILE, 'patABC.123');
    expect(useProfiles.getState().profiles[0]).toMatchObject({ authKind: 'pat', status: 'active' });
  });
});
