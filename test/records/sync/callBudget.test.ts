import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/records/cache/cacheDb';
import { silentLogger } from '../../../electron/core/ports';
import { CallBudget, MIN_BACKGROUND_INTERVAL_MS, monthOf } from '../../../electron/core/records/sync/callBudget';
import { openSqlite } from '../../helpers/services';
import { startSandbox, vaultAgainst } from '../../helpers/vaultHarness';
import type { SandboxHarness } from '../../helpers/sandboxClient';
import { FakeClock } from '../../helpers/fakeClock';

const BASE = 'appAAAAAAAAAAAAAA1';

function budgetAt(ms: { value: number }) {
  const db = openCache(openSqlite, mkdtempSync(path.join(tmpdir(), 'airvault-budget-')), silentLogger);
  db.prepare("INSERT INTO bases (id, name, permission_level) VALUES (?, 'B', 'create')").run(BASE);
  return new CallBudget(db, () => ms.value);
}

describe('the monthly call budget', () => {
  it('treats an unknown plan as Free: background sync may spend half of 1,000 calls, spread over the month', () => {
    const now = { value: Date.UTC(2026, 10, 1) }; // 30 days left in November
    const budget = budgetAt(now);
    expect(budget.view(BASE)).toEqual({ plan: 'unknown', month: '2026-11', callsThisMonth: 0, backgroundCalls: 0, backgroundAllowance: 500 });
    // 500 one-call runs over 30 days: one every 86.4 minutes.
    expect(budget.backgroundInterval(BASE, 1)).toBe(Math.ceil((30 * 86_400_000) / 500));
    expect(budget.backgroundInterval(BASE, 5)).toBe(Math.ceil((30 * 86_400_000) / 100));
  });

  it('stops background sync when its share is spent, and counts the person’s calls against the quota too', () => {
    const now = { value: Date.UTC(2026, 10, 20) };
    const budget = budgetAt(now);
    budget.setPlan(BASE, 'free');
    for (let i = 0; i < 499; i++) budget.record(BASE, 'background');
    expect(budget.backgroundLeft(BASE)).toBe(1);
    expect(budget.backgroundInterval(BASE, 2)).toBeNull();
    budget.record(BASE, 'background');
    expect(budget.backgroundInterval(BASE, 1)).toBeNull();

    budget.setPlan(BASE, 'team');
    expect(budget.backgroundLeft(BASE)).toBe(50_000 - 500);
    for (let i = 0; i < 20; i++) budget.record(BASE, 'interactive');
    expect(budget.view(BASE)).toMatchObject({ plan: 'team', callsThisMonth: 520, backgroundCalls: 500, backgroundAllowance: 50_000 });
  });

  it('never plans past the quota itself when the person used most of it', () => {
    const now = { value: Date.UTC(2026, 10, 20) };
    const budget = budgetAt(now);
    for (let i = 0; i < 998; i++) budget.record(BASE, 'interactive');
    expect(budget.backgroundLeft(BASE)).toBe(2);
  });

  it('starts again with a new month, and polls at most every two minutes on unlimited plans', () => {
    const now = { value: Date.UTC(2026, 10, 30, 23) };
    const budget = budgetAt(now);
    for (let i = 0; i < 500; i++) budget.record(BASE, 'background');
    expect(budget.backgroundInterval(BASE, 1)).toBeNull();
    now.value = Date.UTC(2026, 11, 1, 0, 5);
    expect(monthOf(now.value)).toBe('2026-12');
    expect(budget.view(BASE).callsThisMonth).toBe(0);
    expect(budget.backgroundInterval(BASE, 1)).not.toBeNull();
    budget.setPlan(BASE, 'unlimited');
    expect(budget.backgroundInterval(BASE, 1000)).toBe(MIN_BACKGROUND_INTERVAL_MS);
    expect(budget.view(BASE).backgroundAllowance).toBeNull();
  });
});

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x2x150:budget', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

