import path from 'node:path';
import { AirtableClient, createProfileApi, RequestScheduler, type SchedulerOptions, staticTokens } from './airtable';
import { createAppHandlers } from './app';
import { OAuthSettingsStore, defaultOAuthSettings, type OAuthSettings, TokenEndpoint } from './auth';
import type { Handlers } from './platform/ipc/handlers';
import { configure, type OpenDatabase, type SqlDatabase } from './platform/db/sqlite';
import { migrate } from './platform/db/migrate';
import { CoreEvents } from './platform/events';
import type { AppEnvironment, BrowserOpener, Clock, Fetch, Logger, SecretStore } from './ports';
import { ConnectService, createProfileHandlers, Onboarding, ProfileRepository, ProfileService, vaultMigrations } from './profiles';
import {
  BackgroundSync,
  Connectivity,
  OutboxService,
  RecordsService,
  SchemaService,
  SyncCoordinator,
  attachmentUrlPolicy,
  createAttachmentsHandlers,
  AttachmentsService,
  createCommentsHandlers,
  CommentsService,
  createOutboxHandlers,
  createRecordsHandlers,
  createSchemaHandlers,
  createSyncHandlers,
  type BackgroundSyncOptions,
} from './records';
import { ChunkedSecretStore, Lease, TokenManager, grantStoppedError, type TokenManagerOptions, TokenVault } from './tokens';
import { Workspaces } from './workspace';
import type { EventName, EventPayload } from '../../shared/ipc/contract';

/** The ports core needs from whoever hosts it (Electron's main process, the CLI, or a test), and its options. */
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
  /** Origins besides Airtable's content hosts that attachments may be downloaded from (the sandbox's, in tests and previews). */
  attachmentOrigins?: string[];
}

/** What a host (the app, the test host) uses: the handler table and the lifecycle. */
export interface Core {
  readonly handlers: Handlers;
  /** Refreshes tokens due while Airvault was closed, then starts background sync. */
  start(): Promise<void>;
  /** Cancels syncs and sign-ins, waits (bounded) for token refreshes to commit, closes every database. */
  stop(): Promise<void>;
  /** The machine woke or the clock jumped: refresh what is due. */
  resume(): Promise<void>;
  /** Where `airvault://oauth/callback` links end. */
  completeSignIn(callbackUrl: string): Promise<{ ok: boolean; ended: boolean; message: string }>;
}

/** Every service, for hosts that need more than the facade (the command line) and for tests. */
export interface CoreServices extends Core {
  readonly events: CoreEvents;
  readonly db: SqlDatabase;
  readonly logger: Logger;
  readonly scheduler: RequestScheduler;
  readonly client: AirtableClient;
  readonly settings: OAuthSettingsStore;
  readonly tokens: TokenManager;
  readonly profiles: ProfileService;
  readonly connect: ConnectService;
  readonly workspaces: Workspaces;
  readonly outbox: OutboxService;
  readonly sync: SyncCoordinator;
  readonly background: BackgroundSync;
}

/**
 * Builds the core services from ports, each after what it depends on. Not a container: plain
 * constructors, wired once. `electron/main/bootstrap.ts`, the command line and the end-to-end
 * test host all call this, so they run the same core. Services tell each other facts through
 * the in-core event bus (a profile changed, is being deleted, lost its grant).
 */
