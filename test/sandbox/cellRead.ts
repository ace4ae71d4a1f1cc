import { CompiledFormula, FormulaErrorValue, FormulaLimitError, FormulaSyntaxError, cellToFormulaValue, type FormulaValue } from '../../electron/core/formula';
import { findField, type Base, type Collaborator, type Field, type StoredRecord, type Table } from './model';

/** What reading a record needs besides the record: its base (for links) and the users. */
export interface ReadContext {
  base: Base;
  users: Map<string, Collaborator>;
  now: () => number;
  /** Signed, expiring download URL of an attachment (or one of its thumbnails). */
  attachmentUrl: (attachmentId: string, filename: string, thumbnail?: 'small' | 'large' | 'full') => string;
}

const MAX_DEPTH = 8;

/** The JSON value of one cell, computed fields included; undefined means empty (and omitted). */
export function readCell(ctx: ReadContext, table: Table, field: Field, record: StoredRecord, depth = 0): unknown {
  if (depth > MAX_DEPTH) return { error: '#ERROR!' };
  const options = field.options ?? {};
  switch (field.type) {
    case 'formula':
      return formulaToJson(evaluateFormula(ctx, table, field, record, depth));
    case 'autoNumber':
      return record.autoNumber;
    case 'createdTime':
      return record.createdTime;
    case 'lastModifiedTime': {
      const referenced = Array.isArray(options.referencedFieldIds) ? (options.referencedFieldIds as string[]) : [];
      const ms = referenced.length === 0 ? record.lastModifiedAt : Math.max(0, ...referenced.map((id) => record.modifiedAt[id] ?? 0));
      return ms > 0 ? new Date(ms).toISOString() : undefined;
    }
    case 'createdBy':
      return collaborator(ctx, record.createdBy);
    case 'lastModifiedBy':
      return collaborator(ctx, record.lastModifiedBy);
    case 'count': {
      const links = record.cells[String(options.recordLinkFieldId)];
      return Array.isArray(links) ? links.length : 0;
    }
    case 'multipleLookupValues':
      return nonEmpty(lookup(ctx, table, field, record, depth));
    case 'rollup': {
      const values = lookup(ctx, table, field, record, depth).filter((v): v is number => typeof v === 'number');
      return values.reduce((a, b) => a + b, 0);
    }
    case 'multipleAttachments': {
      const cell = record.cells[field.id];
      return Array.isArray(cell) ? cell.map((a: Record<string, unknown>) => withUrls(ctx, a)) : undefined;
    }
    case 'button':
      return { label: typeof options.label === 'string' ? options.label : 'Open', url: `https://sandbox.airtable.test/button/${record.id}` };
    default:
      return record.cells[field.id];
  }
}

/** A link field's linked records in the linked table, in the order the cell lists them. */
export function linkedRecords(ctx: ReadContext, linkField: Field | undefined, record: StoredRecord): Array<{ table: Table; record: StoredRecord }> {
  if (!linkField) return [];
  const linkedTable = ctx.base.tables.find((t) => t.id === linkField.options?.linkedTableId);
  const ids = record.cells[linkField.id];
  if (!linkedTable || !Array.isArray(ids)) return [];
  return ids.flatMap((id) => {
    const linked = linkedTable.records.get(String(id));
    return linked ? [{ table: linkedTable, record: linked }] : [];
  });
}

function lookup(ctx: ReadContext, table: Table, field: Field, record: StoredRecord, depth: number): unknown[] {
  const options = field.options ?? {};
  const linkField = table.fields.find((f) => f.id === options.recordLinkFieldId);
  const out: unknown[] = [];
  for (const { table: linkedTable, record: linked } of linkedRecords(ctx, linkField, record)) {
    const target = linkedTable.fields.find((f) => f.id === options.fieldIdInLinkedTable);
    if (!target) continue;
    const value = readCell(ctx, linkedTable, target, linked, depth + 1);
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    else if (value !== undefined) out.push(value);
  }
  return out;
}

export function compileFieldFormula(table: Table, field: Field): CompiledFormula | null {
  if (field.compiled) return field.compiled;
  const source = typeof field.options?.formula === 'string' ? field.options.formula : '';
  try {
    field.compiled = CompiledFormula.compile(source, (nameOrId) => findField(table, nameOrId)?.id);
    return field.compiled;
  } catch (error) {
    if (error instanceof FormulaSyntaxError || error instanceof FormulaLimitError) return null;
    throw error;
  }
}

