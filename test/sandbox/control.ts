import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_SCOPES } from './auth';
import { errors } from './errors';
import type { FaultRule } from './faults';
import { readJson, sendJson } from './http';
import { findField, findTable } from './model';
import { parseSeed, SANDBOX_USER_ID } from './seed';
import type { Sandbox } from './sandbox';

const OTHER_USER = 'usrSandboxColl001';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The test-only control API. It is what a person does in Airtable's own UI (revoke an
 * integration, edit a record, delete a field) plus the knobs of the sandbox itself.
 */
export async function controlRoutes(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice('/__control/'.length);
  const method = req.method ?? 'GET';
  const body = method === 'GET' ? {} : await readJson(req, 16 * 1024 * 1024);
  const ok = (value: unknown = { ok: true }) => sendJson(res, 200, value);
  const auth = sandbox.auth;

  if (path === 'info' && method === 'GET') return ok(sandbox.info());
  if (path === 'reset' && method === 'POST') {
    sandbox.reset(typeof body.seed === 'string' ? parseSeed(body.seed) : undefined);
    return ok(sandbox.info());
  }
  if (path === 'gc' && method === 'POST') {
    // Benchmarks collect garbage between runs (node --expose-gc), so a long pause of the
    // sandbox itself does not land inside a measured run and bunch paced requests together.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    sandbox.loopDelay.reset();
    return ok({ collected: Boolean(gc) });
  }
  if (path === 'stats' && method === 'GET') {
    return ok({ ...sandbox.stats, maxEventLoopDelayMs: Math.round(sandbox.loopDelay.max / 1e6), tokenEndpointCalls: auth.tokenEndpointCalls, refreshReuses: auth.refreshReuses, quotaUsed: Object.fromEntries(sandbox.quota.used), lockedBases: sandbox.limiter.lockedBases() });
  }
  if (path === 'stats/reset' && method === 'POST') {
    sandbox.stats = { total: 0, byStatus: {}, byBase: {}, byToken: {}, rateLimited: 0, rateLimitedByBase: {} };
    auth.tokenEndpointCalls = 0;
    auth.refreshReuses = 0;
    return ok();
  }
  if (path === 'faults' && method === 'POST') {
    const rules = Array.isArray(body.rules) ? (body.rules as FaultRule[]) : undefined;
    sandbox.faults.configure({
      ...(typeof body.latencyMs === 'number' ? { latencyMs: body.latencyMs } : {}),
      ...(typeof body.jitterMs === 'number' ? { jitterMs: body.jitterMs } : {}),
      ...(rules ? { rules } : {}),
    });
    return ok(sandbox.faults.settings);
  }
  if (path === 'faults' && method === 'DELETE') {
    sandbox.faults.clear();
    return ok();
  }
  if (path === 'limits' && method === 'POST') {
    sandbox.limiter.settings = { ...sandbox.limiter.settings, ...pick(body, ['enabled', 'timeScale', 'perBasePerSecond', 'perTokenPerSecond', 'lockoutMs']) };
    if (body.resetWindows === true) sandbox.limiter.reset();
    return ok(sandbox.limiter.settings);
  }
  if (path === 'quota' && method === 'POST') {
    if (typeof body.workspaceId === 'string') {
      if (typeof body.limit === 'number') sandbox.quota.limits.set(body.workspaceId, body.limit);
      if (typeof body.used === 'number') sandbox.quota.used.set(body.workspaceId, body.used);
    } else if ('limit' in body) {
      sandbox.quota.defaultLimit = typeof body.limit === 'number' ? body.limit : undefined;
    }
    return ok({ defaultLimit: sandbox.quota.defaultLimit ?? null, used: Object.fromEntries(sandbox.quota.used) });
  }
  if (path === 'clock/advance' && method === 'POST') {
    sandbox.clock.advance(Number(body.ms ?? 0));
    return ok({ now: new Date(sandbox.clock.now()).toISOString() });
  }
  if (path === 'tokens/settings' && method === 'POST') {
    auth.settings = { ...auth.settings, ...pick(body, ['accessTtlSeconds', 'refreshTtlSeconds', 'refreshGraceMs', 'codeTtlMs']) };
    return ok(auth.settings);
  }
  if (path === 'consent' && method === 'POST') {
    if (body.mode === 'approve' || body.mode === 'deny' || body.mode === 'page') sandbox.consent.mode = body.mode;
    if (Array.isArray(body.baseIds) || body.baseIds === 'all') sandbox.consent.baseIds = body.baseIds as string[] | 'all';
    if (typeof body.userId === 'string') sandbox.consent.userId = body.userId;
    return ok(sandbox.consent);
  }
  if (path === 'clients' && method === 'POST') {
    if (typeof body.clientId !== 'string' || !Array.isArray(body.redirectUris)) throw errors.invalidRequest('clientId and redirectUris are required');
    auth.registerClient({
      clientId: body.clientId,
      redirectUris: body.redirectUris.map(String),
      scopes: Array.isArray(body.scopes) ? body.scopes.map(String) : [...ALL_SCOPES],
      ...(typeof body.clientSecret === 'string' ? { clientSecret: body.clientSecret } : {}),
    });
    return ok();
  }
  if (path === 'pats' && method === 'POST') {
    const scopes = Array.isArray(body.scopes) ? body.scopes.map(String) : [...ALL_SCOPES];
    const baseIds = Array.isArray(body.baseIds) ? body.baseIds.map(String) : 'all';
    return ok({ token: auth.createPat(typeof body.userId === 'string' ? body.userId : SANDBOX_USER_ID, scopes, baseIds) });
  }
  if (path === 'grants' && method === 'GET') {
    return ok({
      grants: [...auth.grants.values()].map((g) => ({ id: g.id, clientId: g.clientId, userId: g.userId, scopes: g.scopes, revoked: g.revoked, refreshCount: g.refreshCount, accessExpiresAt: new Date(g.accessExpiresAt).toISOString() })),
    });
  }
  if ((path === 'revoke' || path === 'expire-access') && method === 'POST') {
    const grants = [...auth.grants.values()].filter(
      (g) =>
        (body.all === true) ||
        g.id === body.grantId ||
        (typeof body.accessToken === 'string' && g.accessToken === body.accessToken) ||
        (typeof body.refreshToken === 'string' && (g.refreshToken === body.refreshToken || g.rotated.has(body.refreshToken))) ||
        (typeof body.clientId === 'string' && g.clientId === body.clientId),
    );
    for (const grant of grants) {
      if (path === 'revoke') auth.revoke(grant);
      else grant.accessExpiresAt = sandbox.clock.now();
    }
    if (path === 'revoke' && typeof body.pat === 'string') auth.pats.delete(body.pat);
    return ok({ affected: grants.length });
  }
  if (path === 'iterators/expire' && method === 'POST') {
    sandbox.iterators.clear();
    return ok();
  }
  const hook = /^webhooks\/(ach[A-Za-z0-9]{14})\/fail$/.exec(path);
  if (hook?.[1] && method === 'POST') {
    const found = sandbox.webhooks.hooks.get(hook[1]);
    if (!found) throw errors.webhookNotFound();
    sandbox.webhooks.fail(found, body.code === 'INVALID_FILTERS' || body.code === 'INTERNAL_ERROR' ? body.code : 'INVALID_HOOK');
    return ok();
  }
  const tableMatch = /^bases\/([^/]+)\/tables\/([^/]+)\/(records|fields\/([^/]+)\/delete)$/.exec(path);
  if (tableMatch && method === 'POST') {
    const base = sandbox.store.bases.get(tableMatch[1] ?? '');
    const table = base && findTable(base, decodeURIComponent(tableMatch[2] ?? ''));
    if (!base || !table) throw errors.notFound();
    if (tableMatch[4]) {
      const field = findField(table, decodeURIComponent(tableMatch[4]));
      if (!field) throw errors.notFound();
      sandbox.schema.deleteField(base, table, field, OTHER_USER);
      return ok();
    }
    // Edits "by a person in Airtable's UI": no limits, no quota, source "client".
    const actor = { actorId: typeof body.userId === 'string' ? body.userId : OTHER_USER, source: 'client' as const };
    const out: Record<string, unknown> = {};
    if (Array.isArray(body.create)) out.created = sandbox.store.createRecords(base, table, body.create.map((f) => ({ fields: isObject(f) ? f : {} })), { typecast: true, ...actor }).map((r) => r.id);
    if (Array.isArray(body.update)) {
      const inputs = body.update.filter(isObject).map((u) => ({ id: String(u.id), fields: isObject(u.fields) ? u.fields : {} }));
      sandbox.store.updateRecords(base, table, inputs, { typecast: true, destructive: false, ...actor });
      out.updated = inputs.map((i) => i.id);
    }
    if (Array.isArray(body.delete)) out.deleted = sandbox.store.deleteRecords(base, table, body.delete.map(String), actor);
    return ok(out);
  }
  sendJson(res, 404, { error: 'NOT_FOUND' });
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, never> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Record<string, never>;
}
