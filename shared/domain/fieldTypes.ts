/**
 * Airtable's field types (AIRTABLE-API.md §5). Computed types are read-only: the API refuses
 * writes to them, and the UI shows them without an editor. Unknown future types must be
 * tolerated everywhere, so code switches over these with a default branch for the rest.
 */
export const computedFieldTypes = [
  'aiText',
  'autoNumber',
  'button',
  'count',
  'createdBy',
  'lastModifiedBy',
  'createdTime',
  'lastModifiedTime',
  'formula',
  'multipleLookupValues',
  'rollup',
  'externalSyncSource',
  'manualSort',
] as const;

export const writableFieldTypes = [
  'singleLineText',
  'email',
  'url',
  'phoneNumber',
  'multilineText',
  'richText',
  'number',
  'currency',
  'percent',
  'duration',
  'rating',
  'checkbox',
  'date',
  'dateTime',
  'singleSelect',
  'multipleSelects',
  'singleCollaborator',
  'multipleCollaborators',
  'multipleRecordLinks',
  'multipleAttachments',
  'barcode',
] as const;


const computed = new Set<string>(computedFieldTypes);
export function isComputedFieldType(type: string): boolean {
  return computed.has(type);
}
