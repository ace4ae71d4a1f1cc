import type { IpcMainInvokeEvent } from 'electron';
import type { Handlers } from '../../core/platform/ipc/handlers';
import type { Logger } from '../../core/ports';
import { dispatch } from '../../core/ipc/dispatch';
import { methodNames, methods } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/ipc/result';
import type { SenderFrameLike } from './senderPolicy';

/** The part of Electron's `ipcMain` the registrar uses; a fake in tests, the real one in the app. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, input: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface RegistrarOptions {
  ipcMain: IpcMainLike;
  handlers: Handlers;
  isTrustedSender: (frame: SenderFrameLike | null | undefined) => boolean;
  logger: Logger;
}

/**
 * Registers every contract method on `ipcMain`. The sender frame is checked first, so an
 * untrusted caller never reaches input parsing, let alone the handler. Returns a function
 * that unregisters everything (used on quit and by tests).
 */
export function registerIpc({ ipcMain, handlers, isTrustedSender, logger }: RegistrarOptions): () => void {
  for (const name of methodNames) {
    const { channel } = methods[name];
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event.senderFrame)) {
        logger.warn('ipc call refused from an untrusted frame', { channel });
        return fail('FORBIDDEN_SENDER', 'This window may not call Airvault.');
      }
      return dispatch(handlers, name, input, logger);
    });
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(methods[name].channel);
  };
}
