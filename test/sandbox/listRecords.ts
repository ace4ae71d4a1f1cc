import { CompiledFormula, FormulaLimitError, FormulaSyntaxError, cellToFormulaValue, toText } from '../../electron/core/formula';
import { errors } from './errors';
import { asBoolean, asString, asStringArray, text } from './http';
import { findField, findView, type Base, type StoredRecord, type Table } from './model';
import { formulaRecord, readCell, renderRecord, type ReadContext } from './cellRead';
import { randomId } from './store';
import type { Sandbox } from './sandbox';

export interface ListParams {
  fields?: string[];
  filterByFormula?: string;
  maxRecords?: number;
  pageSize: number;
  sort?: Array<{ field: string; direction: 'asc' | 'desc' }>;
  view?: string;
  cellFormat: 'json' | 'string';
  timeZone?: string;
  userLocale?: string;
  returnFieldsByFieldId: boolean;
  recordMetadata: string[];
  offset?: string;
}

const BODY_KEYS = new Set(['fields', 'filterByFormula', 'maxRecords', 'pageSize', 'sort', 'view', 'cellFormat', 'timeZone', 'userLocale', 'returnFieldsByFieldId', 'recordMetadata', 'offset', 'includeDateDependencyMetadata']);

/** The parameters of GET (query string) or POST listRecords (JSON body; timeZone and userLocale stay in the query). */
export function listParams(source: Record<string, unknown>, query: Record<string, unknown>, fromBody: boolean): ListParams {
  if (fromBody) {
    const unknown = Object.keys(source).filter((key) => !BODY_KEYS.has(key));
    if (unknown.length > 0) throw errors.invalidRequest(`Invalid request: parameter validation failed. Unknown parameter: ${unknown.join(', ')}`);
  }
  const int = (value: unknown, onError: () => Error) => {
    if (value === undefined) return undefined;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n)) throw onError();
    return n;
  };
  const pageSize = int(source.pageSize, errors.invalidPageSize) ?? 100;
  if (pageSize < 1 || pageSize > 100) throw errors.invalidPageSize();
  const maxRecords = int(source.maxRecords, errors.invalidMaxRecords);
  if (maxRecords !== undefined && maxRecords < 1) throw errors.invalidMaxRecords();
  const cellFormat = source.cellFormat ?? 'json';
  if (cellFormat !== 'json' && cellFormat !== 'string') throw errors.invalidRequest('cellFormat must be "json" or "string"');
  let sort: ListParams['sort'];
  if (source.sort !== undefined) {
    if (!Array.isArray(source.sort) && typeof source.sort !== 'object') throw errors.invalidSort('sort must be an array of {field, direction}');
    sort = Object.values(source.sort as Record<string, unknown>).map((entry) => {
      const item = entry as Record<string, unknown> | null;
      const field = asString(item?.field);
      const direction = item?.direction ?? 'asc';
      if (!field) throw errors.invalidSort('Each sort needs a field');
      if (direction !== 'asc' && direction !== 'desc') throw errors.invalidSort(`Invalid sort direction: ${text(direction)}`);
      return { field, direction };
    });
  }
  const params: ListParams = {
    pageSize,
    cellFormat,
    returnFieldsByFieldId: asBoolean(source.returnFieldsByFieldId),
    recordMetadata: asStringArray(source.recordMetadata, 'recordMetadata') ?? [],
  };
  const fields = asStringArray(source.fields, 'fields');
  if (fields) params.fields = fields;
  if (source.filterByFormula !== undefined) params.filterByFormula = text(source.filterByFormula);
  if (maxRecords !== undefined) params.maxRecords = maxRecords;
  if (sort) params.sort = sort;
  if (source.view !== undefined) params.view = text(source.view);
  const timeZone = asString(query.timeZone ?? (fromBody ? undefined : source.timeZone));
  const userLocale = asString(query.userLocale ?? (fromBody ? undefined : source.userLocale));
  if (timeZone) params.timeZone = timeZone;
  if (userLocale) params.userLocale = userLocale;
  if (source.offset !== undefined) params.offset = text(source.offset);
  if (cellFormat === 'string' && (!timeZone || !userLocale)) throw errors.cellFormat();
  return params;
}

interface Iterator {
  baseId: string;
  tableId: string;
  ids: string[];
  lastUsed: number;
}

/** Open listings: the ordered ids of the first request, kept until idle for `idleMs`. */
export class IteratorStore {
  private readonly iterators = new Map<string, Iterator>();
  idleMs = 5 * 60_000;

  create(baseId: string, tableId: string, ids: string[], now: number): string {
    const id = randomId('itr');
    this.iterators.set(id, { baseId, tableId, ids, lastUsed: now });
    return id;
  }

  /** The iterator and position an offset points at; 422 when it expired or never existed. */
  resolve(offset: string, baseId: string, tableId: string, now: number): { iterator: Iterator; iteratorId: string; position: number } {
    const match = /^(itr[A-Za-z0-9]{14})\/(\d+)$/.exec(offset);
    if (!match?.[1] || !match[2]) throw errors.invalidOffset();
    const iterator = this.iterators.get(match[1]);
    if (!iterator || iterator.baseId !== baseId || iterator.tableId !== tableId || now - iterator.lastUsed > this.idleMs) {
      this.iterators.delete(match[1]);
      throw errors.iteratorExpired();
    }
    iterator.lastUsed = now;
    return { iterator, iteratorId: match[1], position: Number(match[2]) };
  }

