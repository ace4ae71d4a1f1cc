import { z } from 'zod';
import { ConflictView, EditView } from '../../domain/cache';
import { CommentEditView } from '../../domain/comments';
import { done, profileId } from './common';

export const outboxMethods = {
  outboxList: { channel: 'outbox:list', input: z.object({ profileId }).strict(), output: z.object({ edits: z.array(EditView), conflicts: z.array(ConflictView), comments: z.array(CommentEditView) }).strict() },
  outboxRetry: { channel: 'outbox:retry', input: z.object({ profileId, seq: z.number().int().positive() }).strict(), output: done },
  /** Sends everything now, even deletes still waiting. */
  outboxSendNow: { channel: 'outbox:send-now', input: z.object({ profileId }).strict(), output: done },
  outboxDiscard: { channel: 'outbox:discard', input: z.object({ profileId, seq: z.number().int().positive() }).strict(), output: done },
  conflictsResolve: {
    channel: 'conflicts:resolve',
    input: z.object({ profileId, conflictId: z.number().int().positive(), keep: z.enum(['mine', 'theirs']).optional(), value: z.unknown().optional() }).strict(),
    output: done,
  },
} as const;

export const outboxEvents = {
  /** The outbox of a profile changed (an edit was queued, sent, rejected or became a conflict). */
  outboxChanged: { channel: 'outbox:changed', payload: z.object({ profileId: z.string(), pending: z.number(), rejected: z.number(), conflicts: z.number() }).strict() },
} as const;
