import { z } from 'zod';
import { OAuthSettingsInput, OAuthSettingsView } from '../../domain/oauthSettings';
import { ProfileColor, ProfileName, ProfileView } from '../../domain/profile';
import { done, noInput, profileId } from './common';

export const profilesMethods = {
  profilesList: { channel: 'profiles:list', input: noInput, output: z.array(ProfileView) },
  profilesCreate: { channel: 'profiles:create', input: z.object({ name: ProfileName, color: ProfileColor.optional() }).strict(), output: ProfileView },
  profilesRename: { channel: 'profiles:rename', input: z.object({ id: profileId, name: ProfileName }).strict(), output: ProfileView },
  profilesRecolor: { channel: 'profiles:recolor', input: z.object({ id: profileId, color: ProfileColor }).strict(), output: ProfileView },
  profilesDelete: { channel: 'profiles:delete', input: z.object({ id: profileId }).strict(), output: done },
  /** Opens Airtable's consent page in the system browser; the outcome arrives as profiles:changed. */
  profilesConnectOauth: { channel: 'profiles:connect-oauth', input: z.object({ id: profileId }).strict(), output: z.object({ authorizeUrl: z.string() }).strict() },
  /** The token travels renderer → main only; no answer ever carries it back. */
  profilesConnectPat: { channel: 'profiles:connect-pat', input: z.object({ id: profileId, token: z.string().min(1).max(1000) }).strict(), output: ProfileView },
  profilesCancelConnect: { channel: 'profiles:cancel-connect', input: noInput, output: done },
  /** A new profile connected with a personal access token, as one step: a token Airtable refuses creates nothing. */
  profilesAddWithPat: { channel: 'profiles:add-with-pat', input: z.object({ name: ProfileName, color: ProfileColor.optional(), token: z.string().min(1).max(1000) }).strict(), output: ProfileView },
  /**
   * A new profile connected with OAuth: the consent page opens in the system browser; a sign-in
   * that fails or is cancelled removes the profile again, and `clientId` is saved only once it worked.
   */
  profilesAddWithOauth: {
    channel: 'profiles:add-with-oauth',
    input: z.object({ name: ProfileName, color: ProfileColor.optional(), clientId: z.string().trim().min(1).max(200).optional() }).strict(),
    output: z.object({ profileId: z.string(), authorizeUrl: z.string() }).strict(),
  },
  oauthSettingsGet: { channel: 'oauth-settings:get', input: noInput, output: OAuthSettingsView },
  oauthSettingsSet: { channel: 'oauth-settings:set', input: OAuthSettingsInput, output: OAuthSettingsView },
} as const;

export const profilesEvents = {
  profilesChanged: {
    channel: 'profiles:changed',
    payload: z.object({ profiles: z.array(ProfileView), connecting: z.string().nullable(), lastConnectError: z.string().nullable() }).strict(),
  },
} as const;
