import type { AirvaultApi } from '../../../shared/ipc/api';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/ipc/contract';
import type { IpcError, Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    airvault?: AirvaultApi;
  }
}

/** A failed call, carrying the contract's typed error so screens can pick a message and next step. */
export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

function bridge(): AirvaultApi {
  if (!window.airvault) throw new ApiError({ code: 'UNAVAILABLE', message: 'Airvault is not connected to its main process.' });
  return window.airvault;
}

/** The only module that touches `window.airvault`: calls a method and unwraps the envelope. */
export async function call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const fn = bridge()[method] as unknown as (input: MethodInput<K>) => Promise<Result<MethodOutput<K>>>;
  const result = await fn(input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, callback);
}