describe('background sync against the sandbox', () => {
  /**
   * A profile with one base synced by the person. The clock starts early in a month: tests move
   * it a week and more ahead and must stay inside the same month, whatever today's date is.
   */
  async function syncedProfile() {
    const clock = new FakeClock(Date.UTC(2026, 10, 2, 9));
    const v = await vaultAgainst(h, { clock, backgroundSync: { firstTickMs: 3_600_000, tickMs: 3_600_000 } });
    const profile = await v.core.handlers.profilesCreate({ name: 'Budget' });
    await v.core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
    const base = h.firstBase();
    await h.control('stats/reset');
    await v.core.sync.sync(profile.id, base.id);
    const p = v.core.workspaces.records(profile.id);
    const runs = () => v.core.emitted.filter((e) => e.event === 'syncChanged').map((e) => e.payload as { phase: string; calls: number; trigger: string });
    return { v, clock, profile, base, p, runs };
  }
  const sandboxCalls = async (baseId: string) => ((await h.control('stats', {}, 'GET')).body as { byBase: Record<string, number> }).byBase[baseId] ?? 0;

  it('counts exactly the calls the sandbox saw for the base', async () => {
    const { v, base, p } = await syncedProfile();
    expect(p.budget.used(base.id)).toBe(await sandboxCalls(base.id));
    await v.core.stop();
  });

  it('reports a person’s sync with its call count, and does not charge it to the background allowance', async () => {
    const { v, base, p, runs } = await syncedProfile();
    expect(runs().at(-1)).toMatchObject({ phase: 'done', trigger: 'person', calls: p.budget.used(base.id) });
    expect(p.budget.view(base.id).backgroundCalls).toBe(0);
    await v.core.stop();
  });

  it('spends one webhook poll on a quiet background run, and nothing on an immediate second pass', async () => {
    const { v, base, runs } = await syncedProfile();
    await h.control('stats/reset');
    await v.core.background.tick();
    expect(await sandboxCalls(base.id)).toBe(1);
    expect(runs().at(-1)).toMatchObject({ phase: 'done', trigger: 'background', calls: 1 });
    // Not due again for a long while on a Free budget.
    await v.core.background.tick();
    expect(await sandboxCalls(base.id)).toBe(1);
    await v.core.stop();
  });

  it('sends nothing once the month’s background allowance is spent, even when the next run is due', async () => {
    const { v, clock, base, p } = await syncedProfile();
    for (let i = 0; i < 500; i++) p.budget.record(base.id, 'background');
    clock.offset += 7 * 86_400_000;
    await h.control('stats/reset');
    await v.core.background.tick();
    expect(await sandboxCalls(base.id)).toBe(0);
    await v.core.stop();
  });

  it('polls and re-reads computed values on an unlimited plan, even after a Free allowance was spent', async () => {
    const { v, clock, profile, base, p } = await syncedProfile();
    for (let i = 0; i < 500; i++) p.budget.record(base.id, 'background');
    await v.core.handlers.syncSetPlan({ profileId: profile.id, baseId: base.id, plan: 'unlimited' });
    clock.offset += 2 * 3_600_000;
    await h.control('stats/reset');
    await v.core.background.tick();
    expect(await sandboxCalls(base.id)).toBeGreaterThan(1); // a poll and a computed-field pass
    const schema = await v.core.handlers.cacheSchema({ profileId: profile.id });
    expect(schema.bases[0]!.budget).toMatchObject({ plan: 'unlimited', backgroundAllowance: null });
    expect(schema.bases[0]!.budget.backgroundCalls).toBeGreaterThan(501);
    await v.core.stop();
  });

  it('refuses a plan for a base that is not in the cache, with a typed error', async () => {
    const { v, profile } = await syncedProfile();
    await expect(v.core.handlers.syncSetPlan({ profileId: profile.id, baseId: 'appZZZZZZZZZZZZZZ', plan: 'team' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await v.core.stop();
  });

  it('resumes an interrupted first sync at start-up and finishes every table', async () => {
    const v = await vaultAgainst(h, { backgroundSync: { firstTickMs: 0, tickMs: 3_600_000 } });
    const profile = await v.core.handlers.profilesCreate({ name: 'Resume' });
    await v.core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
    const base = h.firstBase();
    // The second table's pass fails (its requests never get an answer); the first one finishes.
    await h.control('faults', { rules: [{ kind: 'drop', pathPrefix: `/v0/${base.id}/${base.tables[1]!.id}` }] });
    await v.core.sync.sync(profile.id, base.id);
    await h.control('faults', { rules: [] });
    const p = v.core.workspaces.records(profile.id);
    const unfinished = () => (p.cacheDb.prepare('SELECT COUNT(*) AS n FROM sync_state WHERE base_id = ? AND last_full_sync_at IS NULL').get(base.id) as { n: number }).n;
    expect(unfinished()).toBeGreaterThan(0);
    await v.core.start(); // the background loop's first pass resumes it
    await expect.poll(unfinished, { timeout: 15_000 }).toBe(0);
    const counts = (p.cacheDb.prepare('SELECT table_id, COUNT(*) AS n FROM records GROUP BY table_id ORDER BY table_id').all() as Array<{ table_id: string; n: number }>).map((r) => r.n);
    expect(counts).toEqual([150, 150]);
    await v.core.stop();
  });
});
