import type { FormulaValue } from './ast';
import { toDate } from './coerce';

/** How a linked record id should appear inside a formula: its primary field value when known. */
export type LinkNameLookup = (recordId: string) => string | undefined;

type Json = unknown;

/** Text of a primitive; objects and arrays have none (they would print as [object Object]). */
const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const isObject = (value: Json): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Converts an API cell value (cellFormat=json) into what a formula sees. A missing cell is
 * blank, except checkboxes, which read as false.
 */
export function cellToFormulaValue(type: string, cell: Json, linkName?: LinkNameLookup): FormulaValue {
  if (cell === undefined || cell === null) return type === 'checkbox' ? false : null;
  switch (type) {
    case 'checkbox':
      return cell === true;
    case 'date':
    case 'dateTime':
    case 'createdTime':
    case 'lastModifiedTime':
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
      return isObject(cell) && typeof cell.value === 'string' ? cell.value : null;
    default:
      return plain(cell);
  }
}

function collaboratorName(value: Json): FormulaValue {
  if (!isObject(value)) return null;
  return str(value.name ?? value.email ?? value.id);
}

/** Strings, numbers, booleans and arrays of them pass through; error cells become error values. */
function plain(value: Json): FormulaValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (isObject(value) && ('specialValue' in value || 'error' in value)) return null;
  return null;
}
