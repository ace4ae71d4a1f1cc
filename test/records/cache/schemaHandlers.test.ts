import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, vaultAgainst } from '../../helpers/vaultHarness';
import type { SandboxHarness } from '../../helpers/sandboxClient';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: '2x1x20:schema', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

describe('bases and schema changes', () => {
  it('lists the grant’s bases, and creates and renames tables and fields in Airtable and in the cache', async () => {
    const v = await vaultAgainst(h);
    const profile = await v.core.handlers.profilesCreate({ name: 'Schema' });
    await v.core.handlers.profilesConnectPat({ id: profile.id, token: h.sandbox.defaultPat });
    const [first, second] = [...h.sandbox.store.bases.values()];
    await v.core.sync.sync(profile.id, first!.id);
    const bases = await v.core.handlers.basesList({ profileId: profile.id });
    expect(bases.map((b) => [b.id, b.synced]).sort()).toEqual([[first!.id, true], [second!.id, false]].sort());

    const table = first!.tables[0]!;
    const { id: fieldId } = await v.core.handlers.schemaCreateField({ profileId: profile.id, baseId: first!.id, tableId: table.id, name: 'Owner notes', type: 'multilineText', description: 'Who to ask' });
    expect(table.fields.find((f) => f.id === fieldId)?.name).toBe('Owner notes');
    await v.core.handlers.schemaUpdateField({ profileId: profile.id, baseId: first!.id, tableId: table.id, fieldId, name: 'Escalation contact' });
    const { id: tableId } = await v.core.handlers.schemaCreateTable({ profileId: profile.id, baseId: first!.id, name: 'Ideas', primaryFieldName: 'Title' });
    await v.core.handlers.schemaUpdateTable({ profileId: profile.id, baseId: first!.id, tableId, description: 'Loose ends' });
    const cached = (await v.core.handlers.cacheSchema({ profileId: profile.id })).bases[0]!;
    expect(cached.tables.find((t) => t.id === table.id)!.fields.find((f) => f.id === fieldId)).toMatchObject({ name: 'Escalation contact', type: 'multilineText', description: 'Who to ask' });
    expect(cached.tables.find((t) => t.id === tableId)).toMatchObject({ name: 'Ideas', description: 'Loose ends', records: 0 });
    expect(cached.tables.find((t) => t.id === tableId)!.lastSyncedAt).not.toBeNull();
    await v.core.stop();
  });

  it('refuses a schema change without schema.bases:write with a typed error, and changes nothing', async () => {
    const v = await vaultAgainst(h);
    const token = ((await h.control('pats', { scopes: ['data.records:read', 'data.records:write', 'schema.bases:read', 'user.email:read'] })).body as { token: string }).token;
    const profile = await v.core.handlers.profilesCreate({ name: 'Reader' });
    await v.core.handlers.profilesConnectPat({ id: profile.id, token });
    const base = h.firstBase();
    await v.core.sync.sync(profile.id, base.id);
    const fieldsBefore = base.tables[0]!.fields.length;
    const error = await v.core.handlers.schemaCreateField({ profileId: profile.id, baseId: base.id, tableId: base.tables[0]!.id, name: 'Nope', type: 'singleLineText' }).catch((e: unknown) => e);
    // A token's scopes are only known for OAuth grants; a PAT's refusal comes from Airtable.
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect(base.tables[0]!.fields.length).toBe(fieldsBefore);
    const cached = (await v.core.handlers.cacheSchema({ profileId: profile.id })).bases[0]!.tables[0]!;
    expect(cached.fields.map((f) => f.name)).not.toContain('Nope');
    await v.core.stop();
  });
});
