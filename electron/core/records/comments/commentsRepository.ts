import type { Comment } from '../../airtable';
import type { SqlDatabase } from '../../platform/db/sqlite';

/** A comment as the cache keeps it (Airtable's, as last read or as Airtable answered a send). */
export interface CachedComment {
  id: string;
  recordId: string;
  author: { id: string; name: string | null; email: string | null };
  text: string;
  createdTime: string;
  lastUpdatedTime: string | null;
  parentCommentId: string | null;
  /** Mentioned people by Airtable user id: the name to show. */
  mentioned: Record<string, string>;
}

interface Row {
  id: string;
  record_id: string;
  author_id: string;
  author_name: string | null;
  author_email: string | null;
  text: string;
  created_time: string;
  last_updated_time: string | null;
  parent_comment_id: string | null;
  mentioned: string;
}

const toComment = (row: Row): CachedComment => ({
  id: row.id,
  recordId: row.record_id,
  author: { id: row.author_id, name: row.author_name, email: row.author_email },
  text: row.text,
  createdTime: row.created_time,
  lastUpdatedTime: row.last_updated_time,
  parentCommentId: row.parent_comment_id,
  mentioned: JSON.parse(row.mentioned) as Record<string, string>,
});

/** Mentions as Airtable sends them (`{usr…: {displayName, …}}`), reduced to names; anything odd is left out. */
function mentionedNames(mentioned: Record<string, unknown> | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [id, value] of Object.entries(mentioned ?? {})) {
    if (!/^usr[A-Za-z0-9]{14}$/.test(id) || typeof value !== 'object' || value === null) continue;
    const { displayName, name, email } = value as { displayName?: unknown; name?: unknown; email?: unknown };
    const shown = [displayName, name, email].find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
    if (shown) names[id] = shown;
  }
  return names;
}

/** The one writer of `comments` (each record's comments as Airtable last listed them) and `comment_syncs`. */
export class CommentsRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** A record's comments, oldest first. */
  list(recordId: string): CachedComment[] {
    return (this.db.prepare('SELECT * FROM comments WHERE record_id = ? ORDER BY created_time, id').all(recordId) as Row[]).map(toComment);
  }

  find(commentId: string): CachedComment | undefined {
    const row = this.db.prepare('SELECT * FROM comments WHERE id = ?').get(commentId) as Row | undefined;
    return row && toComment(row);
  }

  /** When the record's comments were last read from Airtable (null: never). */
  syncedAt(recordId: string): number | null {
    return (this.db.prepare('SELECT synced_at FROM comment_syncs WHERE record_id = ?').get(recordId) as { synced_at: number } | undefined)?.synced_at ?? null;
  }

  /** Replaces a record's comments with the list Airtable just gave. */
  replace(recordId: string, comments: readonly Comment[], at: number): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM comments WHERE record_id = ?').run(recordId);
        for (const comment of comments) this.write(recordId, comment);
        this.db.prepare('INSERT INTO comment_syncs (record_id, synced_at) VALUES (?, ?) ON CONFLICT(record_id) DO UPDATE SET synced_at = excluded.synced_at').run(recordId, at);
      })
      .immediate();
  }

  /** One comment as Airtable answered a post or an edit. */
  save(recordId: string, comment: Comment): void {
    this.db.transaction(() => this.write(recordId, comment)).immediate();
  }

  remove(commentId: string): void {
    this.db.transaction(() => this.db.prepare('DELETE FROM comments WHERE id = ?').run(commentId)).immediate();
  }

  /** People seen in cached comments (authors and mentions), to offer when writing a mention. */
  people(): Array<{ id: string; name: string }> {
    const found = new Map<string, string>();
    for (const row of this.db.prepare('SELECT author_id, author_name, mentioned FROM comments ORDER BY created_time DESC LIMIT 5000').all() as Array<{ author_id: string; author_name: string | null; mentioned: string }>) {
      if (row.author_name && /^usr[A-Za-z0-9]{14}$/.test(row.author_id) && !found.has(row.author_id)) found.set(row.author_id, row.author_name);
      for (const [id, name] of Object.entries(JSON.parse(row.mentioned) as Record<string, string>)) if (!found.has(id)) found.set(id, name);
    }
    return [...found].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  private write(recordId: string, comment: Comment): void {
    this.db
      .prepare(
        `INSERT INTO comments (id, record_id, author_id, author_name, author_email, text, created_time, last_updated_time, parent_comment_id, mentioned)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET text = excluded.text, last_updated_time = excluded.last_updated_time, mentioned = excluded.mentioned, author_name = excluded.author_name, author_email = excluded.author_email`,
      )
      .run(comment.id, recordId, comment.author.id, comment.author.name ?? null, comment.author.email ?? null, comment.text, comment.createdTime, comment.lastUpdatedTime ?? null, comment.parentCommentId ?? null, JSON.stringify(mentionedNames(comment.mentioned)));
  }
}
