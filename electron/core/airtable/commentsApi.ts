import { invalidInput } from './airtableError';
import type { AirtableClient } from './client';
import { checkId } from './ids';
import { Comment, CommentDeleted, CommentPage } from './schemas';
import type { CallOptions } from './callOptions';

const MAX_COMMENT = 100_000;

function checkText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') throw invalidInput('A comment needs some text.');
  if (text.length > MAX_COMMENT) throw invalidInput('That comment is too long.');
  return text;
}

/** Record comments: list (all pages, newest first), create, update and delete. */
export class CommentsApi {
  constructor(
    private readonly client: AirtableClient,
    private readonly profileId: string,
  ) {}

  private path(baseId: string, tableId: string, recordId: string): string {
    return `/${checkId('app', baseId)}/${checkId('tbl', tableId)}/${checkId('rec', recordId)}/comments`;
  }

  async list(baseId: string, tableId: string, recordId: string, options: CallOptions = {}): Promise<Comment[]> {
    const path = this.path(baseId, tableId, recordId);
    const comments: Comment[] = [];
    let offset: string | undefined;
    do {
      const page = await this.client.call(this.profileId, 'GET', path, CommentPage, { ...options, scope: 'data.recordComments:read', query: { offset } });
      comments.push(...page.comments);
      offset = page.offset ?? undefined;
    } while (offset);
    return comments;
  }

  create(baseId: string, tableId: string, recordId: string, text: string, options: CallOptions & { parentCommentId?: string } = {}): Promise<Comment> {
    const { parentCommentId, ...rest } = options;
    const json = { text: checkText(text), ...(parentCommentId ? { parentCommentId: checkId('com', parentCommentId) } : {}) };
    return this.client.call(this.profileId, 'POST', this.path(baseId, tableId, recordId), Comment, { ...rest, json, idempotent: false, scope: 'data.recordComments:write' });
  }

  update(baseId: string, tableId: string, recordId: string, commentId: string, text: string, options: CallOptions = {}): Promise<Comment> {
    const path = `${this.path(baseId, tableId, recordId)}/${checkId('com', commentId)}`;
    return this.client.call(this.profileId, 'PATCH', path, Comment, { ...options, json: { text: checkText(text) }, idempotent: true, scope: 'data.recordComments:write' });
  }

  delete(baseId: string, tableId: string, recordId: string, commentId: string, options: CallOptions = {}) {
    const path = `${this.path(baseId, tableId, recordId)}/${checkId('com', commentId)}`;
    return this.client.call(this.profileId, 'DELETE', path, CommentDeleted, { ...options, scope: 'data.recordComments:write' });
  }
}
