import type { Result } from './result';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract';

/**
 * The shape of `window.airvault`: one async function per contract method, resolving to the
 * result envelope (never rejecting), plus `on(event, cb)` that returns an unsubscribe.
 */
export type AirvaultApi = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<Result<MethodOutput<K>>>;
} & {
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};
