import type { SqlDatabase } from '../../platform/db/sqlite';

export type CommentEditKind = 'create' | 'update' | 'delete';
export type CommentEditStatus = 'pending' | 'sending' | 'done' | 'rejected';

/** A comment posted, edited or deleted here, waiting to be sent (or refused, waiting for the person). */
export interface CommentEdit {
  seq: number;
  kind: CommentEditKind;
  baseId: string;
  tableId: string;
  recordId: string;
  /** The comment: Airtable's id, or the temporary id of a post not sent yet. */
  commentId: string;
  parentCommentId: string | null;
  text: string | null;
  status: CommentEditStatus;
  sentAt: number | null;
  error: string | null;
  createdAt: number;
}

interface Row {
  seq: number;
  kind: CommentEditKind;
  base_id: string;
  table_id: string;
  record_id: string;
  comment_id: string;
  parent_comment_id: string | null;
  text: string | null;
  status: CommentEditStatus;
  sent_at: number | null;
  error: string | null;
  created_at: number;
}

const toEdit = (r: Row): CommentEdit => ({
  seq: r.seq,
  kind: r.kind,
  baseId: r.base_id,
  tableId: r.table_id,
  recordId: r.record_id,
  commentId: r.comment_id,
  parentCommentId: r.parent_comment_id,
  text: r.text,
  status: r.status,
  sentAt: r.sent_at,
  error: r.error,
  createdAt: r.created_at,
});

/**
 * The one writer of `comment_edits` in the outbox database (synchronous=FULL): a comment written
 * here is durable before the person is told it was posted, and survives a crash until sent.
 */
export class CommentOutbox {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  append(edit: { kind: CommentEditKind; baseId: string; tableId: string; recordId: string; commentId: string; parentCommentId?: string | null; text?: string | null }): number {
    return this.db
      .transaction(
        () =>
          this.db
            .prepare('INSERT INTO comment_edits (kind, base_id, table_id, record_id, comment_id, parent_comment_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(edit.kind, edit.baseId, edit.tableId, edit.recordId, edit.commentId, edit.parentCommentId ?? null, edit.text ?? null, this.now()).lastInsertRowid as number,
      )
      .immediate();
  }

  /** Edits still to send or refused, in order. */
  unfinished(): CommentEdit[] {
    return (this.db.prepare("SELECT * FROM comment_edits WHERE status <> 'done' ORDER BY seq").all() as Row[]).map(toEdit);
  }

  /** Edits to send, in order. */
  open(): CommentEdit[] {
    return (this.db.prepare("SELECT * FROM comment_edits WHERE status IN ('pending', 'sending') ORDER BY seq").all() as Row[]).map(toEdit);
  }

  ofRecord(recordIds: readonly string[]): CommentEdit[] {
    return (this.db.prepare("SELECT * FROM comment_edits WHERE status <> 'done' AND record_id IN (SELECT value FROM json_each(?)) ORDER BY seq").all(JSON.stringify(recordIds)) as Row[]).map(toEdit);
  }

  get(seq: number): CommentEdit | undefined {
    const row = this.db.prepare('SELECT * FROM comment_edits WHERE seq = ?').get(seq) as Row | undefined;
    return row && toEdit(row);
  }

  /** The post of a temporary comment id that Airtable has not answered yet (it can still be changed in place). */
  unsentPost(commentId: string): CommentEdit | undefined {
    const row = this.db.prepare("SELECT * FROM comment_edits WHERE kind = 'create' AND comment_id = ? AND status = 'pending'").get(commentId) as Row | undefined;
    return row && toEdit(row);
  }

  /** Airtable's id for a comment posted here (null until its post was answered). */
  realIdOf(commentId: string): string | null {
    const row = this.db.prepare("SELECT created_id FROM comment_edits WHERE kind = 'create' AND comment_id = ? AND created_id IS NOT NULL").get(commentId) as { created_id: string } | undefined;
    return row?.created_id ?? null;
  }

  /** Ids Airtable gave to posts from here (so a lost answer is never matched to the same comment twice). */
  createdIds(): Set<string> {
    return new Set((this.db.prepare('SELECT created_id FROM comment_edits WHERE created_id IS NOT NULL').all() as Array<{ created_id: string }>).map((r) => r.created_id));
  }

  /** Changes the text of a post that has not left yet (an edit before sending needs no second call). */
  amendPost(seq: number, text: string): void {
    this.db.transaction(() => this.db.prepare("UPDATE comment_edits SET text = ? WHERE seq = ? AND status = 'pending'").run(text, seq)).immediate();
  }

  markSending(seq: number): void {
    this.db.transaction(() => this.db.prepare("UPDATE comment_edits SET status = 'sending', sent_at = ? WHERE seq = ?").run(this.now(), seq)).immediate();
  }

  /** Sent; a post keeps the id Airtable gave it. */
  done(seq: number, createdId?: string): void {
    this.db.transaction(() => this.db.prepare("UPDATE comment_edits SET status = 'done', error = NULL, created_id = COALESCE(?, created_id) WHERE seq = ?").run(createdId ?? null, seq)).immediate();
  }

  retry(seq: number): void {
    this.db.transaction(() => this.db.prepare("UPDATE comment_edits SET status = 'pending', error = NULL WHERE seq = ? AND status = 'rejected'").run(seq)).immediate();
  }

  reject(seq: number, error: string): void {
    this.db.transaction(() => this.db.prepare("UPDATE comment_edits SET status = 'rejected', error = ? WHERE seq = ?").run(error, seq)).immediate();
  }

  /**
   * Drops an unsent or refused change; dropping a post drops every later change of that comment
   * too (there is nothing left for them to change).
   */
  discard(seq: number): void {
    this.db
      .transaction(() => {
        const edit = this.db.prepare("SELECT kind, comment_id FROM comment_edits WHERE seq = ? AND status IN ('pending', 'rejected')").get(seq) as { kind: CommentEditKind; comment_id: string } | undefined;
        if (!edit) return;
        if (edit.kind === 'create') this.db.prepare("DELETE FROM comment_edits WHERE comment_id = ? AND status <> 'done'").run(edit.comment_id);
        else this.db.prepare('DELETE FROM comment_edits WHERE seq = ?').run(seq);
      })
      .immediate();
  }
}