export function createCore(ports: CorePorts): CoreServices {
  const { clock, logger } = ports;
  const emit: CorePorts['emit'] = (event, payload) => ports.emit(event, payload);
  const events = new CoreEvents();
  events.onListenerError = (event, error) => logger.warn('a listener failed', { event, error: error instanceof Error ? error.message : 'unknown' });
  const db = ports.openDatabase(path.join(ports.env.dataFolder, 'vault.sqlite'));
  configure(db, { durable: true });
  migrate(db, vaultMigrations);

  const secrets = new ChunkedSecretStore(ports.secrets);
  const settings = new OAuthSettingsStore(db, secrets, { ...defaultOAuthSettings, ...ports.oauthDefaults });
  const scheduler = new RequestScheduler(ports.scheduler, clock, logger);
  const endpoint = new TokenEndpoint(() => settings.get(), () => settings.clientSecret(), ports.fetch, () => clock.now());
  const tokens = new TokenManager(
    { db, vault: new TokenVault(secrets), lease: new Lease(db, ports.processId, clock), endpoint, clock, logger, events, configuredClientId: () => settings.get().clientId },
    ports.tokenManager,
  );
  const client = new AirtableClient({ fetch: ports.fetch, tokens, scheduler, scopesOf: (id) => tokens.grantedScopes(id) });
  const profileRepository = new ProfileRepository(db, () => clock.now());
  const profiles = new ProfileService({ profiles: profileRepository, standing: { grants: tokens.grants, isRefreshing: (id) => tokens.isRefreshing(id) }, events, dataRoot: ports.env.dataFolder });
  const connect = new ConnectService({
    profiles: profileRepository,
    settings,
    endpoint,
    tokens,
    browser: ports.browser,
    clock,
    logger,
    events,
    // whoami for a token not stored yet: its own provider, the same scheduler.
    whoami: (token, apiUrl) => createProfileApi(new AirtableClient({ fetch: ports.fetch, tokens: staticTokens({ connecting: token }, apiUrl), scheduler }), 'connecting').meta.whoami(),
  });

  const workspaces = new Workspaces({
    openDatabase: ports.openDatabase,
    client,
    fetch: ports.fetch,
    clock,
    logger,
    attachmentUrls: attachmentUrlPolicy(ports.attachmentOrigins),
    folderOf: (id) => profiles.dataFolder(profiles.get(id).id),
  });
  const recordsOf = (profileId: string) => workspaces.records(profileId);
  const isOpen = (profileId: string) => workspaces.isOpen(profileId);
  const connectivity = new Connectivity(emit);
  const outbox = new OutboxService({ recordsOf, isOpen, connectivity, clock, emit });
  const sync = new SyncCoordinator({ recordsOf, isOpen, outbox, connectivity, scheduler, clock, logger, emit });
  const background = new BackgroundSync(
    {
      sync,
      outbox,
      isOpen,
      profilesWithCache: () => profiles.list().filter((p) => (p.status === 'active' || p.status === 'refreshing') && workspaces.exists(p.id)).map((p) => p.id),
      clock,
      logger,
    },
    ports.backgroundSync || {},
  );

  // Facts between services.
  scheduler.onSent((request) => sync.recordCall(request.profileId, request.baseId, request.priority));
  events.on('grantStopped', ({ profileId, status, reason }) => scheduler.stopProfile(profileId, grantStoppedError(status, reason)));
  events.on('grantResumed', ({ profileId }) => scheduler.resumeProfile(profileId));
  events.on('profileDeleting', async ({ profileId }) => {
    scheduler.stopProfile(profileId, grantStoppedError('revoked', 'This profile was deleted.'));
    sync.cancelProfile(profileId);
    outbox.stop(profileId);
    workspaces.close(profileId);
    connectivity.forget(profileId);
    await tokens.forget(profileId);
  });
  events.on('profileChanged', () => emit('profilesChanged', { profiles: profiles.list(), connecting: connect.inProgress ?? null, lastConnectError: connect.lastError }));

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
    ...createProfileHandlers({ profiles, connect, onboarding: new Onboarding({ profiles, connect }), settings }),
    ...createSyncHandlers(sync),
    ...createSchemaHandlers(new SchemaService({ recordsOf, now: () => clock.now() })),
    ...createRecordsHandlers(new RecordsService({ recordsOf, outbox, openLink: (url) => ports.browser.openLink(url) })),
    ...createOutboxHandlers(outbox),
    ...createAttachmentsHandlers(new AttachmentsService({ recordsOf, openFile: (file, how) => ports.browser.openFile(file, how) })),
    ...createCommentsHandlers(new CommentsService({ recordsOf, outbox, userOf: (id) => profileRepository.get(id)?.airtableUser?.id ?? null, now: () => clock.now() })),
  };

  return {
    handlers,
    events,
    db,
    logger,
    scheduler,
    client,
    settings,
    tokens,
    profiles,
    connect,
    workspaces,
    outbox,
    sync,
    background,
    async start() {
      await probeSecureStorage();
      await tokens.start();
      if (ports.backgroundSync !== false) background.start();
    },
    async stop() {
      await connect.stop();
      sync.cancelAll();
      outbox.stop();
      await background.stop();
      await tokens.stopAll();
      workspaces.closeAll();
      db.close();
    },
    resume: () => tokens.onResume(),
    completeSignIn: (url) => connect.complete(url),
  };
}
