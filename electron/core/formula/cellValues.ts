import { toDate } from './coerce';
import { FormulaErrorValue, type FormulaValue } from './values';

/** How a linked record id should appear inside a formula: its primary field value when known. */
export type LinkNameLookup = (recordId: string) => string | undefined;

type Json = unknown;

/** Nested arrays deeper than this are data no Airtable field produces; they read as text. */
const MAX_NESTING = 16;

/** Text of a primitive; objects and arrays have none (they would print as [object Object]). */
const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const isObject = (value: Json): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How Airtable's API returns a computed cell that failed: `{"error": "#ERROR!"}` or
 * `{"specialValue": "NaN"}` (also "Infinity"). Inside a formula these are error values, which
 * propagate, not blanks.
 */
function errorCell(value: Json): FormulaErrorValue | undefined {
  if (!isObject(value)) return undefined;
  if ('error' in value) return new FormulaErrorValue('#ERROR!');
  if ('specialValue' in value) {
    const special = value.specialValue;
    if (special === 'Infinity' || special === '-Infinity' || special === 'NaN') return new FormulaErrorValue(special);
    return new FormulaErrorValue('#ERROR!');
  }
  return undefined;
}

/**
 * Converts an API cell value (cellFormat=json) into what a formula sees. A missing cell is
 * blank, except checkboxes, which read as false. Unknown field types read as their value's text,
 * so a field type Airtable adds later never breaks a formula.
 */
export function cellToFormulaValue(type: string, cell: Json, linkName?: LinkNameLookup): FormulaValue {
  if (cell === undefined || cell === null) return type === 'checkbox' ? false : null;
  const error = errorCell(cell);
  if (error) return error;
  switch (type) {
    case 'checkbox':
      return cell === true;
    case 'date':
    case 'dateTime':
    case 'createdTime':
    case 'lastModifiedTime':
      // A date-only cell ("YYYY-MM-DD") is midnight GMT, which is how Airtable stores it.
      return typeof cell === 'string' ? toDate(cell) : null;
    case 'singleCollaborator':
    case 'createdBy':
    case 'lastModifiedBy':
      return collaboratorName(cell);
    case 'multipleCollaborators':
      return Array.isArray(cell) ? cell.map(collaboratorName) : null;
    case 'multipleRecordLinks':
      return Array.isArray(cell) ? cell.map((id) => (typeof id === 'string' ? (linkName?.(id) ?? id) : isObject(id) ? str(id.name ?? id.id) : '')) : null;
    case 'multipleAttachments':
      return Array.isArray(cell) ? cell.map((a) => (isObject(a) ? `${str(a.filename)} (${str(a.url)})` : '')) : null;
    case 'barcode':
      return isObject(cell) ? str(cell.text) : null;
    case 'button':
      return isObject(cell) ? str(cell.label) : null;
    case 'aiText':
      // {state, value, isStale}: the generated text, or blank while empty, loading or failed.
      return isObject(cell) ? (typeof cell.value === 'string' ? cell.value : null) : plain(cell, 0);
    default:
      return plain(cell, 0);
  }
}

function collaboratorName(value: Json): FormulaValue {
  if (!isObject(value)) return null;
  return str(value.name ?? value.email ?? value.id);
}

/**
 * Strings, numbers, booleans and arrays of them pass through; error cells become error values;
 * any other object reads as its display text (name, label, text or value) or else its JSON.
 */
function plain(value: Json, depth: number): FormulaValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === null || value === undefined) return null;
  const error = errorCell(value);
  if (error) return error;
  if (Array.isArray(value)) return depth >= MAX_NESTING ? safeJson(value) : value.map((item: Json) => plain(item, depth + 1));
  if (isObject(value)) {
    for (const key of ['name', 'label', 'text', 'value']) {
      const shown = value[key];
      if (typeof shown === 'string' || typeof shown === 'number') return shown;
    }
    return safeJson(value);
  }
  return null;
}

function safeJson(value: Json): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
