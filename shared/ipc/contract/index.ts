import { z } from 'zod';
import { AppInfo } from '../../domain/app';
import { ProfileColor, ProfileName, ProfileView } from '../../domain/profile';
import { OAuthSettingsInput, OAuthSettingsView } from '../../domain/oauthSettings';
import { CachedRecordView, CachedSchemaView, CallPlan, ConflictView, EditView, Ids, SyncProgressView, WindowQuery } from '../../domain/cache';

/**
 * The whole contract between renderer and main. Every method is `{ channel, input, output }`
 * and every event `{ channel, payload }`; channels are `domain:verb` / `domain:changed` in
 * kebab-case and exist nowhere else. Inputs are strict objects (unknown keys are refused),
 * so a payload either matches exactly or never reaches a handler.
 */

/** Inputs carry only what a handler needs; no method takes more than this many bytes of JSON. */
export const MAX_INPUT_BYTES = 1_000_000;

const noInput = z.object({}).strict();
const profileId = z.string().uuid();
const done = z.object({ done: z.literal(true) }).strict();
const SchemaName = z.string().trim().min(1).max(255);
const SchemaDescription = z.string().max(20_000);

export const methods = {
  appInfo: { channel: 'app:info', input: noInput, output: AppInfo },
  profilesList: { channel: 'profiles:list', input: noInput, output: z.array(ProfileView) },
  profilesCreate: { channel: 'profiles:create', input: z.object({ name: ProfileName, color: ProfileColor.optional() }).strict(), output: ProfileView },
  profilesRename: { channel: 'profiles:rename', input: z.object({ id: profileId, name: ProfileName }).strict(), output: ProfileView },
  profilesRecolor: { channel: 'profiles:recolor', input: z.object({ id: profileId, color: ProfileColor }).strict(), output: ProfileView },
  profilesDelete: { channel: 'profiles:delete', input: z.object({ id: profileId }).strict(), output: done },
  /** Opens Airtable's consent page in the system browser; the outcome arrives as profiles:changed. */
  profilesConnectOauth: { channel: 'profiles:connect-oauth', input: z.object({ id: profileId }).strict(), output: z.object({ authorizeUrl: z.string() }).strict() },
  /** The token travels renderer → main only; no answer ever carries it back. */
  profilesConnectPat: { channel: 'profiles:connect-pat', input: z.object({ id: profileId, token: z.string().min(1).max(1000) }).strict(), output: ProfileView },
  profilesCancelConnect: { channel: 'profiles:cancel-connect', input: noInput, output: done },
  oauthSettingsGet: { channel: 'oauth-settings:get', input: noInput, output: OAuthSettingsView },
  oauthSettingsSet: { channel: 'oauth-settings:set', input: OAuthSettingsInput, output: OAuthSettingsView },
  /** Starts a sync of one base (full the first time, then incremental); progress arrives as sync:changed. */
  syncStart: { channel: 'sync:start', input: z.object({ profileId, baseId: Ids.baseId }).strict(), output: done },
  syncCancel: { channel: 'sync:cancel', input: z.object({ profileId, baseId: Ids.baseId }).strict(), output: done },
  /** The API plan of a base's workspace, which sets how many calls background sync may spend. */
  syncSetPlan: { channel: 'sync:set-plan', input: z.object({ profileId, baseId: Ids.baseId, plan: CallPlan }).strict(), output: done },
  /** Every base the profile's grant can see in Airtable, and whether it is synced here. */
  basesList: {
    channel: 'bases:list',
    input: z.object({ profileId }).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), permissionLevel: z.string(), synced: z.boolean() }).strict()),
  },
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
  /** What is cached for a profile: bases, tables, fields, record counts, last sync times. */
  cacheSchema: { channel: 'cache:schema', input: z.object({ profileId }).strict(), output: CachedSchemaView },
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
  outboxList: { channel: 'outbox:list', input: z.object({ profileId }).strict(), output: z.object({ edits: z.array(EditView), conflicts: z.array(ConflictView) }).strict() },
  outboxRetry: { channel: 'outbox:retry', input: z.object({ profileId, seq: z.number().int().positive() }).strict(), output: done },
  outboxDiscard: { channel: 'outbox:discard', input: z.object({ profileId, seq: z.number().int().positive() }).strict(), output: done },
  attachmentsUsage: {
    channel: 'attachments:usage',
    input: z.object({ profileId }).strict(),
    output: z.object({ capBytes: z.number(), thumbnailBytes: z.number(), fileBytes: z.number(), thumbnails: z.number(), files: z.number() }).strict(),
  },
  /** A cached thumbnail as a data: URL (null when it is not available offline). */
  attachmentsThumbnail: {
    channel: 'attachments:thumbnail',
    input: z.object({ profileId, attachmentId: z.string().regex(/^att[A-Za-z0-9]{14}$/) }).strict(),
    output: z.object({ dataUrl: z.string().nullable() }).strict(),
  },
  attachmentsSetCap: { channel: 'attachments:set-cap', input: z.object({ profileId, bytes: z.number().int().min(0).max(1e12) }).strict(), output: done },
  conflictsResolve: {
    channel: 'conflicts:resolve',
    input: z.object({ profileId, conflictId: z.number().int().positive(), keep: z.enum(['mine', 'theirs']).optional(), value: z.unknown().optional() }).strict(),
    output: done,
  },
} as const;

export const events = {
  appChanged: { channel: 'app:changed', payload: z.object({ dataFolder: z.string() }).strict() },
  syncChanged: { channel: 'sync:changed', payload: SyncProgressView },
  /** The outbox of a profile changed (an edit was queued, sent, rejected or became a conflict). */
  outboxChanged: { channel: 'outbox:changed', payload: z.object({ profileId: z.string(), pending: z.number(), rejected: z.number(), conflicts: z.number() }).strict() },
  /** A deep link (airvault://open/…) asks the window to show a profile, base, table or record. */
  navigationChanged: {
    channel: 'navigation:changed',
    payload: z.object({ profileId: z.string(), baseId: z.string().optional(), tableId: z.string().optional(), recordId: z.string().optional() }).strict(),
  },
  /** The person chose a command in the application menu. */
  menuChanged: { channel: 'menu:changed', payload: z.object({ command: z.enum(['palette', 'find', 'new-record', 'sync', 'profiles']) }).strict() },
  connectivityChanged: { channel: 'connectivity:changed', payload: z.object({ profileId: z.string(), online: z.boolean() }).strict() },
  profilesChanged: {
    channel: 'profiles:changed',
    payload: z.object({ profiles: z.array(ProfileView), connecting: z.string().nullable(), lastConnectError: z.string().nullable() }).strict(),
  },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Methods[K]['output']>;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** Channel names follow one rule; the contract test checks every entry against it. */
export const METHOD_CHANNEL = /^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/;
export const EVENT_CHANNEL = /^[a-z]+(-[a-z]+)*:changed$/;
