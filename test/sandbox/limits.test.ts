import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';

let h: SandboxHarness;
// A 0.01 time scale turns the 30-second lockout into 300 ms; the 5/s and 50/s windows stay real.
beforeAll(async () => {
  h = await startSandbox({ seed: '6x1x3:limits', timeScale: 0.01 });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const path = (i = 0) => {
  const base = [...h.sandbox.store.bases.values()][i]!;
  return `/v0/${base.id}/${base.tables[0]!.id}`;
};

describe('sandbox: rate limits', () => {
  it('answers the sixth request in a second to one base with 429, and only that base is locked', async () => {
    const statuses = await Promise.all(Array.from({ length: 6 }, () => h.call('GET', path(0)).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const limited = await h.call('GET', path(0));
    expect(limited).toMatchObject({ status: 429, body: { error: { type: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' } } });
    expect((await h.call('GET', path(1))).status).toBe(200);
    expect((await h.control('stats', {}, 'GET')).body.lockedBases).toEqual([[...h.sandbox.store.bases.keys()][0]]);
  });

  it('keeps the base locked for the whole (scaled) 30 seconds, then lets it work again', async () => {
    for (let i = 0; i < 6; i++) await h.call('GET', path(0));
    await sleep(150);
    expect((await h.call('GET', path(0))).status).toBe(429);
    await sleep(1100);
    expect((await h.call('GET', path(0))).status).toBe(200);
  });

  it('lets through five requests a second, paced, without a single 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await h.call('GET', path(0))).status);
      await sleep(205);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('limits one token to 50 requests a second across bases', async () => {
    await h.control('limits', { perBasePerSecond: 1000 });
    const statuses = await Promise.all(Array.from({ length: 55 }, (_, i) => h.call('GET', path(i % 6)).then((r) => r.status)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    const other = (await h.control('pats', {})).body.token as string;
    expect((await h.call('GET', path(0), { token: other })).status).toBe(200);
  });

  it('answers PUBLIC_API_BILLING_LIMIT_EXCEEDED once the monthly quota is spent, while metadata still works', async () => {
    await h.control('limits', { enabled: false });
    const workspaceId = [...h.sandbox.store.bases.values()][0]!.workspaceId;
    await h.control('quota', { workspaceId, limit: 3 });
    for (let i = 0; i < 3; i++) expect((await h.call('GET', path(0))).status).toBe(200);
    const spent = await h.call('GET', path(0));
    expect(spent).toMatchObject({ status: 429, body: { error: { type: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED' } } });
    expect((await h.call('GET', '/v0/meta/bases')).status).toBe(200);
    expect((await h.call('GET', path(2))).status).toBe(200); // another workspace
    expect((await h.control('stats', {}, 'GET')).body.quotaUsed[workspaceId]).toBe(3);
  });
});

describe('sandbox: faults on demand', () => {
  beforeEach(() => h.control('limits', { enabled: false }));

  it('adds latency with jitter to API answers', async () => {
    await h.control('faults', { latencyMs: 120, jitterMs: 20 });
    const started = performance.now();
    await h.call('GET', '/v0/meta/whoami');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1000);
  });

  it('fails the next N matching requests with a 5xx, then recovers', async () => {
    await h.control('faults', { rules: [{ kind: 'status', status: 503, count: 2, pathPrefix: '/v0/app' }] });
    const a = await h.call('GET', path(0));
    expect(a).toMatchObject({ status: 503, body: { error: { type: 'SERVICE_UNAVAILABLE' } } });
    expect(a.headers.get('retry-after')).toBe('1');
    expect((await h.call('GET', '/v0/meta/whoami')).status).toBe(200); // does not match the prefix
    expect((await h.call('GET', path(0))).status).toBe(503);
    expect((await h.call('GET', path(0))).status).toBe(200);
  });

  it('drops the connection, sends malformed JSON, hangs, or dribbles the body slowly', async () => {
    await h.control('faults', { rules: [{ kind: 'drop', count: 1 }] });
    await expect(h.call('GET', path(0))).rejects.toThrow();
    await h.control('faults', { rules: [{ kind: 'malformed', count: 1 }] });
    const malformed = await h.call('GET', path(0));
    expect(typeof malformed.body).toBe('string');
    await h.control('faults', { rules: [{ kind: 'hang', count: 1 }] });
    await expect(h.call('GET', path(0), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await h.control('faults', { rules: [{ kind: 'slow-body', count: 1, durationMs: 400 }] });
    const started = performance.now();
    const slow = await h.call('GET', path(0));
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('counts requests per base, per status and per token', async () => {
    await h.control('stats/reset');
    await h.call('GET', path(0));
    await h.call('GET', path(0));
    await h.call('GET', path(1), { token: null });
    const stats = (await h.control('stats', {}, 'GET')).body;
    expect(stats.total).toBe(3);
    expect(stats.byStatus).toEqual({ '200': 2, '401': 1 });
    expect(Object.values(stats.byBase)).toEqual([2]);
  });
});
