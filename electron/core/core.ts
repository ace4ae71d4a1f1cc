import { AirtableClient } from './airtable/client';
import { staticTokens } from './airtable/tokenProvider';
import { ConnectService } from "./profiles/connectService";
import type { BrowserOpener } from "./ports";
import { OAuthSettingsStore, defaultOAuthSettings, type OAuthSettings } from './auth/oauthSettings';
import { TokenEndpoint } from './auth/tokenEndpoint';
import { configure, type OpenDatabase, type SqlDatabase } from './platform/db/sqlite';
import { migrate } from './platform/db/migrate';
import type { Handlers } from './platform/ipc/handlers';
import type { AppEnvironment, Clock, Logger } from './ports';
import { createAppHandlers } from './app/appHandlers';
import { ProfileRepository } from './profiles/profileRepository';
import { ProfileService } from './profiles/profileService';
import { createProfileHandlers } from './profiles/profileHandlers';
import { vaultMigrations } from './profiles/vaultMigrations';
import { ChunkedSecretStore } from './tokens/chunkedSecrets';
import type { SecretStore } from "./ports";
import { RequestScheduler } from './airtable/scheduler/scheduler';
import type { SchedulerOptions } from './airtable/scheduler/types';
import { Lease } from './tokens/lease';
import { TokenManager, type TokenManagerOptions } from './tokens/tokenManager';
import { TokenVault } from './tokens/tokenVault';
import type { Fetch } from "./ports";
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import path from 'node:path';
import { ProfileCaches } from './workspace/profileCaches';
import { createCacheHandlers } from './records/recordsHandlers';
import { createSchemaHandlers } from './records/cache/schemaHandlers';
import { BackgroundSync, type BackgroundSyncOptions } from './records/sync/backgroundSync';
import { createProfileApi } from './airtable/profileApi';

/** The ports core needs from whoever hosts it: Electron's main process, the CLI, or a test. */
export interface CorePorts {
  env: AppEnvironment;
  openDatabase: OpenDatabase;
  secrets: SecretStore;
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  browser: BrowserOpener;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Identifies this process in cross-process leases. */
  processId: string;
  oauthDefaults?: Partial<OAuthSettings>;
  scheduler?: Partial<SchedulerOptions>;
  tokenManager?: Partial<TokenManagerOptions>;
  /** false turns the background loop off (the command line and most tests sync on demand). */
  backgroundSync?: Partial<BackgroundSyncOptions> | false;
}

export interface Core {
  handlers: Handlers;
  logger: Logger;
  db: SqlDatabase;
  profiles: ProfileService;
  connect: ConnectService;
  tokens: TokenManager;
  client: AirtableClient;
  scheduler: RequestScheduler;
  settings: OAuthSettingsStore;
  caches: ProfileCaches;
  background: BackgroundSync;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the core services from ports, in dependency order. Not a container: plain
 * constructors, wired once. `electron/main/bootstrap.ts`, the command line and the end-to-end
 * test host all call this, so they run the same core.
 */
export function createCore(ports: CorePorts): Core {
  const { clock, logger } = ports;
  const db = ports.openDatabase(path.join(ports.env.dataFolder, 'vault.sqlite'));
  configure(db, { durable: true });
  migrate(db, vaultMigrations);

  const secrets = new ChunkedSecretStore(ports.secrets);
  const repo = new ProfileRepository(db, () => clock.now());
  const vault = new TokenVault(secrets);
  const settings = new OAuthSettingsStore(db, secrets, { ...defaultOAuthSettings, ...ports.oauthDefaults });
  const scheduler = new RequestScheduler(ports.scheduler, clock, logger);
  const endpoint = new TokenEndpoint(() => settings.get(), () => settings.clientSecret(), ports.fetch, () => clock.now());
  const lease = new Lease(db, ports.processId, clock);
  let connectError: string | null = null;
  const publish = (): void => ports.emit('profilesChanged', { profiles: profiles.list(), connecting: connect.inProgress ?? null, lastConnectError: connectError });
  const tokens = new TokenManager(
    {
      profiles: repo,
      vault,
      lease,
      endpoint,
      clock,
      logger,
      onStatus: () => publish(),
      stopRequests: (id, error) => scheduler.stopProfile(id, error),
      resumeRequests: (id) => scheduler.resumeProfile(id),
    },
    ports.tokenManager,
  );
  const apiUrl = () => settings.get().apiUrl;
  const client = new AirtableClient({ fetch: ports.fetch, tokens, scheduler, apiUrl, scopesOf: (id) => tokens.grantedScopes(id) });
  const connect = new ConnectService({
    profiles: repo,
    vault,
    settings,
    endpoint,
    tokens,
    browser: ports.browser,
    clock,
    logger,
    onChange: () => publish(),
    // whoami for a token not stored yet: its own provider, the same scheduler.
    whoami: (token) => createProfileApi(new AirtableClient({ fetch: ports.fetch, tokens: staticTokens({ connecting: token }), scheduler, apiUrl }), 'connecting').meta.whoami(),
  });
  const caches = new ProfileCaches({ openDatabase: ports.openDatabase, client, fetch: ports.fetch, clock, logger, folderOf: (id) => profiles.dataFolder(id), emit: (event, payload) => ports.emit(event, payload) });
  scheduler.onSent((request) => caches.recordCall(request.profileId, request.baseId, request.priority));
  const background = new BackgroundSync(
    { caches, clock, logger, connectedProfiles: () => profiles.list().filter((p) => p.status === 'active' || p.status === 'refreshing').map((p) => p.id) },
    ports.backgroundSync || {},
  );
  const profiles: ProfileService = new ProfileService({
    profiles: repo,
    vault,
    tokens,
    connect,
    dataRoot: ports.env.dataFolder,
    stopRequests: (id, error) => {
      scheduler.stopProfile(id, error);
      if (error.type === 'NOT_FOUND') caches.close(id); // deleted: its folder is about to go
    },
    onChange: () => publish(),
  });

  let secureStorage: 'available' | 'unavailable' | 'unknown' = 'unknown';
  /** Asks the keychain once; the answer is shown to the person (app:info) before they try to connect. */
  const probeSecureStorage = async () => {
    try {
      await ports.secrets.accounts();
      secureStorage = 'available';
    } catch {
      secureStorage = 'unavailable';
      logger.warn('secure storage unavailable: no token will be stored');
    }
  };
  const handlers: Handlers = {
    ...createAppHandlers(ports.env, () => secureStorage),
    ...createProfileHandlers({
      profiles,
      connect,
      settings,
      onConnectError: (message) => {
        connectError = message;
        publish();
      },
    }),
    ...createCacheHandlers(caches, profiles),
    ...createSchemaHandlers(caches, profiles, clock),
  };

  return {
    handlers,
    logger,
    db,
    profiles,
    connect,
    tokens,
    client,
    scheduler,
    settings,
    caches,
    background,
    async start() {
      await probeSecureStorage();
      await tokens.start();
      if (ports.backgroundSync !== false) background.start();
    },
    async stop() {
      connect.cancel('Airvault is quitting.');
      caches.cancelAll();
      await background.stop();
      await tokens.stopAll();
      caches.closeAll();
      db.close();
    },
  };
}
