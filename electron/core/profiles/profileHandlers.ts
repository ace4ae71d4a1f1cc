import { answer, doneAfter, type Handlers } from '../platform/ipc/handlers';
import type { OAuthSettingsStore } from '../auth';
import type { ConnectService } from './connectService';
import type { Onboarding } from './onboarding';
import type { ProfileService } from './profileService';

type ProfileHandlers = Pick<
  Handlers,
  | 'profilesList'
  | 'profilesCreate'
  | 'profilesRename'
  | 'profilesRecolor'
  | 'profilesDelete'
  | 'profilesConnectOauth'
  | 'profilesConnectPat'
  | 'profilesCancelConnect'
  | 'profilesAddWithPat'
  | 'profilesAddWithOauth'
  | 'oauthSettingsGet'
  | 'oauthSettingsSet'
>;

export function createProfileHandlers(deps: { profiles: ProfileService; connect: ConnectService; onboarding: Onboarding; settings: OAuthSettingsStore }): ProfileHandlers {
  const { profiles, connect, onboarding, settings } = deps;
  return {
    profilesList: () => answer(() => profiles.list()),
    profilesCreate: ({ name, color }) => answer(() => profiles.create(name, color)),
    profilesRename: ({ id, name }) => answer(() => profiles.rename(id, name)),
    profilesRecolor: ({ id, color }) => answer(() => profiles.recolor(id, color)),
    profilesDelete: ({ id }) => doneAfter(() => profiles.delete(id)),
    // The outcome of the sign-in arrives later as profiles:changed.
    profilesConnectOauth: async ({ id }) => ({ authorizeUrl: (await connect.startOAuth(id)).authorizeUrl }),
    profilesConnectPat: async ({ id, token }) => profiles.view(await connect.connectPat(id, token)),
    profilesCancelConnect: () => doneAfter(() => connect.cancel()),
    profilesAddWithPat: ({ name, color, token }) => onboarding.addWithPat(name, color, token),
    profilesAddWithOauth: ({ name, color, clientId }) => onboarding.addWithOauth(name, color, clientId),
    oauthSettingsGet: () => settings.view(),
    oauthSettingsSet: async (input) => {
      await settings.update(input);
      return settings.view();
    },
  };
}
