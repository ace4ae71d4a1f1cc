/**
 * Which base an API path belongs to and which scopes it needs (any one of the list), decided
 * before the handler runs so that rate limits, quotas and scope checks apply uniformly.
 */
export interface RouteInfo {
  kind: 'whoami' | 'bases' | 'base-meta' | 'webhooks' | 'records' | 'comments';
  baseId?: string;
  scopes: string[];
  /** Metadata calls do not count against the monthly quota (AIRTABLE-API.md §3, one report). */
  countsAgainstQuota: boolean;
}

const BASE_ID = /^app[A-Za-z0-9]{14}$/;

export function classify(method: string, segments: string[]): RouteInfo | undefined {
  const [first, second, third] = segments;
  const read = method === 'GET';
  if (first === 'meta') {
    if (second === 'whoami' && segments.length === 2 && read) return { kind: 'whoami', scopes: [], countsAgainstQuota: false };
    if (second === 'bases' && segments.length === 2 && read) return { kind: 'bases', scopes: ['schema.bases:read'], countsAgainstQuota: false };
    if (second === 'bases' && third && BASE_ID.test(third)) {
      const scopes = segments.length === 3 ? ['schema.bases:read', 'workspacesAndBases:read'] : read ? ['schema.bases:read'] : ['schema.bases:write'];
      return { kind: 'base-meta', baseId: third, scopes, countsAgainstQuota: false };
    }
    return undefined;
  }
  if (first === 'bases' && second && BASE_ID.test(second) && third === 'webhooks') {
    return { kind: 'webhooks', baseId: second, scopes: ['webhook:manage'], countsAgainstQuota: true };
  }
  if (first && BASE_ID.test(first) && second) {
    if (segments[3] === 'comments') return { kind: 'comments', baseId: first, scopes: [read ? 'data.recordComments:read' : 'data.recordComments:write'], countsAgainstQuota: true };
    const isList = read || (method === 'POST' && third === 'listRecords' && segments.length === 3);
    return { kind: 'records', baseId: first, scopes: [isList ? 'data.records:read' : 'data.records:write'], countsAgainstQuota: true };
  }
  return undefined;
}
