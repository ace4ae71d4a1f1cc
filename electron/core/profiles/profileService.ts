import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../platform/errors';
import type { CoreEvents } from '../platform/events';
import type { TokenLedgerReader } from '../tokens';
import type { ProfileRecord, ProfileRepository } from './profileRepository';
import { PROFILE_COLORS, ProfileName, type ProfileColor, type ProfileView } from '../../../shared/domain/profile';

/** What profiles read of the token manager: each profile's standing, never a token. */
export interface GrantStanding {
  readonly grants: TokenLedgerReader;
  isRefreshing(profileId: string): boolean;
}

export interface ProfileServiceDeps {
  profiles: ProfileRepository;
  standing: GrantStanding;
  events: CoreEvents;
  /** Each profile's own data folder lives under here, named by its id. */
  dataRoot: string;
}

/** Profiles: create, rename, recolor, delete, list. Names are checked for length and uniqueness. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  list(): ProfileView[] {
    return this.deps.profiles.list().map((p) => this.view(p));
  }

  get(id: string): ProfileRecord {
    const profile = this.deps.profiles.get(id);
    if (!profile) throw new AppError('NOT_FOUND', 'That profile does not exist.');
    return profile;
  }

  /** The profile `id` as the UI shows it. */
  viewOf(id: string): ProfileView {
    return this.view(this.get(id));
  }

  /** A profile as the UI shows it: who it is, and its grant's standing (no grant yet: pending). */
  view(profile: ProfileRecord): ProfileView {
    const grant = this.deps.standing.grants.get(profile.id);
    const refreshing = grant?.status === 'active' && this.deps.standing.isRefreshing(profile.id);
    return {
      ...profile,
      authKind: grant?.authKind ?? null,
      status: !grant ? 'pending' : refreshing ? 'refreshing' : grant.status,
      statusReason: grant?.statusReason ?? null,
      grantedScopes: grant?.scopes ?? null,
      accessExpiresAt: grant?.accessExpiresAt ?? null,
      refreshExpiresAt: grant?.refreshExpiresAt ?? null,
    };
  }

  byName(name: string): ProfileRecord {
    const profile = this.deps.profiles.findByName(name);
    if (!profile) throw new AppError('NOT_FOUND', `There is no profile named "${name}".`);
    return profile;
  }

  dataFolder(id: string): string {
    return path.join(this.deps.dataRoot, 'profiles', id);
  }

  create(name: string, color?: ProfileColor): ProfileView {
    const checked = this.checkName(name);
    const id = randomUUID();
    const used = new Set(this.deps.profiles.list().map((p) => p.color));
    this.deps.profiles.insert(id, checked, color ?? PROFILE_COLORS.find((c) => !used.has(c)) ?? 'blue');
    this.changed(id);
    return this.view(this.get(id));
  }

  rename(id: string, name: string): ProfileView {
    this.get(id);
    this.deps.profiles.update(id, { name: this.checkName(name, id) });
    this.changed(id);
    return this.view(this.get(id));
  }

  recolor(id: string, color: ProfileColor): ProfileView {
    this.get(id);
    this.deps.profiles.update(id, { color });
    this.changed(id);
    return this.view(this.get(id));
  }

  /**
   * Removes the profile, its keychain entries and its data folder, and nothing of any other
   * profile. Whoever holds something of the profile lets go of it first (`profileDeleting`:
   * requests stop, databases close, tokens are forgotten), so the folder can be removed.
   */
  async delete(id: string): Promise<void> {
    this.get(id);
    await this.deps.events.emit('profileDeleting', { profileId: id });
    this.deps.profiles.remove(id);
    await rm(this.dataFolder(id), { recursive: true, force: true });
    this.changed(id);
  }

  private changed(profileId: string): void {
    this.deps.events.tell('profileChanged', { profileId });
  }

  /** Throws the reason a new profile could not have this name (empty, too long, taken), creating nothing. */
  checkNewName(name: string): void {
    this.checkName(name);
  }

  private checkName(name: string, selfId?: string): string {
    const parsed = ProfileName.safeParse(name);
    if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'That name cannot be used.');
    const clash = this.deps.profiles.findByName(parsed.data);
    if (clash && clash.id !== selfId) throw new AppError('CONFLICT', `A profile named "${clash.name}" already exists.`);
    return parsed.data;
  }
}
