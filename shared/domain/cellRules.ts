import { isComputedFieldType } from './fieldTypes';

/** A field as a write needs to know it. */
export interface WritableFieldInfo {
  name: string;
  type: string;
  options: Record<string, unknown> | null;
}

export type CellCheck = { ok: true } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ok: CellCheck = { ok: true };
const no = (reason: string): CellCheck => ({ ok: false, reason });
const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;
const USER_ID = /^usr[A-Za-z0-9]{14}$/;
const ATTACHMENT_ID = /^att[A-Za-z0-9]{14}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Text cells refuse values that would flood Airtable (its own limit is 100,000 characters per cell). */
const MAX_TEXT = 100_000;

function choiceNames(field: WritableFieldInfo): Set<string> {
  const choices = Array.isArray(field.options?.choices) ? field.options.choices : [];
  return new Set(choices.filter(isObject).map((c) => String(c.name)));
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Whether `value` may be written to `field` as Airtable's API expects it (AIRTABLE-API.md §5,
 * "Writable cells"), checked before anything is queued: a value Airtable would refuse is refused
 * here, with the reason, and the cell keeps its old value. Empty (`null`, `""`, `[]`, `false`)
 * always clears a writable cell. Computed fields and field types Airvault does not know are
 * never written (Airtable refuses the first; the second it might misread).
 */
export function checkCellWrite(field: WritableFieldInfo, value: unknown): CellCheck {
  if (isComputedFieldType(field.type)) return no(`“${field.name}” is computed by Airtable and cannot be edited.`);
  if (value === null || value === undefined) return ok;
  switch (field.type) {
    case 'singleLineText':
    case 'email':
    case 'url':
    case 'phoneNumber':
    case 'multilineText':
    case 'richText':
      if (typeof value !== 'string') return no(`“${field.name}” takes text.`);
      if (value.length > MAX_TEXT) return no(`“${field.name}” takes at most ${MAX_TEXT.toLocaleString('en')} characters.`);
      if (field.type === 'singleLineText' && /[\r\n]/.test(value)) return no(`“${field.name}” is a single line of text.`);
      return ok;
    case 'number':
    case 'currency':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? ok : no(`“${field.name}” takes a number.`);
    case 'duration':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? ok : no(`“${field.name}” takes a duration (a number of seconds, not negative).`);
    case 'rating': {
      // Airtable never stores 0 stars: clearing is null.
      const max = typeof field.options?.max === 'number' ? field.options.max : 5;
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max ? ok : no(`“${field.name}” takes 1 to ${max} stars.`);
    }
    case 'checkbox':
      return typeof value === 'boolean' ? ok : no(`“${field.name}” is checked or not.`);
    case 'date':
      return typeof value === 'string' && (value === '' || validDate(value)) ? ok : no(`“${field.name}” takes a date (YYYY-MM-DD).`);
    case 'dateTime':
      return typeof value === 'string' && (value === '' || !Number.isNaN(Date.parse(value))) ? ok : no(`“${field.name}” takes a date and time.`);
    case 'singleSelect':
      if (typeof value !== 'string') return no(`“${field.name}” takes one of its options.`);
      return value === '' || choiceNames(field).has(value) ? ok : no(`“${value}” is not an option of “${field.name}”.`);
    case 'multipleSelects': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return no(`“${field.name}” takes a list of its options.`);
      const names = choiceNames(field);
      const unknown = (value).find((v) => !names.has(v));
      return unknown === undefined ? ok : no(`“${unknown}” is not an option of “${field.name}”.`);
    }
    case 'singleCollaborator':
      return isCollaborator(value) ? ok : no(`“${field.name}” takes a person (by id or email).`);
    case 'multipleCollaborators':
      return Array.isArray(value) && value.every(isCollaborator) ? ok : no(`“${field.name}” takes people (by id or email).`);
    case 'multipleRecordLinks':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && RECORD_ID.test(v)) ? ok : no(`“${field.name}” links to records by their ids.`);
    case 'multipleAttachments':
      return Array.isArray(value) && value.every(isAttachmentWrite) ? ok : no(`“${field.name}” keeps its files by id and adds new ones by a web link.`);
    case 'barcode':
      return isObject(value) && typeof value.text === 'string' ? ok : no(`“${field.name}” takes a barcode’s text.`);
    default:
      return no(`Airvault cannot edit “${field.name}” (a “${field.type}” field) yet; edit it in Airtable.`);
  }
}

function isCollaborator(value: unknown): boolean {
  return isObject(value) && ((typeof value.id === 'string' && USER_ID.test(value.id)) || (typeof value.email === 'string' && /^[^\s@]+@[^\s@]+$/.test(value.email)));
}

function isAttachmentWrite(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typeof value.id === 'string') return ATTACHMENT_ID.test(value.id);
  return typeof value.url === 'string' && /^https?:\/\/[^\s]+$/.test(value.url) && (value.filename === undefined || typeof value.filename === 'string');
}
