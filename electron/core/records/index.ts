/**
 * The records domain as other parts of core see it: the per-profile slice and its databases,
 * and the app-wide services the composition root wires. Everything else in records/ is internal.
 */
export { closeCache, openCache } from './cache/cacheDb';
export { outboxMigrations } from './outbox/outboxMigrations';
export { createProfileRecords, type ProfileRecords } from './profileRecords';
export { attachmentUrlPolicy, type AttachmentUrlPolicy } from './attachments/attachmentUrls';
export { Connectivity } from './connectivity';
export { OutboxService } from './outbox/outboxService';
export { SyncCoordinator } from './sync/syncCoordinator';
export { BackgroundSync, type BackgroundSyncOptions } from './sync/backgroundSync';
export { RecordsService } from './recordsService';
export { SchemaService } from './cache/schemaService';
export { createRecordsHandlers } from './recordsHandlers';
export { createOutboxHandlers } from './outbox/outboxHandlers';
export { createSyncHandlers } from './sync/syncHandlers';
export { createSchemaHandlers } from './cache/schemaHandlers';
export { createAttachmentsHandlers } from './attachments/attachmentsHandlers';
export { AttachmentsService } from './attachments/attachmentsService';
export { CommentsService } from './comments/commentsService';
export { createCommentsHandlers } from './comments/commentsHandlers';
