/**
 * The scopes each capability needs (AIRTABLE-API.md §2). A call checks its scope before it is
 * sent; reconnecting asks for the union of what the profile's capabilities need.
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
} as const satisfies Record<string, readonly string[]>;

export type Capability = keyof typeof CAPABILITY_SCOPES;

/** What a desktop vault needs by default: browse, edit, comment, follow changes, show the account's email. */
export const DEFAULT_CAPABILITIES: Capability[] = ['readRecords', 'writeRecords', 'readComments', 'writeComments', 'readSchema', 'writeSchema', 'webhooks', 'email'];

export function scopesFor(capabilities: readonly Capability[]): string[] {
  return [...new Set(capabilities.flatMap((c) => CAPABILITY_SCOPES[c]))];
}

export function missingScopes(granted: readonly string[] | null, needed: readonly string[]): string[] {
  if (granted === null) return [];
  return needed.filter((s) => !granted.includes(s));
}
