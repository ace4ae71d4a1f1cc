import { z } from 'zod';

const fieldId = z.string().regex(/^fld[A-Za-z0-9]{14}$/);
const tableId = z.string().regex(/^tbl[A-Za-z0-9]{14}$/);
const baseId = z.string().regex(/^app[A-Za-z0-9]{14}$/);
const recordId = z.string().regex(/^(rec[A-Za-z0-9]{14}|tmp[0-9a-f]{32})$/);
const viewId = z.string().regex(/^viw[A-Za-z0-9]{14}$/);
export const Ids = { fieldId, tableId, baseId, recordId, viewId };

export const Filter = z.discriminatedUnion('op', [
  z.object({ op: z.literal('contains'), fieldId, value: z.string().max(1000) }).strict(),
  z.object({ op: z.literal('equals'), fieldId, value: z.union([z.string().max(1000), z.number()]) }).strict(),
  z.object({ op: z.literal('range'), fieldId, min: z.number().optional(), max: z.number().optional() }).strict(),
  z.object({ op: z.literal('before'), fieldId, value: z.string().max(40) }).strict(),
  z.object({ op: z.literal('after'), fieldId, value: z.string().max(40) }).strict(),
  z.object({ op: z.literal('hasAnyOf'), fieldId, values: z.array(z.string().max(500)).min(1).max(100) }).strict(),
  z.object({ op: z.literal('checked'), fieldId, value: z.boolean() }).strict(),
  z.object({ op: z.literal('empty'), fieldId, value: z.boolean() }).strict(),
]);

export const WindowQuery = z
  .object({
    profileId: z.string().uuid(),
    tableId,
    /** Only this view's records, in its order (as last listed from Airtable) unless `sort` is given. */
    viewId: viewId.optional(),
    search: z.string().max(500).optional(),
    filters: z.array(Filter).max(20).optional(),
    formula: z.string().max(10_000).optional(),
    sort: z.array(z.object({ fieldId, direction: z.enum(['asc', 'desc']) }).strict()).max(5).optional(),
    after: z.string().max(2000).optional(),
    /** Skip this many matching records (a jump far down a table, where no cursor is known yet); not with `after`. */
    skip: z.number().int().min(0).max(10_000_000).optional(),
    limit: z.number().int().min(1).max(500),
  })
  .strict();

export const CachedRecordView = z
  .object({ id: z.string(), createdTime: z.string(), cells: z.record(z.string(), z.unknown()), pending: z.boolean() })
  .strict();

/**
 * The API plan of the workspace a base is in, as the person tells us (the API does not say).
 * Free and Team workspaces have monthly call quotas; unknown is treated like Free.
 */
export const CallPlan = z.enum(['unknown', 'free', 'team', 'unlimited']);
export type CallPlan = z.infer<typeof CallPlan>;

export const CallBudgetView = z
  .object({
    plan: CallPlan,
    month: z.string(),
    callsThisMonth: z.number(),
    backgroundCalls: z.number(),
    /** What background sync may spend this month; null when unlimited. */
    backgroundAllowance: z.number().nullable(),
  })
  .strict();
export type CallBudgetView = z.infer<typeof CallBudgetView>;

export const SyncProgressView = z
  .object({
    profileId: z.string(),
    baseId: z.string(),
    phase: z.enum(['schema', 'records', 'incremental', 'done', 'error', 'cancelled']),
    tablesTotal: z.number(),
    tablesDone: z.number(),
    records: z.number(),
    secondsLeft: z.number().nullable(),
    message: z.string().nullable(),
    /** Started by the person or by the background schedule. */
    trigger: z.enum(['person', 'background']),
    /** Airtable calls this base used during the run so far. */
    calls: z.number(),
    /** Records the base had at its last complete sync (null on a first sync: Airtable does not say how many there are). */
    expectedRecords: z.number().nullable(),
  })
  .strict();

export const EditView = z
  .object({
    seq: z.number(),
    kind: z.enum(['create', 'update', 'delete']),
    tableId: z.string(),
    recordId: z.string(),
    /** The record's primary value, as the person knows it (null when it has none). */
    recordName: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()),
    status: z.enum(['pending', 'sending', 'done', 'rejected', 'conflict']),
    error: z.string().nullable(),
    createdAt: z.number(),
    /** A delete waits this long before it is sent, so it can still be undone; null when it does not wait. */
    sendsAt: z.number().nullable(),
  })
  .strict();

export const ConflictView = z
  .object({ id: z.number(), recordId: z.string(), fieldId: z.string(), mine: z.unknown(), theirs: z.unknown(), original: z.unknown() })
  .strict();

export const CachedSchemaView = z
  .object({
    bases: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          budget: CallBudgetView,
          tables: z.array(
            z
              .object({
                id: z.string(),
                name: z.string(),
                primaryFieldId: z.string(),
                description: z.string().nullable(),
                fields: z.array(
                  z.object({ id: z.string(), name: z.string(), type: z.string(), description: z.string().nullable(), options: z.record(z.string(), z.unknown()).nullable() }).strict(),
                ),
                views: z.array(
                  z
                    .object({
                      id: z.string(),
                      name: z.string(),
                      type: z.string(),
                      visibleFieldIds: z.array(z.string()).nullable(),
                      /** When the view's records and order were last read from Airtable (null: never, so it shows the whole table). */
                      listedAt: z.number().nullable(),
                      /** Records of its table changed since: the list may be out of date until the next read. */
                      listOutOfDate: z.boolean(),
                    })
                    .strict(),
                ),
                records: z.number(),
                lastSyncedAt: z.number().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
