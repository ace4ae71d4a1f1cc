import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../../helpers/sandboxClient';
import { clientFor } from '../../helpers/airtableClient';
import { WindowSync } from '../../../electron/core/records/sync/windowSync';
import { systemClock } from '../../../electron/core/ports';
import { testRecords } from '../../helpers/records';
import { AirtableError } from '../../../electron/core/airtable/airtableError';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '1x1x150:windows', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

describe('incremental sync without webhooks (LAST_MODIFIED_TIME windows)', () => {
  it('reads only what changed since the last window, and finds deletions with an id-only pass', async () => {
    // A token without webhook:manage, as many grants are.
    const token = (await h.control('pats', { scopes: ['data.records:read', 'schema.bases:read'] })).body.token as string;
    const { api } = clientFor(h, { tokens: { accessToken: () => Promise.resolve(token), afterUnauthorized: () => Promise.resolve(token) } });
    const p = testRecords(api);
    const db = p.cacheDb;
    const base = h.firstBase();
    const table = base.tables[0]!;
    await p.baseSync.run(base.id);
    await expect(p.webhooks.ensure(base.id)).rejects.toBeInstanceOf(AirtableError);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await h.control('clock/advance', { ms: 2 * 60_000 }); // edits happen later than the sync
    const [a, b, gone] = [...table.records.keys()] as [string, string, string];
    await h.control(`bases/${base.id}/tables/${table.id}/records`, { update: [{ id: a, fields: { [table.primaryFieldId]: 'changed A' } }, { id: b, fields: { Quantity: 77 } }], delete: [gone] });
    const windows = new WindowSync({ api, records: p.records, state: p.state, clock: { ...systemClock, now: () => h.sandbox.clock.now() } });
    const result = await windows.run(base.id, { findDeletions: true });
    expect(result).toMatchObject({ deleted: 1 });
    expect(result.changed).toBeGreaterThanOrEqual(2);
    expect(result.changed).toBeLessThan(20); // a window, not a re-read
    const cells = (id: string) => JSON.parse((db.prepare('SELECT cells FROM records WHERE id = ?').get(id) as { cells: string }).cells) as Record<string, unknown>;
    expect(cells(a)[table.primaryFieldId]).toBe('changed A');
    expect(cells(b)[table.fields.find((f) => f.name === 'Quantity')!.id]).toBe(77);
    expect(db.prepare('SELECT 1 FROM records WHERE id = ?').get(gone)).toBeUndefined();
    const quiet = await windows.run(base.id, { findDeletions: false });
    expect(quiet.changed).toBeLessThanOrEqual(result.changed); // only what falls in the clock-skew margin
    expect(quiet.calls).toBe(1);
  });
});
