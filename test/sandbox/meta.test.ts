import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'demo', rateLimits: false, basesPageSize: 2 });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

describe('sandbox: metadata API', () => {
  it('lists bases a page at a time with an offset', async () => {
    const first = await h.call('GET', '/v0/meta/bases');
    expect(first.body.bases).toHaveLength(2);
    expect(first.body.bases[0]).toEqual({ id: expect.stringMatching(/^app[A-Za-z0-9]{14}$/), name: 'Product Roadmap', permissionLevel: 'create' });
    const second = await h.call('GET', '/v0/meta/bases', { query: { offset: first.body.offset } });
    expect(second.body.bases).toEqual([expect.objectContaining({ name: 'Archive 2025', permissionLevel: 'read' })]);
    expect(second.body.offset).toBeUndefined();
  });

  it('returns the base schema with every field type, options and views; visibleFieldIds only on request', async () => {
    const base = h.firstBase();
    const res = await h.call('GET', `/v0/meta/bases/${base.id}/tables`);
    const table = res.body.tables[0];
    expect(table).toMatchObject({ id: expect.stringMatching(/^tbl/), name: 'Projects', primaryFieldId: table.fields[0].id });
    const types = new Set(table.fields.map((f: { type: string }) => f.type));
    for (const type of ['singleLineText', 'multilineText', 'singleSelect', 'multipleSelects', 'currency', 'number', 'percent', 'checkbox', 'date', 'dateTime', 'email', 'url', 'phoneNumber', 'rating', 'duration', 'singleCollaborator', 'multipleCollaborators', 'multipleAttachments', 'barcode', 'richText', 'formula', 'autoNumber', 'createdTime', 'lastModifiedTime', 'createdBy', 'lastModifiedBy', 'button', 'aiText', 'multipleRecordLinks', 'count', 'multipleLookupValues', 'rollup']) {
      expect(types.has(type), type).toBe(true);
    }
    expect(table.fields.find((f: { name: string }) => f.name === 'Status').options.choices[0]).toEqual({ id: expect.stringMatching(/^sel/), name: 'Todo', color: 'blueLight2' });
    expect(table.views.map((v: { type: string }) => v.type)).toEqual(['grid', 'grid', 'kanban', 'gallery']);
    expect(table.views[0].visibleFieldIds).toBeUndefined();
    const withVisible = await h.call('GET', `/v0/meta/bases/${base.id}/tables`, { query: { 'include[]': 'visibleFieldIds' } });
    expect(withVisible.body.tables[0].views[0].visibleFieldIds.length).toBeGreaterThan(10);
    expect(withVisible.body.tables[0].views[2].visibleFieldIds).toBeUndefined();
    const info = await h.call('GET', `/v0/meta/bases/${base.id}`);
    expect(info.body).toMatchObject({ id: base.id, permissionLevel: 'create', workspaceId: expect.stringMatching(/^wsp/) });
  });

  it('creates a table with a default grid view and refuses duplicates, computed types and empty tables', async () => {
    const base = h.firstBase();
    const url = `/v0/meta/bases/${base.id}/tables`;
    const res = await h.call('POST', url, { json: { name: 'Inventory', description: 'Stock', fields: [{ name: 'Item', type: 'singleLineText' }, { name: 'Count', type: 'number', options: { precision: 0 } }, { name: 'Kind', type: 'singleSelect', options: { choices: [{ name: 'A' }] } }] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Inventory', description: 'Stock', views: [{ name: 'Grid view', type: 'grid' }] });
    expect(res.body.primaryFieldId).toBe(res.body.fields[0].id);
    expect(res.body.fields[2].options.choices[0].id).toMatch(/^sel/);
    expect((await h.call('POST', url, { json: { name: 'inventory', fields: [{ name: 'X', type: 'singleLineText' }] } })).body.error.type).toBe('DUPLICATE_TABLE_NAME');
    expect((await h.call('POST', url, { json: { name: 'F', fields: [{ name: 'X', type: 'formula', options: { formula: '1' } }] } })).body.error.type).toBe('INVALID_FIELD_TYPE');
    expect((await h.call('POST', url, { json: { name: 'Empty', fields: [] } })).status).toBe(422);
    expect((await h.call('POST', url, { json: { name: 'N', fields: [{ name: 'X', type: 'number' }] } })).body.error.type).toBe('INVALID_FIELD_OPTIONS');
    const records = await h.call('POST', `/v0/${base.id}/${res.body.id}`, { json: { fields: { Item: 'Bolt', Count: 3 } } });
    expect(records.body.fields).toEqual({ Item: 'Bolt', Count: 3 });
  });

  it('updates a table name and description', async () => {
    const base = h.firstBase();
    const table = base.tables[0]!;
    const res = await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${table.id}`, { json: { name: 'Initiatives', description: 'Renamed' } });
    expect(res.body).toEqual({ id: table.id, name: 'Initiatives', description: 'Renamed' });
    expect((await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${table.id}`, { json: { name: base.tables[1]!.name } })).status).toBe(422);
    expect((await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${table.id}`, { json: {} })).status).toBe(422);
  });

  it('creates a field (a link makes its inverse) and updates names, descriptions and select options', async () => {
    const base = h.firstBase();
    const [a, b] = base.tables as [typeof base.tables[0], typeof base.tables[0]];
    const url = `/v0/meta/bases/${base.id}/tables/${a.id}/fields`;
    const link = await h.call('POST', url, { json: { name: 'Depends on', type: 'multipleRecordLinks', options: { linkedTableId: b.id } } });
    expect(link.body.options).toMatchObject({ linkedTableId: b.id, inverseLinkFieldId: expect.stringMatching(/^fld/) });
    expect(b.fields.some((f) => f.id === link.body.options.inverseLinkFieldId)).toBe(true);
    const renamed = await h.call('PATCH', `${url}/${link.body.id}`, { json: { name: 'Blocked by', description: 'Upstream work' } });
    expect(renamed.body).toMatchObject({ name: 'Blocked by', description: 'Upstream work' });
    expect((await h.call('PATCH', `${url}/${link.body.id}`, { json: { options: { linkedTableId: a.id } } })).status).toBe(422);
    expect((await h.call('POST', url, { json: { name: 'Name', type: 'singleLineText' } })).body.error.type).toBe('DUPLICATE_OR_EMPTY_FIELD_NAME');
    expect((await h.call('POST', url, { json: { name: 'Auto', type: 'autoNumber' } })).body.error.type).toBe('INVALID_FIELD_TYPE');
  });

  it('refuses schema writes on a base where the user is not a creator', async () => {
    const readOnly = [...h.sandbox.store.bases.values()].find((b) => b.permissionLevel === 'read')!;
    const res = await h.call('POST', `/v0/meta/bases/${readOnly.id}/tables`, { json: { name: 'X', fields: [{ name: 'A', type: 'singleLineText' }] } });
    expect(res.status).toBe(403);
  });

  it('answers whoami with the email only under user.email:read and scopes only for OAuth tokens', async () => {
    expect((await h.call('GET', '/v0/meta/whoami')).body).toEqual({ id: 'usrSandboxOwner01', email: 'owner@sandbox.test' });
    const narrow = (await h.control('pats', { scopes: ['data.records:read'] })).body.token as string;
    expect((await h.call('GET', '/v0/meta/whoami', { token: narrow })).body).toEqual({ id: 'usrSandboxOwner01' });
  });
});
