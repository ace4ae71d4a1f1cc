import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { testRecords } from '../../helpers/records';
import { Rng } from '../../sandbox/rng';
import type { ProfileRecords } from '../../../electron/core/records';

/**
 * Search is provably right: after every step of a random mix of what happens to a cache (edits,
 * creates and deletes made here, sent or not, discarded; edits, creates and deletes made by
 * people in Airtable, pulled by webhook or by a full sync), every search returns exactly the
 * records an independent plain scan of the cached records finds, and the index holds exactly
 * one entry per visible record.
 */

const STEPS = 2000;
const VOCABULARY = ['juniper', 'kelvin', 'project', 'Émile', 'o’brien', "o'brien", 'e-mail', 'ada@example.com', 'example.org', '19.99', '$36,945.87', 'naïve', 'façade', 'São', 'Zürich', 'x', 'task', 'tasks', 'edited', 'new', 'record', 'déjà-vu', 'ÅNGSTRÖM', '東京', 'ﬁle', 'NEAR(', '"quoted"', 'AND', 'OR', '*', '-minus', 'u+00e9'];

/** The oracle, written independently of electron/core/records/searchText.ts: regex words over each value. */
function fold(text: string): string[] {
  return (text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}
function values(cells: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 3 || v === null || v === undefined) return;
    if (typeof v === 'string') {
      if (!/^rec[A-Za-z0-9]{14}$/.test(v)) out.push(v);
    } else if (typeof v === 'number') out.push(String(v));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (typeof v === 'object') for (const key of ['name', 'email', 'filename', 'text', 'label', 'value']) walk((v as Record<string, unknown>)[key], depth + 1);
  };
  Object.values(cells).forEach((v) => walk(v, 0));
  return out;
}
function oracleMatches(cells: Record<string, unknown>, query: string): boolean {
  const run = fold(query.slice(0, 2000)).slice(0, 20);
  if (run.length === 0) return false;
  return values(cells).map(fold).some((ws) =>
    ws.some((_, i) => run.every((part, j) => {
      const word = ws[i + j];
      if (word === undefined) return false;
      if (j < run.length - 1) return word === part;
      return part.length >= 2 ? word.startsWith(part) : word === part;
    })),
  );
}

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x40:search-property', rateLimits: false });
});
afterAll(() => h.sandbox.close());

function everySearch(p: ProfileRecords, tableId: string, search: string): string[] {
  const ids: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 100; i++) {
    const window = p.queries.window({ tableId, search, limit: 7, ...(after ? { after } : {}) });
    ids.push(...window.records.map((r) => r.id));
    if (!window.next) break;
    after = window.next;
  }
  return ids.sort();
}

describe('search against a plain scan (property)', () => {
  it(`agrees after each of ${STEPS} random steps, and the index has one entry per visible record`, async () => {
    const rng = new Rng('search-property');
    const base = h.firstBase();
    const table = base.tables[0]!;
    const name = table.primaryFieldId;
    const notes = table.fields.find((f) => f.type === 'multilineText')?.id ?? name;
    const { api } = clientFor(h, { scheduler: { perBasePerSecond: 1000, perTokenPerSecond: 1000 } });
    const p = testRecords(api);
    await p.baseSync.run(base.id);
    await p.webhooks.ensure(base.id);
    const phrase = () => Array.from({ length: rng.int(1, 4) }, () => rng.pick(VOCABULARY)).join(rng.pick([' ', ' ', '-', '.', '']));
    const visible = () => p.cacheDb.prepare('SELECT id, cells FROM records WHERE table_id = ? AND pending <> 2').all(table.id) as Array<{ id: string; cells: string }>;
    const upstreamIds = () => [...table.records.keys()];
    let checks = 0;

    for (let step = 0; step < STEPS; step++) {
      const roll = rng.next();
      const rows = visible();
      const someId = rows.length ? rng.pick(rows).id : undefined;
      if (roll < 0.25) p.outbox.create(base.id, table.id, { [name]: phrase(), [notes]: phrase() });
      else if (roll < 0.5 && someId) p.outbox.update(base.id, table.id, someId, { [rng.pick([name, notes])]: rng.chance(0.1) ? '' : phrase() });
      else if (roll < 0.56 && someId) p.outbox.delete(base.id, table.id, someId);
      else if (roll < 0.62) {
        const open = p.outbox.list().filter((e) => e.status === 'pending');
        if (open.length) p.outboxActions.discard(rng.pick(open).seq);
      } else if (roll < 0.72) await p.replay.run();
      else if (roll < 0.8) {
        const ids = upstreamIds();
        if (ids.length) await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [{ id: rng.pick(ids), fields: { [name]: phrase() } }] });
      } else if (roll < 0.84) await h.control(`bases/${base.id}/tables/${table.id}/records`, { create: [{ [name]: phrase() }] });
      else if (roll < 0.87) {
        const ids = upstreamIds();
        if (ids.length > 5) await h.control(`bases/${base.id}/tables/${table.id}/records`, { delete: [rng.pick(ids)] });
      } else if (roll < 0.98) await p.webhooks.pull(base.id);
      else await p.baseSync.run(base.id);

      const now = visible();
      // The index: one entry per visible record, none for anything else.
      const entries = (p.cacheDb.prepare('SELECT rowid AS seq FROM records_fts ORDER BY rowid').all() as Array<{ seq: number }>).map((r) => r.seq);
      const seqs = (p.cacheDb.prepare('SELECT seq FROM records WHERE pending <> 2 ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
      expect(entries, `index after step ${step}`).toEqual(seqs);
      // Searches: words and word starts taken from what is cached now, and hostile ones.
      const sampleText = now.length ? values(JSON.parse(rng.pick(now).cells) as Record<string, unknown>).join(' ') : '';
      const fromData = sampleText.split(/\s+/).filter(Boolean);
      const queries = [rng.pick(VOCABULARY), phrase(), ...(fromData.length ? [rng.pick(fromData), rng.pick(fromData).slice(0, rng.int(1, 5))] : [])];
      for (const query of queries) {
        const expected = now.filter((r) => oracleMatches(JSON.parse(r.cells) as Record<string, unknown>, query)).map((r) => r.id).sort();
        expect(everySearch(p, table.id, query), `"${query}" after step ${step}`).toEqual(expected);
        checks++;
      }
    }
    expect(checks).toBeGreaterThan(STEPS * 3);
  }, 240_000);
});

describe('searching hostile text (check 50)', () => {
  it.each([
    'e-mail',
    'ada@example.com',
    "o'brien",
    '19.99',
    'NEAR(a b)',
    '"unbalanced AND (',
    'a\u0000b',
    '*',
    '-',
    'OR',
    'x'.repeat(10_000_000),
    '\ud800',
    '💥'.repeat(1000),
  ])('answers %# without an error', async (search) => {
    const p = testRecords(clientFor(h).api);
    await p.baseSync.run(h.firstBase().id);
    expect(() => p.queries.window({ tableId: h.firstTable().id, search, limit: 5 })).not.toThrow();
  });
});
