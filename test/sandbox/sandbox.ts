import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo, Socket } from 'node:net';
import { ALL_SCOPES, AuthRegistry, type TokenSettings } from './auth';
import { SandboxClock } from './clock';
import { errors, SandboxError } from './errors';
import { FaultInjector } from './faults';
import { parseQuery, readJson, sendError, sendJson } from './http';
import { IteratorStore } from './listRecords';
import { QuotaCounter, RateLimiter } from './limits';
import { handleAuthorize, handleToken, type ConsentSettings } from './oauth';
import { classify } from './routing';
import { SchemaEditor } from './schema';
import { SANDBOX_USER_ID, parseSeed, seed, seedUsers, type SeedSpec } from './seed';
import { attachmentBytes, SandboxStore } from './store';
import { WebhookRegistry } from './webhooks';
import type { ApiAnswer, ApiContext, BaseContext } from './context';
import { baseMetaRoutes, canSee, listBases, whoami } from './metaRoutes';
import { recordRoutes } from './recordRoutes';
import { commentRoutes } from './commentRoutes';
import { webhookRoutes } from './webhookRoutes';
import { controlRoutes } from './control';

export interface SandboxOptions {
  port?: number;
  seed?: string | SeedSpec;
  /** Scales the 30-second rate-limit lockout (0.01 → 300 ms). Off (1) by default. */
  timeScale?: number;
  rateLimits?: boolean;
  /** Monthly call quota per workspace (Free 1,000, Team 100,000); unlimited by default. */
  monthlyQuota?: number;
  iteratorIdleMs?: number;
  tokens?: Partial<TokenSettings>;
  basesPageSize?: number;
  maxBodyBytes?: number;
  latencyMs?: number;
  jitterMs?: number;
}

export interface SandboxSettings {
  basesPageSize: number;
  maxBodyBytes: number;
  attachmentUrlTtlMs: number;
}

export interface RequestStats {
  total: number;
  byStatus: Record<string, number>;
  byBase: Record<string, number>;
  byToken: Record<string, number>;
  rateLimited: number;
  rateLimitedByBase: Record<string, number>;
}

const emptyStats = (): RequestStats => ({ total: 0, byStatus: {}, byBase: {}, byToken: {}, rateLimited: 0, rateLimitedByBase: {} });
const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
export const DEFAULT_CLIENT_ID = 'sandbox-client-0001';
export const DEFAULT_REDIRECT_URIS = ['http://127.0.0.1:53682/oauth/callback', 'http://localhost:53682/oauth/callback', 'airvault://oauth/callback'];

/**
 * A local Airtable: the records, metadata, comments and webhooks APIs, OAuth with PKCE, the
 * rate limits and quotas, and faults on demand, all following AIRTABLE-API.md. A control API
 * under /__control lets tests reset, seed, revoke, inject faults and read request counts.
 */
export class Sandbox {
  readonly clock = new SandboxClock();
  readonly store: SandboxStore;
  readonly auth: AuthRegistry;
  readonly limiter = new RateLimiter();
  readonly quota = new QuotaCounter();
  readonly faults = new FaultInjector();
  readonly iterators = new IteratorStore();
  readonly webhooks: WebhookRegistry;
  readonly schema: SchemaEditor;
  readonly settings: SandboxSettings;
  readonly consent: ConsentSettings = { mode: 'approve', userId: SANDBOX_USER_ID, baseIds: 'all' };
  stats = emptyStats();
  /** How long the sandbox's own event loop stalled: a stall delays when requests are counted. */
  readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  defaultPat = '';
  url = '';
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly urlSecret = randomBytes(16);
  private readonly initialSeed: SeedSpec;
  private seedSpec: SeedSpec;

