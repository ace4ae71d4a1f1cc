import type { GridQuery, WindowQuery } from './types';

/** What records:window is asked for a grid query: empty parts are left out, not sent blank. */
export function windowQuery(profileId: string, tableId: string, query: GridQuery, limit: number, after: string): WindowQuery {
  return {
    profileId,
    tableId,
    limit,
    ...(after ? { after } : {}),
    ...(query.search.trim() ? { search: query.search } : {}),
    ...(query.filters.length ? { filters: query.filters } : {}),
    ...(query.formula.trim() ? { formula: query.formula } : {}),
    ...(query.sort.length ? { sort: query.sort } : {}),
  };
}
