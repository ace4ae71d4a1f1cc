import { BrowserWindow } from 'electron';
import path from 'node:path';
import { DEFAULT_BOUNDS, type WindowBounds } from './windowState';

/** Security-relevant options of every window; the shell's unit tests assert them. */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: true,
  };
}

export function createMainWindow(options: { preloadPath: string; startUrl: string; appOrigin: string; bounds?: WindowBounds }): BrowserWindow {
  const { maximized, ...bounds } = options.bounds ?? DEFAULT_BOUNDS;
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Airvault',
    webPreferences: secureWebPreferences(path.resolve(options.preloadPath)),
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Only the app's own pages; `${origin}.evil.test` must not pass for the origin.
  contents.on('will-navigate', (event, url) => {
    if (url !== options.appOrigin && !url.startsWith(`${options.appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (url !== options.appOrigin && !url.startsWith(`${options.appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.startUrl);
  return window;
}
