import type { IpcMainLike } from '../../electron/main/ipc/registrar';
import type { IpcRendererLike } from '../../electron/preload/bridge';
import type { SenderFrameLike } from '../../electron/main/ipc/senderPolicy';
import type { Result } from '../../shared/ipc/result';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** A stand-in for ipcMain that records handlers and lets a test invoke them as a given frame. */
export class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`second handler for ${channel}`);
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  invoke(channel: string, input: unknown, frame: SenderFrameLike | null): Promise<Result<unknown>> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frame as never }, input);
  }
}

export function frame(url: string, parent: SenderFrameLike | null = null): SenderFrameLike {
  return { url, parent };
}

/** Connects a preload bridge straight to a FakeIpcMain, as a trusted top frame. */
export class FakeIpcRenderer implements IpcRendererLike {
  readonly subscriptions = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  constructor(
    private readonly main: FakeIpcMain,
    private readonly senderFrame: SenderFrameLike,
  ) {}
  invoke(channel: string, input: unknown): Promise<unknown> {
    return this.main.invoke(channel, structuredClone(input), this.senderFrame);
  }
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    const set = this.subscriptions.get(channel) ?? new Set();
    set.add(listener);
    this.subscriptions.set(channel, set);
  }
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    this.subscriptions.get(channel)?.delete(listener);
  }
  emit(channel: string, payload: unknown): void {
    for (const listener of this.subscriptions.get(channel) ?? []) listener({ sender: 'electron-event-object' }, payload);
  }
}
