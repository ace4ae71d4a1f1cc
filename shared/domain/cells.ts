/**
 * Airtable leaves empty values out of a record (`""`, `[]`, `false`, null all read back as no
 * key), so "is this cell empty" has one answer everywhere: the cache, the outbox's conflict
 * check and the UI.
 */
export function isEmptyCell(value: unknown): boolean {
  return value === null || value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/** A record's cells the way Airtable stores them: empty ones left out. */
export function withoutEmpty(cells: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(cells).filter(([, v]) => !isEmptyCell(v)));
}
