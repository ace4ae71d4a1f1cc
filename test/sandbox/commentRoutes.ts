import { errors } from './errors';
import type { Comment } from './model';
import { answer, type ApiAnswer, type BaseContext } from './context';
import { randomId } from './store';
import { tableOr404 } from './recordRoutes';

/** /v0/{baseId}/{table}/{recordId}/comments[/{commentId}] */
export async function commentRoutes(ctx: BaseContext, tableSegment: string, recordId: string, commentId: string | undefined): Promise<ApiAnswer> {
  const table = tableOr404(ctx.base, tableSegment);
  const record = table.records.get(recordId);
  if (!record) throw errors.recordNotFound();
  const users = ctx.sandbox.store.users;
  const render = (c: Comment) => {
    const author = users.get(c.authorId);
    const mentioned = Object.fromEntries(
      [...c.text.matchAll(/@\[(usr[A-Za-z0-9]{14})\]/g)].flatMap((m) => {
        const user = m[1] ? users.get(m[1]) : undefined;
        return user ? [[user.id, { type: 'user', id: user.id, displayName: user.name, email: user.email }]] : [];
      }),
    );
    return {
      id: c.id,
      author: author ? { id: author.id, email: author.email, name: author.name } : { id: c.authorId },
      text: c.text,
      createdTime: c.createdTime,
      lastUpdatedTime: c.lastUpdatedTime,
      ...(Object.keys(mentioned).length > 0 ? { mentioned } : {}),
      ...(c.parentCommentId ? { parentCommentId: c.parentCommentId } : {}),
    };
  };
  const canComment = ['comment', 'edit', 'create'].includes(ctx.base.permissionLevel);
  const now = new Date(ctx.sandbox.clock.now()).toISOString();

  if (!commentId && ctx.method === 'GET') {
    const pageSize = Math.min(100, Math.max(1, Number(ctx.query.pageSize ?? 100) || 100));
    const newestFirst = [...record.comments].reverse();
    const start = ctx.query.offset === undefined ? 0 : newestFirst.findIndex((c) => c.id === ctx.query.offset);
    if (start < 0) throw errors.invalidOffset();
    const page = newestFirst.slice(start, start + pageSize);
    const next = newestFirst[start + pageSize];
    return answer({ comments: page.map(render), offset: next ? next.id : null });
  }
  if (!canComment) throw errors.invalidPermissions('You are not permitted to comment on records in this base');
  if (!commentId && ctx.method === 'POST') {
    const body = await ctx.body();
    if (typeof body.text !== 'string' || body.text.trim() === '') throw errors.invalidRequest('"text" must be a non-empty string');
    if (body.parentCommentId !== undefined && !record.comments.some((c) => c.id === body.parentCommentId)) throw errors.invalidRequest('parentCommentId is not a comment on this record');
    const comment: Comment = { id: randomId('com'), authorId: ctx.principal.userId, text: body.text, createdTime: now, lastUpdatedTime: null };
    if (typeof body.parentCommentId === 'string') comment.parentCommentId = body.parentCommentId;
    record.comments.push(comment);
    return answer(render(comment));
  }
  const comment = record.comments.find((c) => c.id === commentId);
  if (!comment) throw errors.notFound();
  if (comment.authorId !== ctx.principal.userId) throw errors.invalidPermissions('Only the author can change or delete a comment');
  if (ctx.method === 'PATCH') {
    const body = await ctx.body();
    if (typeof body.text !== 'string' || body.text.trim() === '') throw errors.invalidRequest('"text" must be a non-empty string');
    comment.text = body.text;
    comment.lastUpdatedTime = now;
    return answer(render(comment));
  }
  if (ctx.method === 'DELETE') {
    record.comments = record.comments.filter((c) => c !== comment);
    return answer({ id: comment.id, deleted: true });
  }
  throw errors.notFound();
}
