import { z } from 'zod';

/**
 * Airtable's answers, checked at the boundary. Airtable sends what the docs do not promise
 * (null where a key is optional, keys added last month, field types we have never seen), so:
 * objects are loose, null reads as absent, unknown types and options pass through, and a list
 * item that breaks the contract (an id that is not an Airtable id) is dropped on its own rather
 * than failing the whole answer: one odd field never blocks a base. Ids are checked by pattern
 * here, on arrival, so nothing downstream ever sees one that could smuggle text into SQL or a URL.
 */
const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[A-Za-z0-9]{14}$`), `not an Airtable ${prefix} id`);
export const AirtableIds = { record: id('rec'), field: id('fld'), table: id('tbl'), view: id('viw'), base: id('app'), webhook: id('ach'), comment: id('com'), user: id('usr') };

/** Optional in the docs, sometimes `null` in reality (`"options": null` on manualSort fields): both read as absent. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined).optional();

/** A list whose items are checked one by one; an item that does not fit is left out, not fatal. */
export function lenientArray<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((items) => items.flatMap((raw) => {
    const parsed = item.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  }));
}

export const AirtableRecord = z.looseObject({
  id: AirtableIds.record,
  createdTime: z.string(),
  fields: z.record(z.string(), z.unknown()),
  commentCount: optional(z.number()),
});
export type AirtableRecord = z.infer<typeof AirtableRecord>;

export const RecordPage = z.looseObject({ records: lenientArray(AirtableRecord), offset: optional(z.string()) });
export const RecordList = z.looseObject({ records: z.array(AirtableRecord) });
export const UpsertResult = z.looseObject({
  records: z.array(AirtableRecord),
  createdRecords: z.array(z.string()),
  updatedRecords: z.array(z.string()),
});
export const DeleteResult = z.looseObject({ records: z.array(z.looseObject({ id: z.string(), deleted: z.boolean() })) });

export const BaseSummary = z.looseObject({ id: AirtableIds.base, name: z.string(), permissionLevel: z.string() });
export const BasePage = z.looseObject({ bases: lenientArray(BaseSummary), offset: optional(z.string()) });
export type BaseSummary = z.infer<typeof BaseSummary>;

/** Any field type, known or not (an unknown one is shown read-only with its raw value). */
export const FieldModel = z.looseObject({
  id: AirtableIds.field,
  name: z.string(),
  type: z.string().min(1),
  description: optional(z.string()),
  options: optional(z.record(z.string(), z.unknown())),
});
export type FieldModel = z.infer<typeof FieldModel>;

export const ViewModel = z.looseObject({ id: AirtableIds.view, name: z.string(), type: z.string(), visibleFieldIds: optional(z.array(AirtableIds.field)) });
export type ViewModel = z.infer<typeof ViewModel>;

export const TableModel = z.looseObject({
  id: AirtableIds.table,
  name: z.string(),
  description: optional(z.string()),
  primaryFieldId: AirtableIds.field,
  fields: lenientArray(FieldModel),
  views: optional(lenientArray(ViewModel)).transform((views) => views ?? []),
});
export type TableModel = z.infer<typeof TableModel>;
export const BaseSchema = z.looseObject({ tables: lenientArray(TableModel) });
export const TableUpdate = z.looseObject({ id: AirtableIds.table, name: z.string(), description: optional(z.string()) });

export const BaseInfo = z.looseObject({ id: AirtableIds.base, name: z.string(), permissionLevel: z.string(), workspaceId: optional(z.string()) });

export const Whoami = z.looseObject({ id: z.string().min(1), email: optional(z.string()), scopes: optional(z.array(z.string())) });
export type Whoami = z.infer<typeof Whoami>;

export const Comment = z.looseObject({
  id: AirtableIds.comment,
  author: z.looseObject({ id: z.string(), email: optional(z.string()), name: optional(z.string()) }),
  text: z.string(),
  createdTime: z.string(),
  lastUpdatedTime: optional(z.string()),
  parentCommentId: optional(z.string()),
  mentioned: optional(z.record(z.string(), z.unknown())),
});
export type Comment = z.infer<typeof Comment>;
export const CommentPage = z.looseObject({ comments: lenientArray(Comment), offset: optional(z.string()) });
export const CommentDeleted = z.looseObject({ id: z.string(), deleted: z.boolean() });

export const WebhookCreated = z.looseObject({ id: AirtableIds.webhook, macSecretBase64: z.string(), expirationTime: z.string().nullable() });
export const WebhookModel = z.looseObject({
  id: AirtableIds.webhook,
  areNotificationsEnabled: z.boolean(),
  cursorForNextPayload: z.number(),
  isHookEnabled: z.boolean(),
  notificationUrl: z.string().nullable(),
  expirationTime: z.string().nullable(),
  specification: z.unknown(),
});
export type WebhookModel = z.infer<typeof WebhookModel>;
export const WebhookList = z.looseObject({ webhooks: lenientArray(WebhookModel) });
export const WebhookRefreshed = z.looseObject({ expirationTime: z.string().nullable() });
export const WebhookPayloads = z.looseObject({ cursor: z.number(), mightHaveMore: z.boolean(), payloads: z.array(z.record(z.string(), z.unknown())) });
export type WebhookPayloads = z.infer<typeof WebhookPayloads>;
