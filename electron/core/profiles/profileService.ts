import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../platform/errors';
import type { ProfileRepository, ProfileRecord } from './profileRepository';
import type { TokenVault } from '../tokens/tokenVault';
import type { TokenManager } from '../tokens/tokenManager';
import type { ConnectService } from './connectService';
import { AirtableError } from '../airtable/airtableError';
import { PROFILE_COLORS, ProfileName, type ProfileColor, type ProfileView } from '../../../shared/domain/profile';

export interface ProfileServiceDeps {
  profiles: ProfileRepository;
  vault: TokenVault;
  tokens: TokenManager;
  connect: ConnectService;
  /** Each profile's own data folder lives under here, named by its id. */
  dataRoot: string;
  stopRequests(profileId: string, error: AirtableError): void;
  onChange(profileId: string): void;
}

export function toView(record: ProfileRecord): ProfileView {
  const { tokenGeneration: _g, refreshIntentGeneration: _r, ...view } = record;
  return view;
}

/** Profiles: create, rename, recolor, delete, list. Names are checked for length and uniqueness. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  list(): ProfileView[] {
    return this.deps.profiles.list().map(toView);
  }

  get(id: string): ProfileRecord {
    const profile = this.deps.profiles.get(id);
    if (!profile) throw new AppError('NOT_FOUND', 'That profile does not exist.');
    return profile;
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
    this.deps.onChange(id);
    return toView(this.get(id));
  }

  rename(id: string, name: string): ProfileView {
    this.get(id);
    this.deps.profiles.update(id, { name: this.checkName(name, id) });
    this.deps.onChange(id);
    return toView(this.get(id));
  }

  recolor(id: string, color: ProfileColor): ProfileView {
    this.get(id);
    this.deps.profiles.update(id, { color });
    this.deps.onChange(id);
    return toView(this.get(id));
  }

  /** Removes the profile, its keychain entries and its data folder, and nothing of any other profile. */
  async delete(id: string): Promise<void> {
    this.get(id);
    if (this.deps.connect.inProgress === id) this.deps.connect.cancel('The profile was deleted.');
    this.deps.stopRequests(id, new AirtableError('profile-stopped', 'This profile was deleted.', 0, 'NOT_FOUND'));
    this.deps.tokens.forget(id);
    await this.deps.vault.deleteProfile(id);
    this.deps.profiles.remove(id);
    await rm(this.dataFolder(id), { recursive: true, force: true });
    this.deps.onChange(id);
  }

  private checkName(name: string, selfId?: string): string {
    const parsed = ProfileName.safeParse(name);
    if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'That name cannot be used.');
    const clash = this.deps.profiles.findByName(parsed.data);
    if (clash && clash.id !== selfId) throw new AppError('CONFLICT', `A profile named "${clash.name}" already exists.`);
    return parsed.data;
  }
}
