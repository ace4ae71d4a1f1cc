import { errors } from './errors';
import { asBoolean } from './http';
import { findField, findTable, type Base, type Table } from './model';
import { renderRecord } from './cellRead';
import { normaliseWrite } from './cellWrite';
import { listParams, listRecords } from './listRecords';
import { answer, type ApiAnswer, type BaseContext } from './context';
import type { RecordInput } from './store';

const MAX_BATCH = 10;
const MERGEABLE = new Set(['singleLineText', 'multilineText', 'email', 'url', 'phoneNumber', 'number', 'currency', 'percent', 'singleSelect', 'multipleSelects', 'date']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function tableOr404(base: Base, idOrName: string): Table {
  const table = findTable(base, idOrName);
  if (!table) throw errors.tableNotFound(idOrName, base.id);
  return table;
}

export function requireWrite(base: Base): void {
  if (base.permissionLevel !== 'edit' && base.permissionLevel !== 'create') {
    throw errors.invalidPermissions('You are not permitted to perform this operation because you have read-only access to this base');
  }
}

/** /v0/{baseId}/{table}[/{recordId}] and /v0/{baseId}/{table}/listRecords. */
export async function recordRoutes(ctx: BaseContext, tableSegment: string, rest: string[]): Promise<ApiAnswer> {
  const { base, method, sandbox } = ctx;
  const table = tableOr404(base, tableSegment);
  const read = sandbox.store.readContext(base);
  const render = (byFieldId: boolean) => (record: Parameters<typeof renderRecord>[2]) => renderRecord(read, table, record, { byFieldId });

  if (rest.length === 0) {
    switch (method) {
      case 'GET':
        return answer(listRecords(sandbox, base, table, listParams(ctx.query, ctx.query, false)));
      case 'POST':
        return create(ctx, table, render);
      case 'PATCH':
      case 'PUT':
        return update(ctx, table, render, method === 'PUT');
      case 'DELETE': {
        requireWrite(base);
        const ids = ctx.query.records;
        const list = Array.isArray(ids) ? ids.map(String) : typeof ids === 'string' ? [ids] : [];
        if (list.length === 0) throw errors.invalidRecords('records[] is required');
        if (list.length > MAX_BATCH) throw errors.tooManyRecords();
        const deleted = sandbox.store.deleteRecords(base, table, list, { actorId: ctx.principal.userId });
        return answer({ records: deleted.map((id) => ({ id, deleted: true })) });
      }
      default:
        throw errors.notFound();
    }
  }
  if (rest.length === 1 && rest[0] === 'listRecords' && method === 'POST') {
    return answer(listRecords(sandbox, base, table, listParams(await ctx.body(), ctx.query, true)));
  }
  if (rest.length === 1) {
    const recordId = rest[0] ?? '';
    if (method === 'GET') {
      // Airtable falls back to a base-wide lookup when the record lives in another table.
      const owner = table.records.has(recordId) ? table : base.tables.find((t) => t.records.has(recordId));
      const record = owner?.records.get(recordId);
      if (!owner || !record) throw errors.recordNotFound();
      return answer(renderRecord(read, owner, record, { byFieldId: asBoolean(ctx.query.returnFieldsByFieldId) }));
    }
    if (method === 'PATCH' || method === 'PUT') {
      requireWrite(base);
      const body = await ctx.body();
      if (!isObject(body.fields)) throw errors.invalidRecords('"fields" must be an object');
      const [record] = sandbox.store.updateRecords(base, table, [{ id: recordId, fields: body.fields }], {
        typecast: body.typecast === true,
        destructive: method === 'PUT',
        actorId: ctx.principal.userId,
      });
      return answer(render(body.returnFieldsByFieldId === true)(record!));
    }
    if (method === 'DELETE') {
      requireWrite(base);
      sandbox.store.deleteRecords(base, table, [recordId], { actorId: ctx.principal.userId });
      return answer({ id: recordId, deleted: true });
    }
  }
  throw errors.notFound();
}

type Render = (byFieldId: boolean) => (record: Parameters<typeof renderRecord>[2]) => ReturnType<typeof renderRecord>;

async function create(ctx: BaseContext, table: Table, render: Render): Promise<ApiAnswer> {
  requireWrite(ctx.base);
  const body = await ctx.body();
  const single = body.records === undefined && isObject(body.fields);
  const inputs = single ? [{ fields: body.fields as Record<string, unknown> }] : recordInputs(body.records, false);
  const created = ctx.sandbox.store.createRecords(ctx.base, table, inputs, { typecast: body.typecast === true, actorId: ctx.principal.userId });
  const out = created.map(render(body.returnFieldsByFieldId === true));
  return answer(single ? out[0] : { records: out });
}

async function update(ctx: BaseContext, table: Table, render: Render, destructive: boolean): Promise<ApiAnswer> {
  requireWrite(ctx.base);
  const body = await ctx.body();
  const upsert = body.performUpsert;
  const inputs = recordInputs(body.records, upsert === undefined);
  const options = { typecast: body.typecast === true, destructive, actorId: ctx.principal.userId };
  const store = ctx.sandbox.store;
  const byFieldId = body.returnFieldsByFieldId === true;
  if (upsert === undefined) return answer({ records: store.updateRecords(ctx.base, table, inputs, options).map(render(byFieldId)) });

  const mergeOn = isObject(upsert) && Array.isArray(upsert.fieldsToMergeOn) ? upsert.fieldsToMergeOn : undefined;
  if (!mergeOn || mergeOn.length < 1 || mergeOn.length > 3) throw errors.invalidRequest('performUpsert.fieldsToMergeOn must list 1 to 3 fields');
  const mergeFields = mergeOn.map((key) => {
    const field = findField(table, String(key));
    if (!field) throw errors.unknownField(String(key));
    if (!MERGEABLE.has(field.type)) throw errors.invalidRequest(`Field "${field.name}" cannot be used to merge on`);
    return field;
  });
  const writeCtx = { base: ctx.base, table, users: store.users, typecast: options.typecast, createAttachment: store.createAttachment };
  const toCreate: RecordInput[] = [];
  const toUpdate: RecordInput[] = [];
  const plan: Array<{ kind: 'create' | 'update'; index: number }> = [];
  for (const input of inputs) {
    if (input.id) {
      plan.push({ kind: 'update', index: toUpdate.push(input) - 1 });
      continue;
    }
    const wanted = mergeFields.map((field) => {
      const key = Object.keys(input.fields).find((k) => k === field.id || k === field.name);
      return JSON.stringify(key === undefined ? undefined : normaliseWrite(writeCtx, field, input.fields[key], undefined));
    });
    const matches = [...table.records.values()].filter((record) => mergeFields.every((field, i) => JSON.stringify(record.cells[field.id]) === wanted[i]));
    if (matches.length > 1) throw errors.upsertAmbiguous();
    if (matches[0]) plan.push({ kind: 'update', index: toUpdate.push({ id: matches[0].id, fields: input.fields }) - 1 });
    else plan.push({ kind: 'create', index: toCreate.push(input) - 1 });
  }
  // Check every write before applying any, so a bad record leaves the table unchanged.
  for (const input of [...toCreate, ...toUpdate]) {
    for (const [key, value] of Object.entries(input.fields)) {
      const field = findField(table, key);
      if (!field) throw errors.unknownField(key);
      normaliseWrite({ ...writeCtx, createAttachment: () => ({}) }, field, value, undefined);
    }
  }
  const updated = toUpdate.length > 0 ? store.updateRecords(ctx.base, table, toUpdate, options) : [];
  const created = toCreate.length > 0 ? store.createRecords(ctx.base, table, toCreate, options) : [];
  const records = plan.map((step) => (step.kind === 'create' ? created[step.index] : updated[step.index])!);
  return answer({
    records: records.map(render(byFieldId)),
    createdRecords: created.map((r) => r.id),
    updatedRecords: updated.map((r) => r.id),
  });
}

function recordInputs(value: unknown, requireId: boolean): RecordInput[] {
  if (!Array.isArray(value) || value.length === 0) throw errors.invalidRecords('"records" must be a non-empty array');
  if (value.length > MAX_BATCH) throw errors.tooManyRecords();
  return value.map((item) => {
    if (!isObject(item) || !isObject(item.fields)) throw errors.invalidRecords('Each record needs a "fields" object');
    if (requireId && typeof item.id !== 'string') throw errors.invalidRecords('Each record to update needs an "id"');
    return { ...(typeof item.id === 'string' ? { id: item.id } : {}), fields: item.fields };
  });
}
