import { z } from 'zod';
import { Ids } from '../../domain/cache';
import { CommentId, CommentText, CommentView } from '../../domain/comments';
import { done, profileId } from './common';

const RecordComments = z
  .object({
    /** Oldest first, with changes made here on top (marked `unsent`). */
    comments: z.array(CommentView),
    /** When the record's comments were last read from Airtable (null: never; offline they are what was read then). */
    syncedAt: z.number().nullable(),
    /** People seen in comments (authors and mentions), to offer when writing `@`. */
    people: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    /** The base lets this account comment. */
    canComment: z.boolean(),
    /** This profile's Airtable user id (null: not known). */
    me: z.string().nullable(),
  })
  .strict();

const onRecord = { profileId, recordId: Ids.recordId };

export const commentsMethods = {
  /** A record's comments from the offline cache. */
  commentsList: { channel: 'comments:list', input: z.object(onRecord).strict(), output: RecordComments },
  /** Reads a record's comments from Airtable now; offline (fresh: false) the cached ones. */
  commentsRefresh: { channel: 'comments:refresh', input: z.object(onRecord).strict(), output: RecordComments.extend({ fresh: z.boolean() }).strict() },
  /** Posts a comment (through the outbox: it shows at once, offline too); `@[usr…]` mentions a person. */
  commentsCreate: {
    channel: 'comments:create',
    input: z.object({ ...onRecord, text: CommentText, parentCommentId: CommentId.optional() }).strict(),
    output: z.object({ id: z.string() }).strict(),
  },
  /** Edits one's own comment. */
  commentsUpdate: { channel: 'comments:update', input: z.object({ ...onRecord, commentId: CommentId, text: CommentText }).strict(), output: done },
  /** Deletes one's own comment. */
  commentsDelete: { channel: 'comments:delete', input: z.object({ ...onRecord, commentId: CommentId }).strict(), output: done },
  /** Sends a refused comment change again. */
  commentsRetry: { channel: 'comments:retry', input: z.object({ profileId, seq: z.number().int().positive() }).strict(), output: done },
  /** Drops a comment change not sent yet, or one Airtable refused. */
  commentsDiscard: { channel: 'comments:discard', input: z.object({ profileId, seq: z.number().int().positive() }).strict(), output: done },
} as const;

export const commentsEvents = {
  /** Comments of these records changed (a post, edit or delete was sent or refused). */
  commentsChanged: { channel: 'comments:changed', payload: z.object({ profileId: z.string(), recordIds: z.array(z.string()) }).strict() },
} as const;
