import { isComputedFieldType } from './fieldTypes';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A collaborator as Airtable accepts it on write: by id only, since name and email are Airtable's to fill in. */
function collaborator(value: unknown): { id: string } | null {
  return isObject(value) && typeof value.id === 'string' ? { id: value.id } : null;
}

/**
 * A record's values in the shape Airtable accepts on create, for copying a record (duplicate,
 * undo of a delete): computed fields and fields the table no longer has are dropped, since the
 * API refuses the whole record for one of them; files go by URL (Airtable fetches them again)
 * and people by id.
 */
export function writableCells(fields: ReadonlyArray<{ id: string; type: string }>, cells: Record<string, unknown>): Record<string, unknown> {
  const types = new Map(fields.map((f) => [f.id, f.type]));
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(cells)) {
    const type = types.get(id);
    if (type === undefined || isComputedFieldType(type)) continue;
    switch (type) {
      case 'multipleAttachments':
        out[id] = Array.isArray(value) ? value.filter(isObject).filter((a) => typeof a.url === 'string').map((a) => ({ url: a.url, ...(typeof a.filename === 'string' ? { filename: a.filename } : {}) })) : value;
        break;
      case 'singleCollaborator':
        out[id] = value === null || value === undefined ? value : collaborator(value);
        break;
      case 'multipleCollaborators':
        out[id] = Array.isArray(value) ? value.map(collaborator).filter((c) => c !== null) : value;
        break;
      default:
        out[id] = value;
    }
  }
  return out;
}
