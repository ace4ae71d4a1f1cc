import type { CachedField } from './schemaRepository';

const NUMERIC = new Set(['number', 'currency', 'percent', 'duration', 'rating', 'autoNumber', 'count']);
const COLLABORATOR = new Set(['singleCollaborator', 'createdBy', 'lastModifiedBy']);

/**
 * The SQL expression a field sorts and compares by, over the record's JSON cells. Empty cells
 * become the smallest value of their kind, so they sort first ascending (as in Airtable) and
 * keyset comparisons never meet NULL. Field ids are checked before they reach SQL.
 */
export function sortExpression(field: CachedField | { id: 'createdTime'; type: 'createdTime' }): { sql: string; kind: 'number' | 'text' } {
  if (!/^fld[A-Za-z0-9]{14}$/.test(field.id) && field.id !== 'createdTime') throw new Error(`not a field id: ${field.id}`);
  if (field.id === 'createdTime') return { sql: 'created_time', kind: 'text' };
  const path = `'$.${field.id}'`;
  if (NUMERIC.has(field.type) || field.type === 'checkbox') return { sql: `IFNULL(json_extract(cells, ${path}), -1e308)`, kind: 'number' };
  if (field.type === 'formula' || field.type === 'rollup') {
    const result = (field).options?.result as { type?: string } | undefined;
    if (result?.type && NUMERIC.has(result.type)) return { sql: `IFNULL(json_extract(cells, ${path}), -1e308)`, kind: 'number' };
  }
  if (COLLABORATOR.has(field.type)) return { sql: `LOWER(IFNULL(json_extract(cells, '$.${field.id}.name'), ''))`, kind: 'text' };
  return { sql: `LOWER(IFNULL(CAST(json_extract(cells, ${path}) AS TEXT), ''))`, kind: 'text' };
}
