import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { refreshComputed } from '../../../electron/core/records/sync/computedRefresh';
import { systemClock } from '../../../electron/core/ports';
import { testRecords } from '../../helpers/records';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x2x150:incremental', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

function setup() {
  const p = testRecords(clientFor(h).api);
  return { p, db: p.cacheDb, full: p.baseSync, incremental: p.webhooks };
}

/** The cache must hold exactly what the API returns (attachment URLs aside: they are re-signed per read). */
async function expectSameAsSandbox(db: ReturnType<typeof setup>['db']) {
  const { api } = clientFor(h);
  for (const table of h.firstBase().tables) {
    const upstream = await api.records.list(h.firstBase().id, table.id);
    const cached = new Map((db.prepare('SELECT id, cells FROM records WHERE table_id = ?').all(table.id) as Array<{ id: string; cells: string }>).map((r) => [r.id, JSON.parse(r.cells) as Record<string, unknown>]));
    expect([...cached.keys()].sort()).toEqual(upstream.map((r) => r.id).sort());
    for (const record of upstream) {
      const mine = cached.get(record.id)!;
      for (const [fieldId, value] of Object.entries(record.fields)) {
        if (JSON.stringify(value).includes('/attachments/')) continue;
        expect(mine[fieldId], `${record.id} ${fieldId}`).toEqual(value);
      }
      for (const fieldId of Object.keys(mine)) expect(record.fields[fieldId], `${record.id} has stale ${fieldId}`).toBeDefined();
    }
  }
}

describe('incremental sync with a polled webhook', () => {
  it('follows creates, edits (by the API and by people in Airtable), deletions and schema changes in a few calls', async () => {
    const s = setup();
    const base = h.firstBase();
    const [a, b] = base.tables as [typeof base.tables[0], typeof base.tables[0]];
    await s.full.run(base.id);
    expect(await s.incremental.ensure(base.id)).toBe(false); // created now
    expect(await s.incremental.ensure(base.id)).toBe(true);
    const name = a.primaryFieldId;
    const status = a.fields.find((f) => f.name === 'Status')!;
    const tags = a.fields.find((f) => f.name === 'Tags')!;
    const link = a.fields.find((f) => f.name === 'Related')!;
    const [r1, r2, r3] = [...a.records.keys()];
    const created = await h.call('POST', `/v0/${base.id}/${a.id}`, { json: { records: [{ fields: { Name: 'New upstream', Status: 'Blocked', Tags: ['ops'], Related: [[...b.records.keys()][0]] } }] } });
    await h.call('PATCH', `/v0/${base.id}/${a.id}/${r1}`, { json: { fields: { Status: 'Done', Tags: [] } } });
    await h.control(`bases/${base.id}/tables/${a.id}/records`, { update: [{ id: r2, fields: { [name]: 'Edited in Airtable' } }], delete: [r3] });
    const notes = a.fields.find((f) => f.name === 'Notes')!;
    await h.control(`bases/${base.id}/tables/${a.id}/fields/${notes.id}/delete`);
    await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${a.id}/fields/${status.id}`, { json: { name: 'Stage' } });
    const result = await s.incremental.pull(base.id);
    expect(result).toMatchObject({ created: 1, destroyed: 1, schemaChanged: true, needsFullSync: false });
    expect(result.calls).toBeLessThanOrEqual(3);
    // Computed values are refreshed on their own, slower schedule (they change without edits).
    await refreshComputed({ api: s.p.api, schema: s.p.schema, records: s.p.records, clock: systemClock }, base.id);
    await expectSameAsSandbox(s.db);
    const newId = created.body.records[0].id as string;
    const cells = JSON.parse((s.db.prepare('SELECT cells FROM records WHERE id = ?').get(newId) as { cells: string }).cells) as Record<string, unknown>;
    expect(cells[status.id]).toBe('Blocked'); // V2 select → name
    expect(cells[tags.id]).toEqual(['ops']);
    expect(cells[link.id]).toEqual([[...b.records.keys()][0]]); // V2 link → id
    expect(s.p.schema.fields(a.id).find((f) => f.id === status.id)?.name).toBe('Stage');
    // Nothing new: one call, nothing applied.
    expect(await s.incremental.pull(base.id)).toMatchObject({ payloads: 0, calls: 1 });
  });

  it('replaces a broken webhook and asks for a full sync', async () => {
    const s = setup();
    const base = h.firstBase();
    await s.full.run(base.id);
    await s.incremental.ensure(base.id);
    const hookId = (s.db.prepare('SELECT webhook_id FROM webhooks').get() as { webhook_id: string }).webhook_id;
    await h.control(`webhooks/${hookId}/fail`, { code: 'INVALID_HOOK' });
    expect(await s.incremental.pull(base.id)).toMatchObject({ needsFullSync: true });
    const replaced = (s.db.prepare('SELECT webhook_id FROM webhooks').get() as { webhook_id: string }).webhook_id;
    expect(replaced).not.toBe(hookId);
    await h.call('POST', `/v0/${base.id}/${base.tables[0]!.id}`, { json: { fields: { Name: 'after replacement' } } });
    expect(await s.incremental.pull(base.id)).toMatchObject({ created: 1, needsFullSync: false });
  });

  it('replaces an expired webhook', async () => {
    const s = setup();
    const base = h.firstBase();
    await s.full.run(base.id);
    await s.incremental.ensure(base.id);
    await h.control('clock/advance', { ms: 8 * 86_400_000 });
    expect(await s.incremental.pull(base.id)).toMatchObject({ needsFullSync: true });
    expect(await s.incremental.ensure(base.id)).toBe(true);
  });
});
