import { isComputedFieldType } from '../../shared/domain/fieldTypes';
import { errors } from './errors';
import type { Base, Collaborator, Field, Table } from './model';
import { isEmptyCell } from './cellRead';
import { text } from './http';

export interface WriteContext {
  base: Base;
  table: Table;
  users: Map<string, Collaborator>;
  typecast: boolean;
  /** Turns `{url, filename}` into a stored attachment object (the sandbox hosts the bytes). */
  createAttachment: (input: { url: string; filename?: string }) => Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const cannotAccept = (field: Field, value: unknown) =>
  errors.invalidValue(`Field "${field.name}" cannot accept the provided value: ${JSON.stringify(value)?.slice(0, 200) ?? 'undefined'}`);

/**
 * Checks and normalises one written cell the way Airtable does. Returns undefined for an empty
 * value (the cell is cleared). Throws the 422 Airtable would answer.
 */
export function normaliseWrite(ctx: WriteContext, field: Field, value: unknown, previous: unknown): unknown {
  if (isComputedFieldType(field.type)) throw errors.invalidValue(`Field "${field.name}" cannot accept a value because the field is computed`);
  if (value === null || value === undefined || value === '') return undefined;
  const options = field.options ?? {};
  switch (field.type) {
    case 'singleLineText':
    case 'email':
    case 'url':
    case 'phoneNumber':
    case 'multilineText':
    case 'richText':
      if (typeof value === 'string') return field.type === 'singleLineText' ? value.replace(/[\r\n]+/g, ' ') : value;
      if (ctx.typecast && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
      throw cannotAccept(field, value);
    case 'number':
    case 'currency':
    case 'percent':
    case 'duration': {
      const n = typeof value === 'number' ? value : ctx.typecast && typeof value === 'string' ? Number(value.replace(/[$,%\s]/g, '')) : Number.NaN;
      if (!Number.isFinite(n)) throw cannotAccept(field, value);
      const precision = typeof options.precision === 'number' ? options.precision + (field.type === 'percent' ? 2 : 0) : undefined;
      return precision === undefined || field.type === 'duration' ? n : Number(n.toFixed(precision));
    }
    case 'rating': {
      const n = typeof value === 'number' ? value : ctx.typecast ? Number(value) : Number.NaN;
      const max = typeof options.max === 'number' ? options.max : 5;
      if (n === 0) return undefined;
      if (!Number.isInteger(n) || n < 1 || n > max) throw cannotAccept(field, value);
      return n;
    }
    case 'checkbox':
      if (typeof value === 'boolean') return value ? true : undefined;
      if (ctx.typecast) return ['true', 'yes', 'checked', '1', 'x'].includes(text(value).trim().toLowerCase()) ? true : undefined;
      throw cannotAccept(field, value);
    case 'date': {
      if (typeof value !== 'string') throw cannotAccept(field, value);
      const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(value.trim());
      if (match?.[1] && !Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) return match[1];
      const parsed = ctx.typecast ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(parsed)) throw cannotAccept(field, value);
      return new Date(parsed).toISOString().slice(0, 10);
    }
    case 'dateTime': {
      if (typeof value !== 'string') throw cannotAccept(field, value);
      // Ambiguous input (no zone) is read in the field's time zone; the sandbox's fields are UTC.
      const text = /T\d{2}:\d{2}/.test(value) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? `${value}Z` : value;
      const parsed = Date.parse(text);
      if (Number.isNaN(parsed)) throw cannotAccept(field, value);
      return new Date(parsed).toISOString();
    }
    case 'singleSelect':
      return selectChoice(ctx, field, value);
    case 'multipleSelects': {
      const items = Array.isArray(value) ? value : ctx.typecast && typeof value === 'string' ? value.split(',').map((s) => s.trim()) : undefined;
      if (!items) throw cannotAccept(field, value);
      const names = items.map((item) => selectChoice(ctx, field, item));
      return [...new Set(names)];
    }
    case 'singleCollaborator':
      return collaborator(ctx, field, value);
    case 'multipleCollaborators': {
      if (!Array.isArray(value)) throw cannotAccept(field, value);
      const seen = new Map<string, Collaborator>();
      for (const item of value) {
        const user = collaborator(ctx, field, typeof item === 'string' ? { id: item } : item);
        seen.set(user.id, user);
      }
      return [...seen.values()];
    }
    case 'multipleRecordLinks':
      return recordLinks(ctx, field, value);
    case 'multipleAttachments':
      return attachments(ctx, field, value, previous);
    case 'barcode':
      if (isObject(value) && typeof value.text === 'string') return { text: value.text, ...(typeof value.type === 'string' ? { type: value.type } : {}) };
      if (ctx.typecast && typeof value === 'string') return { text: value };
      throw cannotAccept(field, value);
    default:
      return value;
  }
}

function selectChoice(ctx: WriteContext, field: Field, value: unknown): string {
  if (typeof value !== 'string') throw cannotAccept(field, value);
  const choices = (field.options?.choices as Array<{ id: string; name: string; color?: string }> | undefined) ?? [];
  const found = choices.find((c) => c.name === value) ?? choices.find((c) => c.id === value);
  if (found) return found.name;
  if (!ctx.typecast) throw errors.invalidSelectOption(value);
  const id = `sel${Math.random().toString(36).slice(2, 16).padEnd(14, '0')}`;
  field.options = { ...field.options, choices: [...choices, { id, name: value, color: 'grayLight2' }] };
  return value;
}

function collaborator(ctx: WriteContext, field: Field, value: unknown): Collaborator {
  const key = isObject(value) ? (value.id ?? value.email) : ctx.typecast ? value : undefined;
  const user = typeof key === 'string' ? (ctx.users.get(key) ?? [...ctx.users.values()].find((u) => u.email === key)) : undefined;
  if (!user) throw errors.invalidValue(`Field "${field.name}" cannot accept the provided value: collaborator not found`);
  return { id: user.id, email: user.email, name: user.name };
}

function recordLinks(ctx: WriteContext, field: Field, value: unknown): string[] | undefined {
  const linkedTable = ctx.base.tables.find((t) => t.id === field.options?.linkedTableId);
  if (!Array.isArray(value) || !linkedTable) throw cannotAccept(field, value);
  const ids: string[] = [];
  for (const item of value) {
    const raw: unknown = isObject(item) ? item.id : item;
    if (typeof raw !== 'string') throw cannotAccept(field, value);
    if (linkedTable.records.has(raw)) {
      if (!ids.includes(raw)) ids.push(raw);
      continue;
    }
    // With typecast, a string that is not a record id links the record whose primary value matches.
    const match = ctx.typecast ? [...linkedTable.records.values()].find((r) => r.cells[linkedTable.primaryFieldId] === raw) : undefined;
    if (!match) throw errors.rowDoesNotExist(raw);
    if (!ids.includes(match.id)) ids.push(match.id);
  }
  return ids.length > 0 ? ids : undefined;
}

function attachments(ctx: WriteContext, field: Field, value: unknown, previous: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) throw cannotAccept(field, value);
  const kept = new Map((Array.isArray(previous) ? (previous as Array<Record<string, unknown>>) : []).map((a) => [a.id, a]));
  const out: unknown[] = [];
  for (const item of value) {
    if (!isObject(item)) throw cannotAccept(field, value);
    if (typeof item.id === 'string' && item.url === undefined) {
      const existing = kept.get(item.id);
      if (!existing) throw errors.invalidValue(`Field "${field.name}" cannot accept the provided value: attachment ${item.id} is not in this cell`);
      out.push(existing);
    } else if (typeof item.url === 'string' && /^https?:\/\//.test(item.url)) {
      out.push(ctx.createAttachment({ url: item.url, ...(typeof item.filename === 'string' ? { filename: item.filename } : {}) }));
    } else {
      throw cannotAccept(field, value);
    }
  }
  return isEmptyCell(out) ? undefined : out;
}
