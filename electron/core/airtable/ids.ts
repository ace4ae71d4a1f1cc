import { invalidInput } from './airtableError';

/** Airtable ids: a three-letter prefix and 14 letters or digits. */
const ID = /^[A-Za-z0-9]{14}$/;

export type IdKind = 'app' | 'tbl' | 'fld' | 'rec' | 'viw' | 'ach' | 'com' | 'usr' | 'wsp';

const NAMES: Record<IdKind, string> = {
  app: 'base',
  tbl: 'table',
  fld: 'field',
  rec: 'record',
  viw: 'view',
  ach: 'webhook',
  com: 'comment',
  usr: 'user',
  wsp: 'workspace',
};

export function isId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(kind) && ID.test(value.slice(3));
}

/** Throws a clear invalid-input error (and so sends nothing) unless `value` is an id of `kind`. */
export function checkId(kind: IdKind, value: unknown): string {
  if (!isId(kind, value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
    throw invalidInput(`${shown} is not a ${NAMES[kind]} id (expected "${kind}" followed by 14 letters or digits).`);
  }
  return value;
}

/** A view may be given by id or by name (Airtable accepts both for `view`). */
export function checkViewRef(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput('A view must be given by its id or its name.');
  return value;
}
