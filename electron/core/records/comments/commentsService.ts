import { randomUUID } from 'node:crypto';
import { isUnreachable } from '../../airtable';
import { AppError } from '../../platform/errors';
import type { OutboxService } from '../outbox/outboxService';
import type { ProfileRecords, RecordsOf } from '../profileRecords';
import type { CommentEdit } from './commentOutbox';
import type { CachedComment } from './commentsRepository';
import type { CommentView } from '../../../../shared/domain/comments';

/** Permission levels that may comment (Airtable's base list says which one the person has). */
const MAY_COMMENT = new Set(['comment', 'edit', 'create', 'unknown']);

/**
 * Record comments as a person reads and writes them: the cached list (read offline) with the
 * changes made here on top, refreshed from Airtable when the record is opened; posts, edits and
 * deletes of one's own comments go through the outbox, so they work offline and survive a crash.
 */
export class CommentsService {
  constructor(
    private readonly deps: {
      recordsOf: RecordsOf;
      outbox: OutboxService;
      /** The Airtable user id the profile is connected as (null: not known yet). */
      userOf(profileId: string): string | null;
      now(): number;
    },
  ) {}

  list(profileId: string, recordId: string) {
    const p = this.deps.recordsOf(profileId);
    const { baseId } = this.locate(p, recordId);
    const me = this.deps.userOf(profileId);
    const people = p.comments.people();
    const names = Object.fromEntries(people.map((person) => [person.id, person.name]));
    const shown = new Map<string, CommentView>();
    for (const comment of p.comments.list(recordId)) shown.set(comment.id, view(comment, me));
    // Changes made here, in order, on top of what Airtable last said.
    // A record created here keeps its comments under its temporary id until they are sent.
    for (const edit of p.commentEdits.ofRecord([recordId, ...p.outbox.tempIdsOf(recordId)])) {
      const id = edit.kind === 'create' ? edit.commentId : (shown.has(edit.commentId) ? edit.commentId : (p.commentEdits.realIdOf(edit.commentId) ?? edit.commentId));
      const current = shown.get(id);
      const pending = { unsent: edit.kind, error: edit.error, editSeq: edit.seq };
      if (edit.kind === 'create') shown.set(id, { ...posted(edit, recordId, me), ...pending, mentioned: mentionsIn(edit.text ?? '', names) });
      else if (!current) continue; // changed here, then deleted in Airtable: nothing left to show
      else if (edit.kind === 'update') shown.set(id, { ...current, text: edit.text ?? current.text, mentioned: { ...current.mentioned, ...mentionsIn(edit.text ?? '', names) }, ...pending });
      else if (edit.status === 'rejected') shown.set(id, { ...current, ...pending });
      else shown.delete(id); // a delete waiting to be sent: already gone for the person
    }
    return {
      comments: [...shown.values()],
      syncedAt: p.comments.syncedAt(recordId),
      people,
      canComment: MAY_COMMENT.has(p.schema.permissionLevel(baseId)),
      me,
    };
  }

  /** Reads the record's comments from Airtable now (the person opened it); offline, the cached list. */
  async refresh(profileId: string, recordId: string) {
    const p = this.deps.recordsOf(profileId);
    const { baseId, tableId } = this.locate(p, recordId);
    let fresh = false;
    if (!recordId.startsWith('tmp')) {
      try {
        p.comments.replace(recordId, await p.api.comments.list(baseId, tableId, recordId, { priority: 'interactive' }), this.deps.now());
        fresh = true;
      } catch (error) {
        if (!isUnreachable(error)) throw error;
      }
    }
    return { ...this.list(profileId, recordId), fresh };
  }

  create(profileId: string, recordId: string, text: string, parentCommentId?: string): { id: string } {
    const p = this.deps.recordsOf(profileId);
    const { baseId, tableId } = this.locate(p, recordId);
    this.requireMayComment(p, baseId);
    if (parentCommentId && !this.list(profileId, recordId).comments.some((c) => c.id === parentCommentId)) throw new AppError('NOT_FOUND', 'The comment being answered is not on this record.');
    const id = `tmp${randomUUID().replace(/-/g, '')}`;
    p.commentEdits.append({ kind: 'create', baseId, tableId, recordId, commentId: id, parentCommentId: parentCommentId ?? null, text });
    this.deps.outbox.sendSoon(profileId);
    return { id };
  }