  clear(): void {
    this.iterators.clear();
  }
}

export function listRecords(sandbox: Sandbox, base: Base, table: Table, params: ListParams) {
  const now = sandbox.clock.now();
  const ctx = sandbox.store.readContext(base);
  let ids: string[];
  let position = 0;
  let iteratorId: string;
  const fieldIds = params.fields ? new Set(params.fields.map((name) => findField(table, name)?.id ?? throwUnknown(name))) : undefined;
  if (params.offset) {
    const resolved = sandbox.iterators.resolve(params.offset, base.id, table.id, now);
    ({ position, iteratorId } = resolved);
    ids = resolved.iterator.ids;
  } else {
    ids = orderedIds(ctx, table, params);
    if (params.maxRecords !== undefined) ids = ids.slice(0, params.maxRecords);
    iteratorId = sandbox.iterators.create(base.id, table.id, ids, now);
  }
  const records: unknown[] = [];
  let cursor = position;
  while (cursor < ids.length && records.length < params.pageSize) {
    const record = table.records.get(ids[cursor] ?? '');
    cursor++;
    if (!record) continue; // deleted while the listing was open
    const rendered = renderRecord(ctx, table, record, { byFieldId: params.returnFieldsByFieldId, commentCount: params.recordMetadata.includes('commentCount'), ...(fieldIds ? { fieldIds } : {}) });
    records.push(params.cellFormat === 'string' ? stringify(table, rendered, params.returnFieldsByFieldId) : rendered);
  }
  return cursor < ids.length ? { records, offset: `${iteratorId}/${cursor}` } : { records };
}

function throwUnknown(name: string): never {
  throw errors.unknownField(name);
}

/** The record order of a new listing: view filter and order, then filterByFormula, then sort. */
function orderedIds(ctx: ReadContext, table: Table, params: ListParams): string[] {
  let records = [...table.records.values()];
  let sort = params.sort?.map((s) => ({ fieldId: findField(table, s.field)?.id ?? throwUnknown(s.field), direction: s.direction }));
  if (params.view !== undefined) {
    const view = findView(table, params.view);
    if (!view) throw errors.viewNotFound(params.view);
    if (view.filterFormula) records = filter(ctx, table, records, view.filterFormula, false);
    sort ??= view.sort;
  }
  if (params.filterByFormula !== undefined && params.filterByFormula.trim() !== '') records = filter(ctx, table, records, params.filterByFormula, true);
  if (sort && sort.length > 0) records = sortRecords(ctx, table, records, sort);
  return records.map((r) => r.id);
}

function filter(ctx: ReadContext, table: Table, records: StoredRecord[], formula: string, fromUser: boolean): StoredRecord[] {
  let compiled: CompiledFormula;
  try {
    compiled = CompiledFormula.compile(formula, (nameOrId) => findField(table, nameOrId)?.id);
  } catch (error) {
    if ((error instanceof FormulaSyntaxError || error instanceof FormulaLimitError) && fromUser) throw errors.invalidFilter(error.message);
    throw error;
  }
  try {
    return records.filter((record) => compiled.matches(formulaRecord(ctx, table, record)));
  } catch (error) {
    // UNCONFIRMED what Airtable answers for a filter too heavy to run; the stricter reading is a refusal.
    if (error instanceof FormulaLimitError && fromUser) throw errors.invalidFilter(error.message);
    throw error;
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function sortRecords(ctx: ReadContext, table: Table, records: StoredRecord[], sort: Array<{ fieldId: string; direction: 'asc' | 'desc' }>): StoredRecord[] {
  const keys = new Map<string, unknown[]>();
  for (const record of records) {
    keys.set(
      record.id,
      sort.map(({ fieldId }) => {
        const field = table.fields.find((f) => f.id === fieldId);
        return field ? sortKey(cellToFormulaValue(field.type, readCell(ctx, table, field, record))) : null;
      }),
    );
  }
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => {
      const ka = keys.get(a.record.id) ?? [];
      const kb = keys.get(b.record.id) ?? [];
      for (let i = 0; i < sort.length; i++) {
        const c = compareKeys(ka[i], kb[i]);
        if (c !== 0) return sort[i]?.direction === 'desc' ? -c : c;
      }
      return a.index - b.index;
    })
    .map(({ record }) => record);
}

function sortKey(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.length === 0 ? null : toText(value as never);
  if (value === false || value === '') return null;
  return value;
}

/** Empty cells sort first when ascending, as in Airtable's grid. */
function compareKeys(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(text(a), text(b));
}

/** cellFormat=string: every value as the text Airtable would show (its exact format is not stable). */
function stringify(table: Table, rendered: { id: string; createdTime: string; fields: Record<string, unknown> }, byFieldId: boolean) {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(rendered.fields)) {
    const field = byFieldId ? table.fields.find((f) => f.id === key) : table.fields.find((f) => f.name === key);
    fields[key] = toText(cellToFormulaValue(field?.type ?? 'singleLineText', value));
  }
  return { ...rendered, fields };
}
