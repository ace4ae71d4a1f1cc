import { create } from 'zustand';
import type { ProfileColor, ProfileView } from '../../../shared/domain/profile';
import type { OAuthSettingsView } from '../../../shared/domain/oauthSettings';
import { call } from '../lib/api';

interface ProfilesState {
  profiles: ProfileView[];
  connecting: string | null;
  lastConnectError: string | null;
  oauth: OAuthSettingsView | null;
  loaded: boolean;
  load: () => Promise<void>;
  received: (update: { profiles: ProfileView[]; connecting: string | null; lastConnectError: string | null }) => void;
  create: (name: string, color?: ProfileColor) => Promise<ProfileView>;
  rename: (id: string, name: string) => Promise<void>;
  recolor: (id: string, color: ProfileColor) => Promise<void>;
  remove: (id: string) => Promise<void>;
  connectPat: (id: string, token: string) => Promise<void>;
  connectOauth: (id: string) => Promise<void>;
  cancelConnect: () => Promise<void>;
  saveOauth: (settings: Parameters<typeof call<'oauthSettingsSet'>>[1]) => Promise<void>;
}

/** Profiles as main reports them; every change also arrives as profiles:changed. */
export const useProfiles = create<ProfilesState>()((set, get) => {
  const replace = (profile: ProfileView) => set({ profiles: get().profiles.map((p) => (p.id === profile.id ? profile : p)) });
  return {
    profiles: [],
    connecting: null,
    lastConnectError: null,
    oauth: null,
    loaded: false,
    async load() {
      const [profiles, oauth] = await Promise.all([call('profilesList', {}), call('oauthSettingsGet', {})]);
      set({ profiles, oauth, loaded: true });
    },
    received(update) {
      set({ ...update, loaded: true });
    },
    async create(name, color) {
      const profile = await call('profilesCreate', color ? { name, color } : { name });
      set({ profiles: [...get().profiles.filter((p) => p.id !== profile.id), profile] });
      return profile;
    },
    async rename(id, name) {
      replace(await call('profilesRename', { id, name }));
    },
    async recolor(id, color) {
      replace(await call('profilesRecolor', { id, color }));
    },
    async remove(id) {
      await call('profilesDelete', { id });
      set({ profiles: get().profiles.filter((p) => p.id !== id) });
    },
    async connectPat(id, token) {
      replace(await call('profilesConnectPat', { id, token }));
    },
    async connectOauth(id) {
      set({ connecting: id, lastConnectError: null });
      await call('profilesConnectOauth', { id });
    },
    async cancelConnect() {
      await call('profilesCancelConnect', {});
    },
    async saveOauth(settings) {
      set({ oauth: await call('oauthSettingsSet', settings) });
    },
  };
});
