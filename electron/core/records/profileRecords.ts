import type { ProfileApi } from '../airtable';
import type { SqlDatabase } from '../platform/db/sqlite';
import type { Clock, Fetch, Logger } from '../ports';
import { AttachmentCache } from './attachments/attachmentCache';
import type { AttachmentUrlPolicy } from './attachments/attachmentUrls';
import { RecordQueries } from './cache/recordQuery';
import { SchemaRepository } from './cache/schemaRepository';
import { ViewMembersRepository } from './cache/viewMembers';
import { CommentOutbox } from './comments/commentOutbox';
import { CommentReplay } from './comments/commentReplay';
import { CommentsRepository } from './comments/commentsRepository';
import { ViewSync } from './sync/viewSync';
import { Outbox } from './outbox/outbox';
import { OutboxActions } from './outbox/outboxActions';
import { OutboxReplay } from './outbox/outboxReplay';
import { RecordsRepository } from './recordsRepository';
import { BaseSync } from './sync/baseSync';
import { CallBudget } from './sync/callBudget';
import { SyncStateRepository } from './sync/syncState';
import { WebhookSync } from './sync/webhookSync';
import { WindowSync } from './sync/windowSync';

/**
 * The records slice of one profile, built over its two databases: the cache (everything that can
 * be fetched again) and the outbox (what cannot). Each table has one writer here: the records
 * repository (`records` and its index), the schema repository, the sync state, the call budget,
 * the attachment cache and the outbox; readers get the read-only queries.
 */
export interface ProfileRecords {
  readonly profileId: string;
  readonly api: ProfileApi;
  /** The cache database, for the slice's own small settings (`cache/cacheSettings`). */
  readonly cacheDb: SqlDatabase;
  readonly records: RecordsRepository;
  readonly schema: SchemaRepository;
  readonly queries: RecordQueries;
  readonly state: SyncStateRepository;
  readonly budget: CallBudget;
  readonly outbox: Outbox;
  readonly outboxActions: OutboxActions;
  readonly replay: OutboxReplay;
  readonly baseSync: BaseSync;
  readonly webhooks: WebhookSync;
  readonly windows: WindowSync;
  readonly views: ViewSync;
  readonly viewMembers: ViewMembersRepository;
  readonly attachments: AttachmentCache;
  readonly comments: CommentsRepository;
  readonly commentEdits: CommentOutbox;
}

/** A profile's records slice, looked up by profile id (the workspace opens it on first use). */
export type RecordsOf = (profileId: string) => ProfileRecords;

export function createProfileRecords(deps: {
  profileId: string;
  cacheDb: SqlDatabase;
  outboxDb: SqlDatabase;
  folder: string;
  api: ProfileApi;
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  attachmentUrls: AttachmentUrlPolicy;
}): ProfileRecords {
  const { cacheDb, api, clock } = deps;
  const now = () => clock.now();
  const records = new RecordsRepository(cacheDb);
  const schema = new SchemaRepository(cacheDb, records);
  const state = new SyncStateRepository(cacheDb, records);
  const outbox = new Outbox(deps.outboxDb, records, now);
  const viewMembers = new ViewMembersRepository(cacheDb);
  const comments = new CommentsRepository(cacheDb);
  const commentEdits = new CommentOutbox(deps.outboxDb, now);
  // Edits written before a crash but not yet shown in the cache are shown again.
  outbox.reapplyAll();
  return {
    profileId: deps.profileId,
    api,
    cacheDb,
    records,
    schema,
    queries: new RecordQueries(cacheDb, schema, viewMembers, (name, expression) => records.ensureSortIndex(name, expression)),
    state,
    budget: new CallBudget(cacheDb, now),
    outbox,
    outboxActions: new OutboxActions(outbox, records),
    replay: new OutboxReplay(outbox, records, api, now, new CommentReplay({ edits: commentEdits, comments, api, realRecordId: (id) => outbox.realIdOf(id) })),
    baseSync: new BaseSync({ api, schema, records, state, clock }),
    webhooks: new WebhookSync({ api, schema, records, state, clock }),
    windows: new WindowSync({ api, records, state, clock }),
    views: new ViewSync({ api, schema, members: viewMembers, clock, logger: deps.logger }),
    viewMembers,
    attachments: new AttachmentCache(cacheDb, deps.folder, deps.fetch, api, now, deps.attachmentUrls),
    comments,
    commentEdits,
  };
}
