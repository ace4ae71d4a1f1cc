import { z } from 'zod';
import { CachedRecordView, Ids, WindowQuery } from '../../domain/cache';
import { done, profileId } from './common';

export const recordsMethods = {
  recordsWindow: { channel: 'records:window', input: WindowQuery, output: z.object({ records: z.array(CachedRecordView), next: z.string().nullable() }).strict() },
  /** Records by id from any table of the profile's cache (record detail, linked-record names). */
  recordsGet: {
    channel: 'records:get',
    input: z.object({ profileId, recordIds: z.array(Ids.recordId).min(1).max(200) }).strict(),
    output: z.object({ records: z.array(z.object({ tableId: z.string(), record: CachedRecordView }).strict()) }).strict(),
  },
  recordsCreate: {
    channel: 'records:create',
    input: z.object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, fields: z.record(Ids.fieldId, z.unknown()) }).strict(),
    output: z.object({ id: z.string() }).strict(),
  },
  recordsUpdate: {
    channel: 'records:update',
    input: z.object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, recordId: Ids.recordId, fields: z.record(Ids.fieldId, z.unknown()) }).strict(),
    output: done,
  },
  recordsDelete: { channel: 'records:delete', input: z.object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, recordId: Ids.recordId }).strict(), output: done },
} as const;

