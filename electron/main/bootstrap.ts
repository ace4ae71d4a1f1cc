import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createCore, type Core } from '../core/core';
import { systemClock } from '../core/ports';
import { createConsoleLogger } from './adapters/consoleLogger';
import { KeytarSecretStore } from './adapters/keytarSecretStore';
import { openSqliteDatabase } from './adapters/sqlite';
import { registerIpc } from './ipc/registrar';
import { createSenderPolicy } from './ipc/senderPolicy';
import { createEventEmitter } from './ipc/eventEmitter';
import { APP_ORIGIN, serveRenderer } from './appProtocol';
import { createMainWindow } from './window';
import { DEFAULT_EXTERNAL_HOSTS, isAllowedExternalUrl } from './externalLinks';

export { KEYCHAIN_SERVICE } from './keychainService';
import { KEYCHAIN_SERVICE } from './keychainService';

/**
 * The one composition root: adapters, then core services, then IPC, then the window.
 * `stop()` undoes them in reverse order, waiting (bounded) for token refreshes to commit.
 */
export function bootstrap(): { core: Core; stop(): Promise<void> } {
  const logger = createConsoleLogger('main');
  const dataFolder = process.env.AIRVAULT_DATA_DIR ?? app.getPath('userData');
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const emit = createEventEmitter(() => BrowserWindow.getAllWindows().map((w) => w.webContents), logger);

  const core = createCore({
    env: { name: app.getName(), version: app.getVersion(), platform: process.platform, dataFolder },
    openDatabase: openSqliteDatabase,
    secrets: new KeytarSecretStore(KEYCHAIN_SERVICE),
    fetch: globalThis.fetch,
    clock: systemClock,
    logger,
    processId: `app-${process.pid}-${randomUUID()}`,
    emit,
    browser: {
      // OAuth always happens in the system browser, never in an app window.
      open: async (url) => {
        const authorizeHost = new URL(core.settings.get().authorizeUrl).hostname;
        if (!isAllowedExternalUrl(url, [...DEFAULT_EXTERNAL_HOSTS, authorizeHost]) && !url.startsWith(`${new URL(core.settings.get().authorizeUrl).origin}/`)) {
          throw new Error('Refused to open a URL outside the allow-list.');
        }
        await shell.openExternal(url);
      },
    },
  });
  void core.start();

  const origins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
  const unregisterIpc = registerIpc({ ipcMain, handlers: core.handlers, isTrustedSender: createSenderPolicy(origins), logger });

  serveRenderer(path.join(__dirname, '../renderer'));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    appOrigin: devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN,
  });

  return {
    core,
    async stop() {
      unregisterIpc();
      await core.stop();
      for (const window of BrowserWindow.getAllWindows()) window.destroy();
    },
  };
}
