import { answer, doneAfter, type Handlers } from '../../platform/ipc/handlers';
import type { CommentsService } from './commentsService';

export function createCommentsHandlers(comments: CommentsService): Pick<Handlers, 'commentsList' | 'commentsRefresh' | 'commentsCreate' | 'commentsUpdate' | 'commentsDelete' | 'commentsRetry' | 'commentsDiscard'> {
  return {
    commentsList: ({ profileId, recordId }) => answer(() => comments.list(profileId, recordId)),
    commentsRefresh: ({ profileId, recordId }) => comments.refresh(profileId, recordId),
    commentsCreate: ({ profileId, recordId, text, parentCommentId }) => answer(() => comments.create(profileId, recordId, text, parentCommentId)),
    commentsUpdate: ({ profileId, recordId, commentId, text }) => doneAfter(() => comments.update(profileId, recordId, commentId, text)),
    commentsDelete: ({ profileId, recordId, commentId }) => doneAfter(() => comments.delete(profileId, recordId, commentId)),
    commentsRetry: ({ profileId, seq }) => doneAfter(() => comments.retry(profileId, seq)),
    commentsDiscard: ({ profileId, seq }) => doneAfter(() => comments.discard(profileId, seq)),
  };
}
