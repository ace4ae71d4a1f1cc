import { z } from 'zod';
import { CachedSchemaView, Ids } from '../../domain/cache';
import { done, profileId } from './common';

const SchemaName = z.string().trim().min(1).max(255);
const SchemaDescription = z.string().max(20_000);

export const schemaMethods = {
  /** Every base the profile's grant can see in Airtable, and whether it is synced here. */
  basesList: {
    channel: 'bases:list',
    input: z.object({ profileId }).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), permissionLevel: z.string(), synced: z.boolean() }).strict()),
  },
  /** What is cached for a profile: bases, tables, fields, record counts, last sync times. */
  cacheSchema: { channel: 'cache:schema', input: z.object({ profileId }).strict(), output: CachedSchemaView },
  schemaCreateTable: {
    channel: 'schema:create-table',
    input: z.object({ profileId, baseId: Ids.baseId, name: SchemaName, description: SchemaDescription.optional(), primaryFieldName: SchemaName }).strict(),
    output: z.object({ id: z.string() }).strict(),
  },
  schemaUpdateTable: {
    channel: 'schema:update-table',
    input: z.object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, name: SchemaName.optional(), description: SchemaDescription.optional() }).strict(),
    output: done,
  },
  schemaCreateField: {
    channel: 'schema:create-field',
    input: z
      .object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, name: SchemaName, type: z.string().regex(/^[a-zA-Z]{2,40}$/), description: SchemaDescription.optional(), options: z.record(z.string(), z.unknown()).optional() })
      .strict(),
    output: z.object({ id: z.string() }).strict(),
  },
  schemaUpdateField: {
    channel: 'schema:update-field',
    input: z.object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, fieldId: Ids.fieldId, name: SchemaName.optional(), description: SchemaDescription.optional() }).strict(),
    output: done,
  },
} as const;