  constructor(private readonly options: SandboxOptions = {}) {
    this.store = new SandboxStore(this.clock, (id, filename, thumb) => this.attachmentUrl(id, filename, thumb));
    this.auth = new AuthRegistry(this.clock);
    this.webhooks = new WebhookRegistry(this.store, this.clock);
    this.schema = new SchemaEditor(this.store);
    this.settings = { basesPageSize: options.basesPageSize ?? 1000, maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024, attachmentUrlTtlMs: 2 * 3600_000 };
    this.initialSeed = typeof options.seed === 'string' ? parseSeed(options.seed) : (options.seed ?? parseSeed('demo'));
    this.seedSpec = this.initialSeed;
    this.configure();
  }

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const sandbox = new Sandbox(options);
    await sandbox.listen(options.port ?? 0);
    return sandbox;
  }

  /** Everything back to the start (the start-up seed unless another is given): data, tokens, limits, faults, counters. */
  reset(seedSpec?: SeedSpec): void {
    this.seedSpec = seedSpec ?? this.initialSeed;
    this.store.bases.clear();
    this.store.users.clear();
    this.store.attachments.clear();
    this.auth.pats.clear();
    this.auth.grants.clear();
    this.auth.codes.clear();
    this.webhooks.hooks.clear();
    this.iterators.clear();
    this.limiter.reset();
    this.quota.used.clear();
    this.quota.limits.clear();
    this.faults.clear();
    this.clock.reset();
    this.stats = emptyStats();
    this.configure();
  }

  private configure(): void {
    const o = this.options;
    this.limiter.settings = { ...this.limiter.settings, enabled: o.rateLimits ?? true, timeScale: o.timeScale ?? 1 };
    this.quota.defaultLimit = o.monthlyQuota;
    this.iterators.idleMs = o.iteratorIdleMs ?? 5 * 60_000;
    this.auth.settings = { ...this.auth.settings, ...o.tokens };
    this.faults.configure({ latencyMs: o.latencyMs ?? 0, jitterMs: o.jitterMs ?? 0 });
    Object.assign(this.consent, { mode: 'approve', userId: SANDBOX_USER_ID, baseIds: 'all' });
    seedUsers(this.store);
    seed(this.store, this.seedSpec);
    this.defaultPat = this.auth.createPat(SANDBOX_USER_ID, ALL_SCOPES, 'all', 'default');
    this.auth.registerClient({ clientId: DEFAULT_CLIENT_ID, redirectUris: [...DEFAULT_REDIRECT_URIS], scopes: [...ALL_SCOPES] });
  }

  info() {
    return {
      url: this.url,
      apiUrl: `${this.url}/v0`,
      authorizeUrl: `${this.url}/oauth2/v1/authorize`,
      tokenUrl: `${this.url}/oauth2/v1/token`,
      clientId: DEFAULT_CLIENT_ID,
      redirectUris: DEFAULT_REDIRECT_URIS,
      personalAccessToken: this.defaultPat,
      bases: [...this.store.bases.values()].map((b) => ({ id: b.id, name: b.name, tables: b.tables.length, records: b.tables.reduce((n, t) => n + t.records.size, 0) })),
    };
  }

  listen(port: number): Promise<void> {
    this.loopDelay.enable();
    // Airtable accepts URLs up to 16,000 characters; Node would answer 431 past 16 KB of headers.
    const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  /** Stops listening and drops every open connection (also what a "server restart" looks like). */
  close(): Promise<void> {
    this.loopDelay.disable();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  attachmentUrl(id: string, filename: string, thumbnail?: 'small' | 'large' | 'full'): string {
    const expires = this.clock.now() + this.settings.attachmentUrlTtlMs;
    const path = `/attachments/${id}/${thumbnail ?? 'file'}/${encodeURIComponent(filename)}`;
    return `${this.url}${path}?expires=${expires}&sig=${this.sign(path, expires)}`;
  }

  private sign(path: string, expires: number): string {
    return createHmac('sha256', this.urlSecret).update(`${path}:${expires}`).digest('base64url').slice(0, 32);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    try {
      if (url.pathname.startsWith('/__control/')) return await controlRoutes(this, req, res, url);
      if (url.pathname === '/oauth2/v1/authorize' && method === 'GET') return handleAuthorize(url, res, this.auth, this.consent);
      if (url.pathname === '/oauth2/v1/token' && method === 'POST') return await handleToken(req, res, this.auth);
      if (url.pathname.startsWith('/attachments/') && method === 'GET') return this.serveAttachment(url, res);
      if (url.pathname.startsWith('/v0/')) return await this.handleApi(req, res, url, method);
      sendError(res, errors.notFound());
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof SandboxError) return sendError(res, error);
      process.stderr.write(`sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      sendError(res, errors.serverError(500));
    }
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    this.stats.total++;
    const delay = this.faults.delayMs();
    const fault = this.faults.take(method, url.pathname);
    const respond = async (result: ApiAnswer | SandboxError) => {
      if (delay > 0) await sleep(delay);
      const status = result.status;
      bump(this.stats.byStatus, String(status));
      if (fault?.kind === 'slow-body') return this.sendSlowly(res, status, result.body, fault.durationMs ?? 2000);
      if (result instanceof SandboxError) sendError(res, result);
      else sendJson(res, result.status, result.body);
    };
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'malformed') {
      if (delay > 0) await sleep(delay);
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"records": [ this is not json');
    }
    if (fault?.kind === 'status') return respond(errors.serverError(fault.status ?? 500));
    try {
      const answer = await this.routeApi(req, url, method);
      if (fault?.kind === 'drop-after') return void req.socket.destroy();
      return await respond(answer);
    } catch (error) {
      if (error instanceof SandboxError) return respond(error);
      throw error;
    }
  }

  private async routeApi(req: IncomingMessage, url: URL, method: string): Promise<ApiAnswer> {
    if ((req.url ?? '').length >= 16_000) throw errors.urlTooLong();
    const principal = this.auth.authenticate(req.headers.authorization);
    bump(this.stats.byToken, principal.tokenKey);
    const segments = url.pathname.slice('/v0/'.length).split('/').filter(Boolean).map(decodeSegment);
    const route = classify(method, segments);
    if (!route) throw errors.notFound();
    const admitted = this.limiter.admit(principal.tokenKey, route.baseId);
    if (!admitted.ok) {
      this.stats.rateLimited++;
      if (route.baseId) bump(this.stats.rateLimitedByBase, route.baseId);
      throw errors.rateLimited();
    }
    if (route.baseId) bump(this.stats.byBase, route.baseId);
    const base = route.baseId ? this.store.bases.get(route.baseId) : undefined;
    if (route.countsAgainstQuota && base && !this.quota.spend(base.workspaceId)) throw errors.billingLimit();
    if (route.scopes.length > 0 && !route.scopes.some((s) => principal.scopes.has(s))) throw errors.permissionsOrModel();
    const ctx: ApiContext = {
      sandbox: this,
      req,
      url,
      method,
      segments,
      principal,
      query: parseQuery(url.searchParams),
      body: once(() => readJson(req, this.settings.maxBodyBytes)),
    };
    if (route.kind === 'whoami') return whoami(ctx);
    if (route.kind === 'bases') return listBases(ctx);
    if (!base || !canSee(ctx, base)) throw errors.permissionsOrModel();
    const baseCtx: BaseContext = { ...ctx, base };
    switch (route.kind) {
      case 'base-meta':
        return baseMetaRoutes(baseCtx, segments.slice(3));
      case 'webhooks':
        return webhookRoutes(baseCtx, segments.slice(3));
      case 'comments':
        return commentRoutes(baseCtx, segments[1] ?? '', segments[2] ?? '', segments[4]);
      case 'records':
        return recordRoutes(baseCtx, segments[1] ?? '', segments.slice(2));
    }
  }

  private serveAttachment(url: URL, res: ServerResponse): void {
    const [, , id, kind, filename] = url.pathname.split('/');
    const expires = Number(url.searchParams.get('expires'));
    const path = `/attachments/${id}/${kind}/${filename}`;
    const file = this.store.attachments.get(id ?? '');
    if (!file || url.searchParams.get('sig') !== this.sign(path, expires)) return void sendJson(res, 404, { error: 'NOT_FOUND' });
    // Airtable's attachment URLs stop working after about two hours.
    if (!(expires > this.clock.now())) return void sendJson(res, 410, { error: { type: 'EXPIRED', message: 'This attachment URL has expired' } });
    const thumb = kind === 'small' || kind === 'large' || kind === 'full' ? kind : undefined;
    const bytes = attachmentBytes(file, thumb);
    res.writeHead(200, { 'content-type': thumb ? 'image/png' : file.type, 'content-length': bytes.length });
    res.end(bytes);
  }

  private sendSlowly(res: ServerResponse, status: number, body: unknown, durationMs: number): void {
    const text = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': text.length });
    const chunks = 10;
    let sent = 0;
    const tick = () => {
      if (res.destroyed) return;
      const end = Math.ceil(((sent + 1) * text.length) / chunks);
      res.write(text.subarray(Math.ceil((sent * text.length) / chunks), end));
      sent++;
      if (sent < chunks) setTimeout(tick, durationMs / chunks);
      else res.end();
    };
    tick();
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw errors.notFound();
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
