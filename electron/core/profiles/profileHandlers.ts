import type { Handlers } from '../platform/ipc/handlers';
import type { ConnectService } from './connectService';
import type { OAuthSettingsStore } from '../auth/oauthSettings';
import { toView, type ProfileService } from './profileService';

type ProfileHandlers = Pick<
  Handlers,
  'profilesList' | 'profilesCreate' | 'profilesRename' | 'profilesRecolor' | 'profilesDelete' | 'profilesConnectOauth' | 'profilesConnectPat' | 'profilesCancelConnect' | 'oauthSettingsGet' | 'oauthSettingsSet'
>;

export function createProfileHandlers(deps: { profiles: ProfileService; connect: ConnectService; settings: OAuthSettingsStore; onConnectError(message: string | null): void }): ProfileHandlers {
  const { profiles, connect, settings } = deps;
  return {
    profilesList: () => Promise.resolve(profiles.list()),
    profilesCreate: ({ name, color }) => Promise.resolve(profiles.create(name, color)),
    profilesRename: ({ id, name }) => Promise.resolve(profiles.rename(id, name)),
    profilesRecolor: ({ id, color }) => Promise.resolve(profiles.recolor(id, color)),
    profilesDelete: async ({ id }) => {
      await profiles.delete(id);
      return { done: true as const };
    },
    profilesConnectOauth: async ({ id }) => {
      deps.onConnectError(null);
      const { authorizeUrl, done } = await connect.startOAuth(id);
      done.then(
        () => deps.onConnectError(null),
        (error: unknown) => deps.onConnectError(error instanceof Error ? error.message : 'The sign-in did not complete.'),
      );
      return { authorizeUrl };
    },
    profilesConnectPat: async ({ id, token }) => toView(await connect.connectPat(id, token)),
    profilesCancelConnect: () => {
      connect.cancel();
      return Promise.resolve({ done: true as const });
    },
    oauthSettingsGet: () => settings.view(),
    oauthSettingsSet: async (input) => {
      await settings.update(input);
      return settings.view();
    },
  };
}
