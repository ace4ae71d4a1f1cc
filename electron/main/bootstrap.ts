import { app, BrowserWindow, ipcMain, session } from 'electron';
import path from 'node:path';
import { createHandlerTable } from '../core/handlerTable';
import { createConsoleLogger } from './adapters/consoleLogger';
import { registerIpc } from './ipc/registrar';
import { createSenderPolicy } from './ipc/senderPolicy';
import { APP_ORIGIN, serveRenderer } from './appProtocol';
import { createMainWindow } from './window';

/**
 * The one composition root: adapters, then core services, then IPC, then the window.
 * `stop()` undoes them in reverse order.
 */
export function bootstrap(): { stop(): Promise<void> } {
  const logger = createConsoleLogger('main');
  const dataFolder = process.env.AIRVAULT_DATA_DIR ?? app.getPath('userData');
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

  const handlers = createHandlerTable({
    env: { name: app.getName(), version: app.getVersion(), platform: process.platform, dataFolder },
  });

  const origins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
  const unregisterIpc = registerIpc({ ipcMain, handlers, isTrustedSender: createSenderPolicy(origins), logger });

  serveRenderer(path.join(__dirname, '../renderer'));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    appOrigin: devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN,
  });

  return {
    stop() {
      unregisterIpc();
      for (const window of BrowserWindow.getAllWindows()) window.destroy();
      return Promise.resolve();
    },
  };
}
