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
  /** Hides the records at once; they are sent to Airtable after a short wait, during which records:restore brings them back as they were. */
  recordsDelete: {
    channel: 'records:delete',
    input: z.object({ profileId, baseId: Ids.baseId, tableId: Ids.tableId, recordIds: z.array(Ids.recordId).min(1).max(1000) }).strict(),
    output: z.object({ undoableForMs: z.number() }).strict(),
  },
  /** Undoes deletes: the ones still waiting come back with their ids; `gone` were already deleted in Airtable. */
  recordsRestore: {
    channel: 'records:restore',
    input: z.object({ profileId, recordIds: z.array(Ids.recordId).min(1).max(1000) }).strict(),
    output: z.object({ restored: z.array(z.string()), gone: z.array(z.string()) }).strict(),
  },
  /** How many records a search and filters match (counted up to `cap`; `capped` when there are more). */
  recordsCount: {
    channel: 'records:count',
    input: WindowQuery.omit({ after: true, limit: true }).extend({ cap: z.number().int().min(1).max(1_000_000) }).strict(),
    output: z.object({ count: z.number(), capped: z.boolean() }).strict(),
  },
  /** Opens a link a record holds (a button field's URL) in the system browser; core reads the URL from the cache itself. */
  recordsOpenLink: { channel: 'records:open-link', input: z.object({ profileId, recordId: Ids.recordId, fieldId: Ids.fieldId }).strict(), output: done },
} as const;

export const recordsEvents = {
  /** Records created here got their Airtable ids (a record panel open on the temporary id follows). */
  recordsChanged: {
    channel: 'records:changed',
    payload: z.object({ profileId: z.string(), renamed: z.array(z.object({ from: z.string(), to: z.string() }).strict()) }).strict(),
  },
} as const;

