import { z } from 'zod';

/**
 * Airtable's answers, checked at the boundary. Objects are loose (Airtable adds keys over time
 * and that must not break us) but every key we read is typed.
 */
export const AirtableRecord = z.looseObject({
  id: z.string(),
  createdTime: z.string(),
  fields: z.record(z.string(), z.unknown()),
  commentCount: z.number().optional(),
});
export type AirtableRecord = z.infer<typeof AirtableRecord>;

export const RecordPage = z.looseObject({ records: z.array(AirtableRecord), offset: z.string().optional() });
export const RecordList = z.looseObject({ records: z.array(AirtableRecord) });
export const UpsertResult = z.looseObject({
  records: z.array(AirtableRecord),
  createdRecords: z.array(z.string()),
  updatedRecords: z.array(z.string()),
});
export const DeleteResult = z.looseObject({ records: z.array(z.looseObject({ id: z.string(), deleted: z.boolean() })) });

export const BaseSummary = z.looseObject({ id: z.string(), name: z.string(), permissionLevel: z.string() });
export const BasePage = z.looseObject({ bases: z.array(BaseSummary), offset: z.string().optional() });
export type BaseSummary = z.infer<typeof BaseSummary>;

export const FieldModel = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type FieldModel = z.infer<typeof FieldModel>;

export const ViewModel = z.looseObject({ id: z.string(), name: z.string(), type: z.string(), visibleFieldIds: z.array(z.string()).optional() });
export type ViewModel = z.infer<typeof ViewModel>;

export const TableModel = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  primaryFieldId: z.string(),
  fields: z.array(FieldModel),
  views: z.array(ViewModel),
});
export type TableModel = z.infer<typeof TableModel>;
export const BaseSchema = z.looseObject({ tables: z.array(TableModel) });
export const TableUpdate = z.looseObject({ id: z.string(), name: z.string(), description: z.string().optional() });

export const BaseInfo = z.looseObject({ id: z.string(), name: z.string(), permissionLevel: z.string(), workspaceId: z.string().optional() });

export const Whoami = z.looseObject({ id: z.string(), email: z.string().optional(), scopes: z.array(z.string()).optional() });
export type Whoami = z.infer<typeof Whoami>;

export const Comment = z.looseObject({
  id: z.string(),
  author: z.looseObject({ id: z.string(), email: z.string().optional(), name: z.string().optional() }),
  text: z.string(),
  createdTime: z.string(),
  lastUpdatedTime: z.string().nullable().optional(),
  parentCommentId: z.string().optional(),
  mentioned: z.record(z.string(), z.unknown()).optional(),
});
export type Comment = z.infer<typeof Comment>;
export const CommentPage = z.looseObject({ comments: z.array(Comment), offset: z.string().nullable().optional() });
export const CommentDeleted = z.looseObject({ id: z.string(), deleted: z.boolean() });

export const WebhookCreated = z.looseObject({ id: z.string(), macSecretBase64: z.string(), expirationTime: z.string().nullable() });
export const WebhookModel = z.looseObject({
  id: z.string(),
  areNotificationsEnabled: z.boolean(),
  cursorForNextPayload: z.number(),
  isHookEnabled: z.boolean(),
  notificationUrl: z.string().nullable(),
  expirationTime: z.string().nullable(),
  specification: z.unknown(),
});
export type WebhookModel = z.infer<typeof WebhookModel>;
export const WebhookList = z.looseObject({ webhooks: z.array(WebhookModel) });
export const WebhookRefreshed = z.looseObject({ expirationTime: z.string().nullable() });
export const WebhookPayloads = z.looseObject({ cursor: z.number(), mightHaveMore: z.boolean(), payloads: z.array(z.record(z.string(), z.unknown())) });
export type WebhookPayloads = z.infer<typeof WebhookPayloads>;
