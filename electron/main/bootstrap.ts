import { app, BrowserWindow, ipcMain, Menu, screen, session, shell } from 'electron';
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
import { isAllowedExternalUrl, isOpenableRecordLink } from './externalLinks';
import { isOpenableAttachment } from './localFiles';
import { denyAllPermissions } from './sessionPolicy';
import { menuTemplate } from './menu';
import { loadWindowState, trackWindowState } from './windowState';
import type { OpenTarget } from './deepLinks';

import { KEYCHAIN_SERVICE } from './adapters/keychainService';

export interface Running {
  core: Core;
  open(target: OpenTarget): void;
  focusWindow(): void;
  stop(): Promise<void>;
}

/**
 * The one composition root: adapters, then core services, then IPC, then the window.
 * `stop()` undoes them in reverse order, waiting (bounded by the caller) for token refreshes
 * to commit.
 */
export function bootstrap(): Running {
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
      // OAuth always happens in the system browser, never in an app window, and only Airtable's
      // own consent page (and the pages the app links to) may be opened there.
      open: async (url) => {
        if (!isAllowedExternalUrl(url)) throw new Error('Refused to open a URL outside the allow-list.');
        await shell.openExternal(url);
      },
      openLink: async (url) => {
        if (!isOpenableRecordLink(url)) throw new Error('Refused to open a link that is not http(s).');
        await shell.openExternal(url);
      },
      openFile: async (file, how) => {
        if (!isOpenableAttachment(file, dataFolder, how)) throw new Error('Refused to open a file that is not a downloaded attachment.');
        if (how === 'reveal') return shell.showItemInFolder(file);
        const problem = await shell.openPath(file);
        if (problem) throw new Error(`The system could not open the file: ${problem}`);
      },
    },
  });
  // Refreshes tokens that expired while the app was closed, then starts background sync
  // (which resumes syncs a quit or crash interrupted).
  void core.start();

  const origins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
  const unregisterIpc = registerIpc({ ipcMain, handlers: core.handlers, isTrustedSender: createSenderPolicy(origins), logger });

  serveRenderer(path.join(__dirname, '../renderer'));
  denyAllPermissions(session.defaultSession);
  app.on('session-created', (created) => denyAllPermissions(created));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.getName(), (command) => emit('menuChanged', { command }))));

  const stateFile = path.join(dataFolder, 'window-state.json');
  const window = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    appOrigin: devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN,
    bounds: loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea)),
  });
  trackWindowState(window, stateFile);

  return {
    core,
    open: (target) => emit('navigationChanged', target),
    focusWindow: () => {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.focus();
    },
    async stop() {
      unregisterIpc();
      await core.stop();
      for (const w of BrowserWindow.getAllWindows()) w.destroy();
    },
  };
}
