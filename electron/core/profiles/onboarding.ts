import type { ProfileColor, ProfileView } from '../../../shared/domain/profile';
import type { ConnectService } from './connectService';
import type { ProfileService } from './profileService';

/**
 * Adding a profile and connecting it as one step, so a connection that fails leaves nothing
 * behind: no half-made profile in the list, no client id saved for later that never worked.
 */
export class Onboarding {
  constructor(private readonly deps: { profiles: ProfileService; connect: ConnectService }) {}

  /** The token is checked with Airtable first; only then is the profile created and the token stored. */
  async addWithPat(name: string, color: ProfileColor | undefined, token: string): Promise<ProfileView> {
    this.deps.profiles.checkNewName(name);
    const checked = await this.deps.connect.checkPat(token);
    const profile = this.deps.profiles.create(name, color);
    try {
      return this.deps.profiles.view(await this.deps.connect.connectPat(profile.id, checked));
    } catch (error) {
      await this.deps.profiles.delete(profile.id);
      throw error;
    }
  }

  /**
   * The profile exists while the sign-in runs (the flow belongs to it); if the sign-in fails or
   * is cancelled it is removed again, and `clientId` becomes the default only once it worked.
   */
  async addWithOauth(name: string, color: ProfileColor | undefined, clientId: string | undefined): Promise<{ profileId: string; authorizeUrl: string }> {
    const profile = this.deps.profiles.create(name, color);
    try {
      const { authorizeUrl } = await this.deps.connect.startOAuth(profile.id, {
        ...(clientId ? { clientId } : {}),
        onFailure: () => this.deps.profiles.delete(profile.id).catch(() => undefined),
      });
      return { profileId: profile.id, authorizeUrl };
    } catch (error) {
      await this.deps.profiles.delete(profile.id);
      throw error;
    }
  }
}
