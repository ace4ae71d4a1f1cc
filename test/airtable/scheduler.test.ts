import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';
import { clientFor } from '../helpers/airtableClient';
import { SlidingLog } from '../../electron/core/airtable/scheduler/slidingLog';

// The sandbox's lockout is scaled to 30 s × 0.02 = 600 ms; the client pauses a little longer.
const SCALE = 0.02;
const PAUSE = 30_000 * SCALE + 100;
let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '4x2x40:sched', timeScale: SCALE });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());
const stats = async () => (await h.control('stats', {}, 'GET')).body;
const bases = () => [...h.sandbox.store.bases.values()];

describe('sliding log', () => {
  it('never lets more than N requests into any window', () => {
    const log = new SlidingLog(5, 1000);
    const sent: number[] = [];
    let now = 0;
    while (sent.length < 40) {
      now = Math.max(now, log.nextFree(now));
      log.record(now);
      sent.push(now);
      now += Math.round(Math.random() * 50);
    }
    for (const t of sent) expect(sent.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(5);
  });
});

describe('request scheduler against the sandbox', () => {
  it('never causes a 429 with many concurrent callers on several bases, mixed priorities', async () => {
    const { api, scheduler } = clientFor(h, { scheduler: { rateLimitPauseMs: PAUSE } });
    const started = performance.now();
    const calls = bases().flatMap((base, b) =>
      Array.from({ length: 12 }, (_, i) =>
        api.records.list(base.id, base.tables[i % 2]!.id, { maxRecords: 1 }, { priority: (i + b) % 3 === 0 ? 'interactive' : 'background' }),
      ),
    );
    await Promise.all(calls);
    const elapsed = (performance.now() - started) / 1000;
    expect((await stats()).rateLimited).toBe(0);
    expect(scheduler.stats().rateLimited).toBe(0);
    // 12 requests per base at 5/s: a little over 2 s if the bases run side by side.
    expect(elapsed).toBeLessThan(4);
  });

  it('keeps a listing’s pages in order while other listings share the base', async () => {
    const { api } = clientFor(h);
    const base = bases()[0]!;
    const [a, b] = await Promise.all(base.tables.map((t) => api.records.list(base.id, t.id, { pageSize: 7 })));
    expect(a!.map((r) => r.id)).toEqual([...base.tables[0]!.records.keys()]);
    expect(b!.map((r) => r.id)).toEqual([...base.tables[1]!.records.keys()]);
  });

  it('pauses only the base that got a 429, for the whole lockout, then probes once and resumes', async () => {
    // The client pauses for half the sandbox's lockout, so its first probe is refused too.
    const { api, scheduler } = clientFor(h, { scheduler: { rateLimitPauseMs: PAUSE / 2 } });
    const [locked, free] = bases();
    // Another client (same token) trips the limit on one base behind our scheduler's back.
    await Promise.all(Array.from({ length: 6 }, () => h.call('GET', `/v0/${locked!.id}/${locked!.tables[0]!.id}`, { query: { maxRecords: '1' } })));
    await h.control('stats/reset');
    const t0 = performance.now();
    const lockedCalls = Array.from({ length: 4 }, () => api.records.list(locked!.id, locked!.tables[0]!.id, { maxRecords: 1 }).then(() => performance.now() - t0));
    await new Promise((r) => setTimeout(r, 50));
    expect(scheduler.stats().pausedBases).toEqual([locked!.id]);
    const freeDone = await api.records.list(free!.id, free!.tables[0]!.id, { maxRecords: 1 }).then(() => performance.now() - t0);
    expect(freeDone).toBeLessThan(PAUSE / 2);
    const lockedDone = await Promise.all(lockedCalls);
    expect(Math.min(...lockedDone)).toBeGreaterThanOrEqual(30_000 * SCALE);
    const s = await stats();
    // The four requests sent before the scheduler knew of the lockout were refused; after each
    // pause exactly one probe went out (the first refused, the second accepted), then the rest.
    expect(s.rateLimited).toBe(5);
    expect(s.byStatus['200']).toBe(5);
    expect(scheduler.stats().pausedBases).toEqual([]);
  });

  it('sends a person’s click ahead of queued background work', async () => {
    const { api } = clientFor(h);
    const base = bases()[0]!;
    const order: string[] = [];
    const background = Array.from({ length: 15 }, (_, i) =>
      api.records.list(base.id, base.tables[0]!.id, { maxRecords: 1 }, { priority: 'background' }).then(() => order.push(`bg${i}`)),
    );
    await new Promise((r) => setTimeout(r, 20));
    const click = api.records.list(base.id, base.tables[0]!.id, { maxRecords: 1 }, { priority: 'interactive' }).then(() => order.push('click'));
    await Promise.all([...background, click]);
    expect(order.indexOf('click')).toBeLessThanOrEqual(6);
  });

  it('keeps within 50 requests a second per token across many bases', async () => {
    h.sandbox.reset({ seed: 'many', bases: 12, tablesPerBase: 1, recordsPerTable: 1 });
    const { api, scheduler } = clientFor(h);
    const calls = bases().flatMap((base) => Array.from({ length: 6 }, () => api.records.list(base.id, base.tables[0]!.id)));
    await Promise.all(calls);
    expect((await stats()).rateLimited).toBe(0);
    expect(scheduler.stats().sent).toBe(72);
  });
});
