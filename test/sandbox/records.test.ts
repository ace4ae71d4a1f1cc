import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHarness } from '../helpers/sandboxClient';

let h: SandboxHarness;
let path: string;

beforeAll(async () => {
  h = await startSandbox({ seed: 'small', rateLimits: false, iteratorIdleMs: 60_000 });
});
afterAll(() => h.sandbox.close());
beforeEach(() => {
  h.sandbox.reset();
  path = `/v0/${h.firstBase().id}/${h.firstTable().id}`;
});

describe('sandbox: list records', () => {
  it('pages through every record exactly once with offsets', async () => {
    const seen: string[] = [];
    let offset: string | undefined;
    let pages = 0;
    do {
      const res = await h.call('GET', path, { query: { pageSize: '7', ...(offset ? { offset } : {}) } });
      expect(res.status).toBe(200);
      seen.push(...res.body.records.map((r: { id: string }) => r.id));
      offset = res.body.offset;
      pages++;
    } while (offset);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(pages).toBe(4);
  });

  it('returns fields by name by default and by id with returnFieldsByFieldId, omitting empty values', async () => {
    const byName = await h.call('GET', path, { query: { maxRecords: '25' } });
    const byId = await h.call('GET', path, { query: { returnFieldsByFieldId: 'true' } });
    const name = h.field('Name');
    expect(byName.body.records[0].fields.Name).toBeTypeOf('string');
    expect(byId.body.records[0].fields[name.id]).toBe(byName.body.records[0].fields.Name);
    for (const record of byName.body.records) {
      for (const value of Object.values(record.fields)) {
        expect(value === '' || value === false || (Array.isArray(value) && value.length === 0) || value === null).toBe(false);
      }
    }
    expect(byName.body.records.some((r: { fields: Record<string, unknown> }) => !('Done' in r.fields))).toBe(true);
  });

  it('limits fields with fields[] by name or id, and rejects unknown ones', async () => {
    const res = await h.call('GET', path, { query: { 'fields[]': ['Name', h.field('Quantity').id] } });
    for (const record of res.body.records) expect(Object.keys(record.fields).every((k) => k === 'Name' || k === 'Quantity')).toBe(true);
    const bad = await h.call('GET', path, { query: { 'fields[]': 'Nope' } });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({ error: { type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Nope"' } });
  });

  it('filters with filterByFormula and answers a bad formula with INVALID_FILTER_BY_FORMULA', async () => {
    const res = await h.call('GET', path, { query: { filterByFormula: 'AND({Quantity} > 100, NOT({Done}))' } });
    const expected = [...h.firstTable().records.values()].filter((r) => Number(r.cells[h.field('Quantity').id] ?? 0) > 100 && !r.cells[h.field('Done').id]);
    expect(res.body.records.map((r: { id: string }) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const bad = await h.call('GET', path, { query: { filterByFormula: 'NOPE({Name})' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.type).toBe('INVALID_FILTER_BY_FORMULA');
    expect(bad.body.error.message).toContain('Unknown function names: NOPE');
    const unknownField = await h.call('GET', path, { query: { filterByFormula: '{Missing} = 1' } });
    expect(unknownField.body.error.message).toContain('Unknown field names: Missing');
  });

  it('sorts by several fields in both directions', async () => {
    const res = await h.call('GET', path, { query: { 'sort[0][field]': 'Quantity', 'sort[0][direction]': 'desc', 'sort[1][field]': 'Name' } });
    const quantities = res.body.records.map((r: { fields: { Quantity?: number } }) => r.fields.Quantity ?? -1);
    expect(quantities).toEqual([...quantities].sort((a: number, b: number) => b - a));
    const bad = await h.call('GET', path, { query: { 'sort[0][field]': 'Quantity', 'sort[0][direction]': 'up' } });
    expect(bad.status).toBe(422);
  });

  it("applies a view's filter and order, and refuses an unknown view", async () => {
    const res = await h.call('GET', path, { query: { view: 'Open work' } });
    expect(res.body.records.every((r: { fields: { Done?: boolean } }) => r.fields.Done !== true)).toBe(true);
    const dues = res.body.records.map((r: { fields: { Due?: string } }) => r.fields.Due ?? '');
    expect(dues).toEqual([...dues].sort());
    const bad = await h.call('GET', path, { query: { view: 'Nope' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.type).toBe('VIEW_NAME_NOT_FOUND');
  });

  it('enforces pageSize ≤ 100 and honours maxRecords', async () => {
    expect((await h.call('GET', path, { query: { pageSize: '101' } })).status).toBe(422);
    const res = await h.call('GET', path, { query: { maxRecords: '3', pageSize: '2' } });
    expect(res.body.records).toHaveLength(2);
    const next = await h.call('GET', path, { query: { maxRecords: '3', pageSize: '2', offset: res.body.offset } });
    expect(next.body.records).toHaveLength(1);
    expect(next.body.offset).toBeUndefined();
  });

  it('accepts the same parameters through POST listRecords with a JSON body', async () => {
    const res = await h.call('POST', `${path}/listRecords`, {
      json: { fields: ['Name', 'Quantity'], sort: [{ field: 'Quantity', direction: 'asc' }], pageSize: 5, returnFieldsByFieldId: true, filterByFormula: '{Quantity} >= 0' },
    });
    expect(res.status).toBe(200);
    expect(res.body.records).toHaveLength(5);
    expect(Object.keys(res.body.records[0].fields).every((k: string) => k.startsWith('fld'))).toBe(true);
    const next = await h.call('POST', `${path}/listRecords`, { json: { offset: res.body.offset, pageSize: 5 } });
    expect(next.body.records[0].id).not.toBe(res.body.records[0].id);
    const unknown = await h.call('POST', `${path}/listRecords`, { json: { bogus: 1 } });
    expect(unknown.status).toBe(422);
  });

  it('expires an idle offset with LIST_RECORDS_ITERATOR_NOT_AVAILABLE and rejects a malformed one', async () => {
    const first = await h.call('GET', path, { query: { pageSize: '5' } });
    await h.control('clock/advance', { ms: 61_000 });
    const expired = await h.call('GET', path, { query: { pageSize: '5', offset: first.body.offset } });
    expect(expired.status).toBe(422);
    expect(expired.body.error.type).toBe('LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
    const malformed = await h.call('GET', path, { query: { offset: 'garbage' } });
    expect(malformed.body.error.type).toBe('INVALID_OFFSET_VALUE');
  });

  it('requires timeZone and userLocale for cellFormat=string', async () => {
    expect((await h.call('GET', path, { query: { cellFormat: 'string' } })).status).toBe(422);
    const res = await h.call('GET', path, { query: { cellFormat: 'string', timeZone: 'UTC', userLocale: 'en-us', 'fields[]': ['Quantity', 'Tags'] } });
    for (const record of res.body.records) for (const value of Object.values(record.fields)) expect(typeof value).toBe('string');
  });

  it('answers 414 for a URL over 16,000 characters', async () => {
    const res = await h.call('GET', path, { query: { filterByFormula: `LEN("${'x'.repeat(16_100)}") > 0` } });
    expect(res.status).toBe(414);
  });

  it('adds commentCount with recordMetadata[]=commentCount', async () => {
    const res = await h.call('GET', path, { query: { 'recordMetadata[]': 'commentCount', pageSize: '1' } });
    expect(res.body.records[0].commentCount).toBe(0);
  });
});

describe('sandbox: get, create, update, upsert, delete', () => {
  it('gets one record, falls back to another table of the base, and answers NOT_FOUND', async () => {
    const other = h.firstBase().tables[1]!;
    const otherId = [...other.records.keys()][0]!;
    const res = await h.call('GET', `${path}/${otherId}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(otherId);
    const missing = await h.call('GET', `${path}/recAAAAAAAAAAAAAA`);
    expect(missing).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
  });

  it('creates up to 10 records per request, one at a time too', async () => {
    const res = await h.call('POST', path, { json: { records: [{ fields: { Name: 'One', Quantity: 1 } }, { fields: { Name: 'Two', Done: true } }] } });
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: { fields: { Name: string } }) => r.fields.Name)).toEqual(['One', 'Two']);
    expect(res.body.records[0].id).toMatch(/^rec[A-Za-z0-9]{14}$/);
    expect(res.body.records[0].fields.Row).toBe(26);
    const single = await h.call('POST', path, { json: { fields: { Name: 'Solo' } } });
    expect(single.body.fields.Name).toBe('Solo');
    const tooMany = await h.call('POST', path, { json: { records: Array.from({ length: 11 }, (_, i) => ({ fields: { Name: `n${i}` } })) } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.type).toBe('INVALID_RECORDS');
    expect(h.firstTable().records.size).toBe(28);
  });

  it('refuses a whole batch when one record is bad, leaving the table unchanged', async () => {
    const before = h.firstTable().records.size;
    const res = await h.call('POST', path, { json: { records: [{ fields: { Name: 'ok' } }, { fields: { Nope: 1 } }] } });
    expect(res.body).toEqual({ error: { type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Nope"' } });
    expect(h.firstTable().records.size).toBe(before);
  });

  it('validates values per field type, with typecast converting and creating select options', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ Quantity: 'ten' }, 'INVALID_VALUE_FOR_COLUMN'],
      [{ Status: 'Someday' }, 'INVALID_MULTIPLE_CHOICE_OPTIONS'],
      [{ Done: 'yes' }, 'INVALID_VALUE_FOR_COLUMN'],
      [{ Due: 'not a date' }, 'INVALID_VALUE_FOR_COLUMN'],
      [{ Rating: 9 }, 'INVALID_VALUE_FOR_COLUMN'],
      [{ Total: 5 }, 'INVALID_VALUE_FOR_COLUMN'],
      [{ Related: ['recAAAAAAAAAAAAAA'] }, 'ROW_DOES_NOT_EXIST'],
      [{ Owner: { id: 'usrNobody00000000' } }, 'INVALID_VALUE_FOR_COLUMN'],
    ];
    for (const [fields, type] of cases) {
      const res = await h.call('POST', path, { json: { records: [{ fields }] } });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(res.body.error.type, JSON.stringify(fields)).toBe(type);
    }
    const computed = await h.call('POST', path, { json: { fields: { Total: 5 } } });
    expect(computed.body.error.message).toBe('Field "Total" cannot accept a value because the field is computed');
    const typecast = await h.call('POST', path, { json: { typecast: true, records: [{ fields: { Quantity: '12', Status: 'Someday', Done: 'true', Tags: 'a, b' } }] } });
    expect(typecast.body.records[0].fields).toMatchObject({ Quantity: 12, Status: 'Someday', Done: true, Tags: ['a', 'b'] });
    expect((h.field('Status').options?.choices as Array<{ name: string }>).some((c) => c.name === 'Someday')).toBe(true);
  });

  it('normalises values: checkbox false is omitted, dateTime in UTC, links kept symmetric', async () => {
    const linkTarget = h.firstBase().tables[1]!;
    const targetId = [...linkTarget.records.keys()][0]!;
    const res = await h.call('POST', path, { json: { fields: { Name: 'Links', Done: false, Updated: '2026-03-01T10:00:00+02:00', Related: [targetId] } } });
    expect(res.body.fields.Done).toBeUndefined();
    expect(res.body.fields.Updated).toBe('2026-03-01T08:00:00.000Z');
    const inverse = linkTarget.fields.find((f) => f.options?.inverseLinkFieldId === h.field('Related').id)!;
    expect(linkTarget.records.get(targetId)!.cells[inverse.id]).toContain(res.body.id);
    await h.call('PATCH', `${path}/${res.body.id}`, { json: { fields: { Related: [] } } });
    expect((linkTarget.records.get(targetId)!.cells[inverse.id] as string[] | undefined) ?? []).not.toContain(res.body.id);
  });

  it('PATCH keeps other fields; PUT clears every field it was not given', async () => {
    const id = [...h.firstTable().records.values()].find((r) => r.cells[h.field('Quantity').id] !== undefined && r.cells[h.field('Status').id] !== undefined)!.id;
    const patched = await h.call('PATCH', path, { json: { records: [{ id, fields: { Name: 'Patched' } }] } });
    expect(patched.body.records[0].fields).toMatchObject({ Name: 'Patched' });
    expect(patched.body.records[0].fields.Status).toBeDefined();
    const put = await h.call('PUT', `${path}/${id}`, { json: { fields: { Name: 'Replaced' } } });
    expect(put.status).toBe(200);
    expect(put.body.fields.Name).toBe('Replaced');
    expect(put.body.fields.Status).toBeUndefined();
    expect(put.body.fields.Quantity).toBeUndefined();
    expect(put.body.fields.Row).toBeDefined(); // computed fields survive
    const missing = await h.call('PATCH', path, { json: { records: [{ id: 'recAAAAAAAAAAAAAA', fields: { Name: 'x' } }] } });
    expect(missing.status).toBe(404);
  });

  it('upserts on merge fields, reporting created and updated ids, and refuses ambiguous matches', async () => {
    await h.call('POST', path, { json: { records: [{ fields: { Name: 'dup', Email: 'same@x.test' } }, { fields: { Name: 'dup2', Email: 'same@x.test' } }] } });
    const existing = [...h.firstTable().records.values()][0]!;
    const existingName = existing.cells[h.field('Name').id] as string;
    const res = await h.call('PATCH', path, {
      json: { performUpsert: { fieldsToMergeOn: ['Name'] }, records: [{ fields: { Name: existingName, Quantity: 999 } }, { fields: { Name: 'Brand new', Quantity: 1 } }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.updatedRecords).toEqual([existing.id]);
    expect(res.body.createdRecords).toHaveLength(1);
    expect(res.body.records.map((r: { fields: { Quantity: number } }) => r.fields.Quantity)).toEqual([999, 1]);
    const ambiguous = await h.call('PATCH', path, { json: { performUpsert: { fieldsToMergeOn: ['Email'] }, records: [{ fields: { Email: 'same@x.test', Name: 'z' } }] } });
    expect(ambiguous.status).toBe(422);
    const badMerge = await h.call('PATCH', path, { json: { performUpsert: { fieldsToMergeOn: ['Total'] }, records: [{ fields: { Name: 'z' } }] } });
    expect(badMerge.status).toBe(422);
  });

  it('deletes up to 10 records by records[] or one by id', async () => {
    const ids = [...h.firstTable().records.keys()].slice(0, 3);
    const res = await h.call('DELETE', path, { query: { 'records[]': ids.slice(0, 2) } });
    expect(res.body).toEqual({ records: ids.slice(0, 2).map((id) => ({ id, deleted: true })) });
    const one = await h.call('DELETE', `${path}/${ids[2]}`);
    expect(one.body).toEqual({ id: ids[2], deleted: true });
    expect(h.firstTable().records.size).toBe(22);
    const tooMany = await h.call('DELETE', path, { query: { 'records[]': Array.from({ length: 11 }, () => ids[0]!) } });
    expect(tooMany.status).toBe(422);
    const gone = await h.call('DELETE', `${path}/${ids[0]}`);
    expect(gone.status).toBe(404);
  });

  it('answers 400 for a body that is not JSON and 413 for one that is too large', async () => {
    const bad = await h.call('POST', path, { body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.type).toBe('INVALID_REQUEST_BODY');
    const huge = await h.call('POST', path, { json: { fields: { Notes: 'x'.repeat(3 * 1024 * 1024) } } });
    expect(huge.status).toBe(413);
  });

  it('refuses writes to a read-only base with INVALID_PERMISSIONS', async () => {
    h.sandbox.reset({ seed: 'ro', bases: 1, tablesPerBase: 1, recordsPerTable: 2, readOnlyBases: 1 });
    const base = h.firstBase();
    const res = await h.call('POST', `/v0/${base.id}/${base.tables[0]!.id}`, { json: { fields: { Name: 'x' } } });
    expect(res.status).toBe(403);
    expect(res.body.error.type).toBe('INVALID_PERMISSIONS');
  });

  it('lists, creates, edits and deletes comments, with mentions and author checks', async () => {
    const recordId = [...h.firstTable().records.keys()][0]!;
    const comments = `${path}/${recordId}/comments`;
    const created = await h.call('POST', comments, { json: { text: 'Hi @[usrSandboxColl001]' } });
    expect(created.body).toMatchObject({ text: 'Hi @[usrSandboxColl001]', author: { id: 'usrSandboxOwner01' }, mentioned: { usrSandboxColl001: { displayName: 'Grace Hopper' } } });
    await h.call('POST', comments, { json: { text: 'Second', parentCommentId: created.body.id } });
    const list = await h.call('GET', comments);
    expect(list.body.comments.map((c: { text: string }) => c.text)).toEqual(['Second', 'Hi @[usrSandboxColl001]']);
    const edited = await h.call('PATCH', `${comments}/${created.body.id}`, { json: { text: 'Edited' } });
    expect(edited.body.lastUpdatedTime).toBeTypeOf('string');
    const other = (await h.control('pats', { userId: 'usrSandboxColl001' })).body.token as string;
    expect((await h.call('DELETE', `${comments}/${created.body.id}`, { token: other })).status).toBe(403);
    expect((await h.call('DELETE', `${comments}/${created.body.id}`)).body).toEqual({ id: created.body.id, deleted: true });
    const count = await h.call('GET', path, { query: { 'recordMetadata[]': 'commentCount', filterByFormula: `RECORD_ID() = "${recordId}"` } });
    expect(count.body.records[0].commentCount).toBe(1);
  });

  it('serves attachment bytes from signed URLs that expire after two hours', async () => {
    const withFiles = await h.call('GET', path, { query: { filterByFormula: 'LEN({Files} & "") > 0', pageSize: '1' } });
    const file = withFiles.body.records[0].fields.Files[0];
    const download = await fetch(file.url);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(file.size);
    const tampered = await fetch(file.url.replace(/sig=[^&]+/, 'sig=bad'));
    expect(tampered.status).toBe(404);
    await h.control('clock/advance', { ms: 2 * 3600_000 + 1000 });
    expect((await fetch(file.url)).status).toBe(410);
  });
});
