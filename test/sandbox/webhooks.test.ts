import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';
import { connect } from '../helpers/oauthFlow';

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false });
});
afterAll(() => h.sandbox.close());
beforeEach(() => h.sandbox.reset());

const spec = (dataTypes: string[], extra: Record<string, unknown> = {}) => ({ specification: { options: { filters: { dataTypes, ...extra } } } });
const hooksPath = () => `/v0/bases/${h.firstBase().id}/webhooks`;
const recordsPath = () => `/v0/${h.firstBase().id}/${h.firstTable().id}`;

describe('sandbox: webhooks', () => {
  it('creates a webhook without a notification URL and returns its secret once', async () => {
    const res = await h.call('POST', hooksPath(), { json: spec(['tableData']) });
    expect(res.body).toEqual({ id: expect.stringMatching(/^ach[A-Za-z0-9]{14}$/), macSecretBase64: expect.any(String), expirationTime: expect.any(String) });
    const list = await h.call('GET', hooksPath());
    expect(list.body.webhooks).toHaveLength(1);
    expect(list.body.webhooks[0]).toMatchObject({ id: res.body.id, cursorForNextPayload: 1, isHookEnabled: true, notificationUrl: null });
    expect(list.body.webhooks[0].macSecretBase64).toBeUndefined();
  });

  it('records created, changed and destroyed records as payloads read with a cursor', async () => {
    const hook = (await h.call('POST', hooksPath(), { json: spec(['tableData'], {}) })).body;
    const created = await h.call('POST', recordsPath(), { json: { fields: { Name: 'Hooked', Status: 'Todo' } } });
    await h.call('PATCH', `${recordsPath()}/${created.body.id}`, { json: { fields: { Quantity: 7 } } });
    await h.call('DELETE', `${recordsPath()}/${created.body.id}`);
    const page = await h.call('GET', `${hooksPath()}/${hook.id}/payloads`);
    expect(page.body.cursor).toBe(4);
    expect(page.body.mightHaveMore).toBe(false);
    const [p1, p2, p3] = page.body.payloads;
    const tableId = h.firstTable().id;
    const status = h.field('Status');
    expect(p1.changedTablesById[tableId].createdRecordsById[created.body.id].cellValuesByFieldId[status.id]).toEqual({ id: expect.stringMatching(/^sel/), name: 'Todo', color: 'blueLight2' });
    expect(p2.changedTablesById[tableId].changedRecordsById[created.body.id].current.cellValuesByFieldId[h.field('Quantity').id]).toBe(7);
    expect(p3.changedTablesById[tableId].destroyedRecordIds).toEqual([created.body.id]);
    expect(p1).toMatchObject({ payloadFormat: 'v0', actionMetadata: { source: 'publicApi', sourceMetadata: { user: { id: 'usrSandboxOwner01' } } } });
    expect(p2.baseTransactionNumber).toBeGreaterThan(p1.baseTransactionNumber);
    const later = await h.call('GET', `${hooksPath()}/${hook.id}/payloads`, { query: { cursor: '4' } });
    expect(later.body).toEqual({ payloads: [], cursor: 4, mightHaveMore: false });
    const limited = await h.call('GET', `${hooksPath()}/${hook.id}/payloads`, { query: { cursor: '1', limit: '2' } });
    expect(limited.body).toMatchObject({ cursor: 3, mightHaveMore: true });
  });

  it('includes previous values on request and reports field changes for tableFields', async () => {
    const data = (await h.call('POST', hooksPath(), { json: { specification: { options: { filters: { dataTypes: ['tableData'] }, includes: { includePreviousCellValues: true } } } } })).body;
    const fields = (await h.call('POST', hooksPath(), { json: spec(['tableFields', 'tableMetadata']) })).body;
    const record = [...h.firstTable().records.values()][0]!;
    const originalName = record.cells[h.field('Name').id];
    await h.call('PATCH', `${recordsPath()}/${record.id}`, { json: { fields: { Name: 'Renamed record' } } });
    const nameId = h.field('Name').id;
    const changed = (await h.call('GET', `${hooksPath()}/${data.id}/payloads`)).body.payloads[0].changedTablesById[h.firstTable().id].changedRecordsById[record.id];
    expect(changed.previous.cellValuesByFieldId[nameId]).toBe(originalName);
    expect(changed.current.cellValuesByFieldId[nameId]).toBe('Renamed record');
    const base = h.firstBase();
    const newField = await h.call('POST', `/v0/meta/bases/${base.id}/tables/${h.firstTable().id}/fields`, { json: { name: 'Extra', type: 'singleLineText' } });
    await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${h.firstTable().id}/fields/${newField.body.id}`, { json: { name: 'Extra 2' } });
    await h.control(`bases/${base.id}/tables/${h.firstTable().id}/fields/${newField.body.id}/delete`);
    await h.call('PATCH', `/v0/meta/bases/${base.id}/tables/${h.firstTable().id}`, { json: { name: 'Renamed table' } });
    const payloads = (await h.call('GET', `${hooksPath()}/${fields.id}/payloads`)).body.payloads.map((p: { changedTablesById: Record<string, unknown> }) => p.changedTablesById[h.firstTable().id]);
    expect(payloads[0].createdFieldsById[newField.body.id]).toEqual({ name: 'Extra', type: 'singleLineText' });
    expect(payloads[1].changedFieldsById[newField.body.id]).toMatchObject({ current: { name: 'Extra 2' }, previous: { name: 'Extra' } });
    expect(payloads[2].destroyedFieldIds).toEqual([newField.body.id]);
    expect(payloads[3].changedMetadata).toMatchObject({ current: { name: 'Renamed table' } });
    expect(payloads).toHaveLength(4); // the record edit is tableData, which this hook does not watch
  });

  it('limits an OAuth integration to 2 webhooks per base and a base to 10', async () => {
    const oauth = await connect(h, 'data.records:read webhook:manage');
    for (let i = 0; i < 2; i++) expect((await h.call('POST', hooksPath(), { token: oauth.access_token, json: spec(['tableData']) })).status).toBe(200);
    expect((await h.call('POST', hooksPath(), { token: oauth.access_token, json: spec(['tableData']) })).body.error.type).toBe('TOO_MANY_WEBHOOKS_BY_OAUTH_INTEGRATION_IN_BASE');
    expect((await h.call('GET', hooksPath(), { token: oauth.access_token })).body.webhooks).toHaveLength(2);
    expect((await h.call('GET', hooksPath())).body.webhooks).toHaveLength(0); // OAuth apps' hooks are their own
    for (let i = 0; i < 8; i++) await h.call('POST', hooksPath(), { json: spec(['tableData']) });
    expect((await h.call('POST', hooksPath(), { json: spec(['tableData']) })).body.error.type).toBe('TOO_MANY_WEBHOOKS_IN_BASE');
  });

  it('expires after 7 days unless refreshed or read; payloads older than 7 days are gone', async () => {
    const hook = (await h.call('POST', hooksPath(), { json: spec(['tableData']) })).body;
    await h.control('clock/advance', { ms: 6 * 86_400_000 });
    const refreshed = await h.call('POST', `${hooksPath()}/${hook.id}/refresh`);
    expect(new Date(refreshed.body.expirationTime).getTime()).toBeGreaterThan(new Date(hook.expirationTime).getTime());
    await h.call('POST', recordsPath(), { json: { fields: { Name: 'old' } } });
    await h.control('clock/advance', { ms: 6 * 86_400_000 });
    await h.call('POST', recordsPath(), { json: { fields: { Name: 'new' } } });
    await h.call('POST', `${hooksPath()}/${hook.id}/refresh`);
    await h.control('clock/advance', { ms: 1 * 86_400_000 + 1000 });
    const read = await h.call('GET', `${hooksPath()}/${hook.id}/payloads`);
    expect(read.body.payloads).toHaveLength(1); // the first payload is older than 7 days
    await h.control('clock/advance', { ms: 7 * 86_400_000 + 1000 });
    const expired = await h.call('GET', `${hooksPath()}/${hook.id}/payloads`);
    expect(expired.status).toBe(404);
    const list = await h.call('GET', hooksPath());
    expect(list.body.webhooks[0].isHookEnabled).toBe(false);
  });

  it('reports a broken webhook with an error payload and stops recording', async () => {
    const hook = (await h.call('POST', hooksPath(), { json: spec(['tableData']) })).body;
    await h.control(`webhooks/${hook.id}/fail`, { code: 'INVALID_HOOK' });
    await h.call('POST', recordsPath(), { json: { fields: { Name: 'after' } } });
    const read = await h.call('GET', `${hooksPath()}/${hook.id}/payloads`);
    expect(read.body.payloads).toEqual([expect.objectContaining({ error: true, code: 'INVALID_HOOK' })]);
  });

  it('records edits made by a person in Airtable as source "client", and deletes', async () => {
    const hook = (await h.call('POST', hooksPath(), { json: spec(['tableData']) })).body;
    const id = [...h.firstTable().records.keys()][0]!;
    await h.control(`bases/${h.firstBase().id}/tables/${h.firstTable().id}/records`, { update: [{ id, fields: { Name: 'UI edit' } }] });
    const [payload] = (await h.call('GET', `${hooksPath()}/${hook.id}/payloads`)).body.payloads;
    expect(payload.actionMetadata.source).toBe('client');
    expect((await h.call('DELETE', `${hooksPath()}/${hook.id}`)).status).toBe(200);
    expect((await h.call('GET', `${hooksPath()}/${hook.id}/payloads`)).status).toBe(404);
  });
});
