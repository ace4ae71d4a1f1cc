import { AirtableError, isUnreachable, type Comment, type ProfileApi } from '../../airtable';
import type { CommentOutbox, CommentEdit } from './commentOutbox';
import type { CommentsRepository } from './commentsRepository';

export interface CommentReplayResult {
  sent: number;
  rejected: number;
  /** Records whose comments changed (to tell the screens showing them). */
  records: Set<string>;
  /** Airtable could not be reached: the rest waits for the next replay. */
  offline: boolean;
}

/** Stop for now and keep the edit (as for records: unreachable, paused, cancelled, or a write that may have landed). */
const waitForNextReplay = (e: unknown) => isUnreachable(e) || (e instanceof AirtableError && (e.kind === 'rate-limited' || e.kind === 'cancelled' || e.kind === 'outcome-unknown'));
const isTemp = (id: string) => id.startsWith('tmp');

/**
 * Sends comments posted, edited and deleted here, in order, after the record edits of the same
 * replay (a comment on a record created offline waits for the record's Airtable id). A post is not
 * idempotent: one whose answer was lost is looked for among the record's comments before it is
 * ever sent again.
 */
export class CommentReplay {
  constructor(
    private readonly deps: {
      edits: CommentOutbox;
      comments: CommentsRepository;
      api: ProfileApi;
      /** Airtable's id of a record created here (undefined until its create was answered). */
      realRecordId: (tempId: string) => string | undefined;
    },
  ) {}

  async run(): Promise<CommentReplayResult> {
    const result: CommentReplayResult = { sent: 0, rejected: 0, records: new Set(), offline: false };
    for (const edit of this.deps.edits.open()) {
      const recordId = isTemp(edit.recordId) ? this.deps.realRecordId(edit.recordId) : edit.recordId;
      const commentId = edit.kind === 'create' || !isTemp(edit.commentId) ? edit.commentId : this.deps.edits.realIdOf(edit.commentId);
      const parentId = edit.parentCommentId && isTemp(edit.parentCommentId) ? this.deps.edits.realIdOf(edit.parentCommentId) : edit.parentCommentId;
      if (!recordId || !commentId || (parentId === null && edit.parentCommentId !== null)) continue; // waits for what it depends on
      try {
        if (edit.kind === 'create') await this.post(edit, recordId, parentId);
        else if (edit.kind === 'update') this.deps.comments.save(recordId, await this.deps.api.comments.update(edit.baseId, edit.tableId, recordId, commentId, edit.text ?? '', { priority: 'background' }));
        else await this.remove(edit, recordId, commentId);
        if (edit.kind !== 'create') this.deps.edits.done(edit.seq);
        result.sent++;
      } catch (error) {
        if (waitForNextReplay(error)) {
          result.offline = true;
          return result;
        }
        this.deps.edits.reject(edit.seq, refusal(error));
        result.rejected++;
      }
      result.records.add(edit.recordId);
    }
    return result;
  }

  private async post(edit: CommentEdit, recordId: string, parentId: string | null): Promise<void> {
    const { api, edits, comments } = this.deps;
    let posted: Comment | undefined;
    if (edit.status === 'sending' && edit.sentAt !== null) posted = await this.findLanded(edit, recordId);
    if (!posted) {
      edits.markSending(edit.seq);
      posted = await api.comments.create(edit.baseId, edit.tableId, recordId, edit.text ?? '', { priority: 'background', ...(parentId ? { parentCommentId: parentId } : {}) });
    }
    edits.done(edit.seq, posted.id);
    comments.save(recordId, posted);
  }

  /** A post that may have landed: a comment of the record, made since it was sent, with exactly its text, not matched before. */
  private async findLanded(edit: CommentEdit, recordId: string): Promise<Comment | undefined> {
    const since = (edit.sentAt ?? 0) - 5_000;
    const known = this.deps.edits.createdIds();
    const listed = await this.deps.api.comments.list(edit.baseId, edit.tableId, recordId, { priority: 'background' });
    return listed.find((c) => c.text === edit.text && Date.parse(c.createdTime) >= since && !known.has(c.id));
  }

  private async remove(edit: CommentEdit, recordId: string, commentId: string): Promise<void> {
    try {
      await this.deps.api.comments.delete(edit.baseId, edit.tableId, recordId, commentId, { priority: 'background' });
    } catch (error) {
      if (!(error instanceof AirtableError && error.kind === 'not-found')) throw error; // already gone: what the person wanted
    }
    this.deps.comments.remove(commentId);
  }
}

function refusal(error: unknown): string {
  if (error instanceof AirtableError && error.kind === 'not-found') return 'Airtable no longer has this record or comment.';
  return error instanceof Error ? error.message : 'Airtable refused this comment.';
}
