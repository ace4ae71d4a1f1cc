import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';
import { clientFor } from '../helpers/airtableClient';
import { AirtableError, fromResponse } from '../../electron/core/airtable/airtableError';
import { FakeClock } from '../helpers/fakeClock';

let h: SandboxHarness;
let baseId: string;
let tableId: string;

beforeAll(async () => {
  h = await startSandbox({ seed: '3x1x30:failures', timeScale: 0.01 });
});
afterAll(() => h.sandbox.close());
beforeEach(() => {
  h.sandbox.reset();
  baseId = h.firstBase().id;
  tableId = h.firstTable().id;
});
const stats = async () => (await h.control('stats', {}, 'GET')).body;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AirtableError);

describe('Airtable client: failures map to typed errors a person can act on', () => {
  it('maps both error shapes and every status to a kind, type and message', () => {
    expect(fromResponse(404, { error: 'NOT_FOUND' })).toMatchObject({ kind: 'not-found', type: 'NOT_FOUND', status: 404 });
    expect(fromResponse(422, { error: { type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "x"' } })).toMatchObject({ kind: 'validation', type: 'UNKNOWN_FIELD_NAME' });
    expect(fromResponse(422, { error: { type: 'X', message: 'y' } }).message).toContain('Airtable said: y');
    expect(fromResponse(401, {})).toMatchObject({ kind: 'unauthorized' });
    expect(fromResponse(403, { error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', message: 'm' } }).message).toMatch(/reconnect/);
    expect(fromResponse(429, { error: { type: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED' } }).message).toMatch(/Waiting will not help/);
    expect(fromResponse(429, {}).kind).toBe('rate-limited');
    expect(fromResponse(502, 'x')).toMatchObject({ kind: 'server', transient: true });
    expect(fromResponse(413, {}).kind).toBe('validation');
  });

  it('answers 404, 403 and 422 from the sandbox as not-found, forbidden and validation', async () => {
    const { api } = clientFor(h);
    expect(await failure(api.records.get(baseId, tableId, 'recAAAAAAAAAAAAAA'))).toMatchObject({ kind: 'not-found', status: 404, type: 'NOT_FOUND' });
    expect(await failure(api.records.list('appAAAAAAAAAAAAAA', tableId))).toMatchObject({ kind: 'forbidden', type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND' });
    expect(await failure(api.records.list(baseId, tableId, { filterByFormula: 'NOPE()' }))).toMatchObject({ kind: 'validation', type: 'INVALID_FILTER_BY_FORMULA' });
  });

  it('asks the token provider once after a 401, retries, and then fails with unauthorized', async () => {
    let refreshes = 0;
    const good = h.sandbox.defaultPat;
    const fixes = clientFor(h, { tokens: { accessToken: () => Promise.resolve(refreshes > 0 ? good : 'patBad'), afterUnauthorized: () => Promise.resolve(String(++refreshes)) } });
    expect(await fixes.api.meta.whoami()).toMatchObject({ id: 'usrSandboxOwner01' });
    expect(refreshes).toBe(1);
    let asked = 0;
    const stuck = clientFor(h, { tokens: { accessToken: () => Promise.resolve('patBad'), afterUnauthorized: () => Promise.resolve(String(++asked)) } });
    expect(await failure(stuck.api.meta.whoami())).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(asked).toBe(1);
    const revoked = clientFor(h, { tokens: { accessToken: () => Promise.resolve('patBad'), afterUnauthorized: () => Promise.reject(new AirtableError('profile-stopped', 'Access was revoked. Reconnect the profile.')) } });
    expect(await failure(revoked.api.meta.whoami())).toMatchObject({ kind: 'profile-stopped' });
  });

  it('retries an idempotent request after 5xx answers and a dropped connection', async () => {
    const { api, scheduler } = clientFor(h);
    await h.control('faults', { rules: [{ kind: 'status', status: 502, count: 1 }, { kind: 'drop', count: 1 }, { kind: 'status', status: 503, count: 1 }] });
    const records = await api.records.list(baseId, tableId);
    expect(records).toHaveLength(30);
    expect(scheduler.stats().retries).toBe(3);
  });

  it('gives up on a 5xx after the retry budget with a server error', async () => {
    const { api } = clientFor(h, { scheduler: { maxRetries: 2 } });
    await h.control('faults', { rules: [{ kind: 'status', status: 500 }] });
    expect(await failure(api.meta.whoami())).toMatchObject({ kind: 'server', status: 500 });
  });

  it('reports a create that may have landed instead of sending it twice', async () => {
    const { api } = clientFor(h);
    await h.control('faults', { rules: [{ kind: 'status', status: 500, count: 1, method: 'POST' }] });
    await h.control('stats/reset');
    const [result] = await api.records.create(baseId, tableId, [{ fields: { [h.field('Name').id]: 'maybe' } }]);
    expect(result!.ok).toBe(false);
    expect(!result!.ok && result!.error.kind).toBe('outcome-unknown');
    expect(!result!.ok && result!.error.message).toMatch(/may or may not have been saved/);
    expect((await stats()).total).toBe(1);
    await h.control('faults', { rules: [{ kind: 'drop', count: 1, method: 'POST' }] });
    const [dropped] = await api.records.create(baseId, tableId, [{ fields: { [h.field('Name').id]: 'maybe' } }]);
    expect(!dropped!.ok && dropped!.error.kind).toBe('outcome-unknown');
  });

  it('retries a create that was certainly never sent (connection refused)', async () => {
    const port = Number(new URL(h.sandbox.url).port);
    await h.sandbox.close();
    const { api } = clientFor(h, { scheduler: { maxRetries: 6, retryBaseMs: 100, retryCapMs: 300 } });
    const pending = api.records.create(baseId, tableId, [{ fields: { [h.field('Name').id]: 'after restart' } }]);
    await new Promise((r) => setTimeout(r, 150));
    await h.sandbox.listen(port);
    const [result] = await pending;
    expect(result!.ok).toBe(true);
  });

  it('times out a request that hangs', async () => {
    const { api } = clientFor(h, { scheduler: { timeoutMs: 300, maxRetries: 0 } });
    await h.control('faults', { rules: [{ kind: 'hang', count: 1 }] });
    expect(await failure(api.meta.whoami())).toMatchObject({ kind: 'timeout' });
  });

  it('answers a malformed body with invalid-response, not a crash', async () => {
    const { api } = clientFor(h);
    await h.control('faults', { rules: [{ kind: 'malformed', count: 1 }] });
    expect(await failure(api.records.list(baseId, tableId))).toMatchObject({ kind: 'invalid-response' });
  });

  it('cancels a request in flight and one still queued, without sending the queued one', async () => {
    const { api } = clientFor(h);
    await h.control('faults', { latencyMs: 400 });
    const controller = new AbortController();
    const inFlight = failure(api.meta.whoami({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    expect(await inFlight).toMatchObject({ kind: 'cancelled' });
    await h.control('faults', { latencyMs: 0 });
    await h.control('stats/reset');
    const queued = new AbortController();
    const burst = Array.from({ length: 6 }, () => api.records.list(baseId, tableId, { pageSize: 1, maxRecords: 1 }));
    const last = failure(api.records.list(baseId, tableId, { maxRecords: 1 }, { signal: queued.signal }));
    queued.abort();
    expect(await last).toMatchObject({ kind: 'cancelled' });
    await Promise.all(burst);
    expect((await stats()).total).toBe(6);
    expect(await failure(api.meta.whoami({ signal: AbortSignal.abort() }))).toMatchObject({ kind: 'cancelled' });
  });

  it('stops a base whose workspace spent its monthly quota, with a clear error, and sends nothing more', async () => {
    const { api, scheduler } = clientFor(h);
    await h.control('quota', { workspaceId: h.firstBase().workspaceId, limit: 2 });
    await api.records.list(baseId, tableId, { maxRecords: 1 });
    await api.records.list(baseId, tableId, { maxRecords: 1 });
    const spent = await failure(api.records.list(baseId, tableId));
    expect(spent).toMatchObject({ kind: 'quota-exceeded', type: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED' });
    await h.control('stats/reset');
    expect(await failure(api.records.list(baseId, tableId))).toMatchObject({ kind: 'quota-exceeded' });
    expect((await stats()).total).toBe(0); // waiting does not help, so nothing more is sent
    expect(scheduler.stats().quotaStoppedBases).toEqual([baseId]);
    expect(scheduler.stats().callsByBase[baseId]).toBe(3);
  });

  it('keeps other workspaces running while one is over its quota', async () => {
    const { api } = clientFor(h);
    await h.control('quota', { workspaceId: h.firstBase().workspaceId, limit: 0 });
    expect(await failure(api.records.list(baseId, tableId))).toMatchObject({ kind: 'quota-exceeded' });
    const other = [...h.sandbox.store.bases.values()].find((b) => b.workspaceId !== h.firstBase().workspaceId)!;
    expect(await api.records.list(other.id, other.tables[0]!.id, { maxRecords: 1 })).toHaveLength(1);
  });

  it('lets a quota-stopped base run again when the month turns', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 22));
    const { api, scheduler } = clientFor(h, { clock });
    await h.control('quota', { workspaceId: h.firstBase().workspaceId, limit: 0 });
    expect(await failure(api.records.list(baseId, tableId, { maxRecords: 1 }))).toMatchObject({ kind: 'quota-exceeded' });
    await h.control('quota', { workspaceId: h.firstBase().workspaceId, limit: 1000 }); // Airtable's new month
    clock.offset += 3 * 3_600_000; // 2026-12-01 01:00 UTC
    expect(scheduler.stats().quotaStoppedBases).toEqual([]);
    expect(await api.records.list(baseId, tableId, { maxRecords: 1 })).toHaveLength(1);
  });

  it('lets a quota-stopped base run again at once when the person changes its plan', async () => {
    const { api, scheduler } = clientFor(h);
    await h.control('quota', { workspaceId: h.firstBase().workspaceId, limit: 0 });
    expect(await failure(api.records.list(baseId, tableId, { maxRecords: 1 }))).toMatchObject({ kind: 'quota-exceeded' });
    await h.control('quota', { workspaceId: h.firstBase().workspaceId, limit: 1000 }); // upgraded
    scheduler.resumeBase(baseId);
    expect(await api.records.list(baseId, tableId, { maxRecords: 1 })).toHaveLength(1);
  });

  it('fails every queued and in-flight request of a stopped profile, and sends nothing more', async () => {
    const { api, scheduler } = clientFor(h);
    await h.control('faults', { latencyMs: 300 });
    const calls = Array.from({ length: 8 }, () => failure(api.records.list(baseId, tableId, { maxRecords: 1 })));
    await new Promise((r) => setTimeout(r, 50));
    scheduler.stopProfile('profile-test', new AirtableError('profile-stopped', 'Access to Airtable was revoked. Reconnect the profile.', 0, 'REVOKED'));
    const errors = await Promise.all(calls);
    expect(errors.every((e) => e?.kind === 'profile-stopped')).toBe(true);
    await h.control('stats/reset');
    expect(await failure(api.meta.whoami())).toMatchObject({ kind: 'profile-stopped' });
    expect((await stats()).total).toBe(0);
    scheduler.resumeProfile('profile-test');
    await h.control('faults', { latencyMs: 0 });
    expect((await api.meta.whoami()).id).toBe('usrSandboxOwner01');
  });
});
