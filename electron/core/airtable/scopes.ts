/**
 * Airtable's OAuth scopes (AIRTABLE-API.md §2), as a closed union: a typo in a scope check is a
 * compile error instead of a check that silently never matches.
 */
export const SCOPES = [
  'data.records:read',
  'data.records:write',
  'data.recordComments:read',
  'data.recordComments:write',
  'schema.bases:read',
  'schema.bases:write',
  'webhook:manage',
  'user.email:read',
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * The scopes each capability needs. A call checks its scope before it is sent; reconnecting
 * asks for the union of what the profile's capabilities need.
 */
export const CAPABILITY_SCOPES = {
  readRecords: ['data.records:read'],
  writeRecords: ['data.records:write'],
  readComments: ['data.recordComments:read'],
  writeComments: ['data.recordComments:write'],
  readSchema: ['schema.bases:read'],
  writeSchema: ['schema.bases:write'],
  webhooks: ['webhook:manage'],
  email: ['user.email:read'],
} as const satisfies Record<string, readonly Scope[]>;

export type Capability = keyof typeof CAPABILITY_SCOPES;

/** What a desktop vault needs by default: browse, edit, comment, follow changes, show the account's email. */
export const DEFAULT_CAPABILITIES: Capability[] = ['readRecords', 'writeRecords', 'readComments', 'writeComments', 'readSchema', 'writeSchema', 'webhooks', 'email'];

export function scopesFor(capabilities: readonly Capability[]): Scope[] {
  return [...new Set(capabilities.flatMap((c): readonly Scope[] => CAPABILITY_SCOPES[c]))];
}