function evaluateFormula(ctx: ReadContext, table: Table, field: Field, record: StoredRecord, depth: number): FormulaValue {
  const compiled = compileFieldFormula(table, field);
  if (!compiled) return new FormulaErrorValue('#ERROR!');
  try {
    return compiled.evaluate(formulaRecord(ctx, table, record, depth + 1));
  } catch (error) {
    if (error instanceof FormulaLimitError) return new FormulaErrorValue('#ERROR!');
    throw error;
  }
}

/** The view of a record that the formula evaluator reads from. */
export function formulaRecord(ctx: ReadContext, table: Table, record: StoredRecord, depth = 0) {
  return {
    recordId: record.id,
    createdTime: new Date(record.createdTime),
    now: new Date(ctx.now()),
    lastModifiedTime: (fieldIds: readonly string[]) => {
      const ms = fieldIds.length === 0 ? record.lastModifiedAt : Math.max(0, ...fieldIds.map((id) => record.modifiedAt[id] ?? 0));
      return ms > 0 ? new Date(ms) : null;
    },
    value: (fieldId: string): FormulaValue => {
      const field = table.fields.find((f) => f.id === fieldId);
      if (!field) return null;
      const linkName = (id: string) => primaryName(ctx, field, id);
      return cellToFormulaValue(field.type, readCell(ctx, table, field, record, depth), linkName);
    },
  };
}

function primaryName(ctx: ReadContext, linkField: Field, recordId: string): string | undefined {
  const linkedTable = ctx.base.tables.find((t) => t.id === linkField.options?.linkedTableId);
  const linked = linkedTable?.records.get(recordId);
  if (!linkedTable || !linked) return undefined;
  const value = linked.cells[linkedTable.primaryFieldId];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function formulaToJson(value: FormulaValue): unknown {
  if (value === null || value === false || value === '') return undefined;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof FormulaErrorValue) return value.code === 'NaN' ? { specialValue: 'NaN' } : { error: '#ERROR!' };
  if (Array.isArray(value)) return nonEmpty(value.map(formulaToJson).filter((v) => v !== undefined));
  if (typeof value === 'number' && !Number.isFinite(value)) return { specialValue: Number.isNaN(value) ? 'NaN' : 'Infinity' };
  if (typeof value === 'number') return Number(value.toPrecision(15));
  return value;
}

/** Attachment URLs are issued at read time and expire (AIRTABLE-API.md: two hours). */
function withUrls(ctx: ReadContext, attachment: Record<string, unknown>) {
  const id = String(attachment.id);
  const filename = String(attachment.filename);
  const thumb = (size: 'small' | 'large' | 'full') => ({ url: ctx.attachmentUrl(id, filename, size), width: size === 'small' ? 36 : 512, height: size === 'small' ? 36 : 512 });
  // Airtable makes thumbnails for images and documents only.
  const hasThumbnails = /^image\/|^application\/pdf$/.test(String(attachment.type));
  return { ...attachment, url: ctx.attachmentUrl(id, filename), ...(hasThumbnails ? { thumbnails: { small: thumb('small'), large: thumb('large'), full: thumb('full') } } : {}) };
}

function collaborator(ctx: ReadContext, userId: string): Collaborator | undefined {
  const user = ctx.users.get(userId);
  return user && { id: user.id, email: user.email, name: user.name };
}

function nonEmpty(values: unknown[]): unknown[] | undefined {
  return values.length > 0 ? values : undefined;
}

/** Empty values are omitted from API responses: "", [], false, null. */
export function isEmptyCell(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/** One record as the records API returns it. */
export function renderRecord(
  ctx: ReadContext,
  table: Table,
  record: StoredRecord,
  options: { byFieldId: boolean; fieldIds?: ReadonlySet<string>; commentCount?: boolean },
) {
  const fields: Record<string, unknown> = {};
  for (const field of table.fields) {
    if (options.fieldIds && !options.fieldIds.has(field.id)) continue;
    const value = readCell(ctx, table, field, record);
    if (!isEmptyCell(value)) fields[options.byFieldId ? field.id : field.name] = value;
  }
  return {
    id: record.id,
    createdTime: record.createdTime,
    fields,
    ...(options.commentCount ? { commentCount: record.comments.length } : {}),
  };
}
