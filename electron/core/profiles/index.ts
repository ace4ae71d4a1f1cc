/** Profiles and connecting them to Airtable. */
export { ProfileService } from './profileService';
export { ProfileRepository } from './profileRepository';
export { ConnectService } from './connectService';
export { createProfileHandlers } from './profileHandlers';
export { Onboarding } from './onboarding';
export { vaultMigrations } from './vaultMigrations';