  update(profileId: string, recordId: string, commentId: string, text: string): void {
    const p = this.deps.recordsOf(profileId);
    const { baseId, tableId } = this.locate(p, recordId);
    this.requireOwn(profileId, recordId, commentId);
    const unsent = p.commentEdits.unsentPost(commentId);
    if (unsent) p.commentEdits.amendPost(unsent.seq, text); // not sent yet: one post with the new text
    else p.commentEdits.append({ kind: 'update', baseId, tableId, recordId, commentId, text });
    this.deps.outbox.sendSoon(profileId);
  }

  delete(profileId: string, recordId: string, commentId: string): void {
    const p = this.deps.recordsOf(profileId);
    const { baseId, tableId } = this.locate(p, recordId);
    this.requireOwn(profileId, recordId, commentId);
    const unsent = p.commentEdits.unsentPost(commentId);
    if (unsent) p.commentEdits.discard(unsent.seq); // never sent: nothing to delete in Airtable
    else p.commentEdits.append({ kind: 'delete', baseId, tableId, recordId, commentId });
    this.deps.outbox.sendSoon(profileId);
  }

  /** Sends a change Airtable refused once more (the person fixed what was wrong, in Airtable or here). */
  retry(profileId: string, seq: number): void {
    const p = this.deps.recordsOf(profileId);
    if (p.commentEdits.get(seq)?.status !== 'rejected') throw new AppError('NOT_FOUND', 'That comment change is not waiting for a retry.');
    p.commentEdits.retry(seq);
    this.deps.outbox.sendSoon(profileId);
  }

  /** Drops a change not sent yet or refused by Airtable (the comment shows as Airtable has it). */
  discard(profileId: string, seq: number): void {
    const p = this.deps.recordsOf(profileId);
    const edit = p.commentEdits.get(seq);
    if (!edit || edit.status === 'done') throw new AppError('NOT_FOUND', 'That comment change was already sent.');
    if (edit.status === 'sending') throw new AppError('CONFLICT', 'That comment is being sent right now; try again in a moment.');
    p.commentEdits.discard(seq);
    this.deps.outbox.publish(profileId);
  }

  private requireOwn(profileId: string, recordId: string, commentId: string): void {
    const comment = this.list(profileId, recordId).comments.find((c) => c.id === commentId);
    if (!comment) throw new AppError('NOT_FOUND', 'That comment is not on this record (it may have been deleted).');
    if (!comment.mine) throw new AppError('INVALID_INPUT', 'Only the person who wrote a comment can change or delete it.');
  }

  private requireMayComment(p: ProfileRecords, baseId: string): void {
    if (!MAY_COMMENT.has(p.schema.permissionLevel(baseId))) throw new AppError('INVALID_INPUT', 'You can read this base but not comment on it.');
  }

  /** The record's table and base, from the cache (a record created here counts too). */
  private locate(p: ProfileRecords, recordId: string): { baseId: string; tableId: string } {
    const record = p.records.find(recordId);
    const table = record && p.schema.table(record.tableId);
    if (!record || !table) throw new AppError('NOT_FOUND', 'That record is not in the offline cache.');
    return { baseId: table.baseId, tableId: table.id };
  }
}

function view(comment: CachedComment, me: string | null): CommentView {
  return { ...comment, mine: me !== null && comment.author.id === me, unsent: null, error: null, editSeq: null };
}

function posted(edit: CommentEdit, recordId: string, me: string | null): Omit<CommentView, 'unsent' | 'error' | 'editSeq' | 'mentioned'> {
  return {
    id: edit.commentId,
    recordId,
    author: { id: me ?? 'me', name: null, email: null },
    text: edit.text ?? '',
    createdTime: new Date(edit.createdAt).toISOString(),
    lastUpdatedTime: null,
    parentCommentId: edit.parentCommentId,
    mine: true,
  };
}

/** Names for the mentions in text written here, from the people known so far. */
function mentionsIn(text: string, names: Record<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(/@\[(usr[A-Za-z0-9]{14})\]/g)) if (Object.hasOwn(names, match[1]!)) found[match[1]!] = names[match[1]!]!;
  return found;
}
