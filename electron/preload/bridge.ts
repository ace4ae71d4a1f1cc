import type { AirvaultApi } from '../../shared/ipc/api';
import { eventNames, events, methodNames, methods, type EventName } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';

/** The part of `ipcRenderer` the bridge needs. It never crosses into the page itself. */
export interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
}

/**
 * Builds `window.airvault` from the contract: exactly one function per method and `on`.
 * Callbacks receive the payload only, never Electron's event object (which would expose
 * `sender`). A rejected invoke becomes an UNAVAILABLE envelope, so the page never sees a throw.
 */
export function createBridge(ipc: IpcRendererLike): AirvaultApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    const { channel } = methods[name];
    api[name] = async (input: unknown): Promise<Result<unknown>> => {
      try {
        return (await ipc.invoke(channel, input ?? {})) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'Airvault could not reach its main process.' } };
      }
    };
  }
  api.on = (event: EventName, callback: (payload: unknown) => void) => {
    if (!eventNames.includes(event) || typeof callback !== 'function') return () => {};
    const { channel } = events[event];
    const listener = (_event: unknown, payload: unknown) => callback(payload);
    ipc.on(channel, listener);
    return () => ipc.removeListener(channel, listener);
  };
  return Object.freeze(api) as AirvaultApi;
}
