import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * A small stand-in for the parts of the `electron` module the shell uses, recording what the
 * shell asked for (window options, handlers, protocol routes, menus) so tests can assert it.
 * Used with vi.mock('electron', …); the real Electron binary cannot be installed here.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  send(): void {}
  /** Emits an event the way Electron does, returning whether a listener prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  shown = false;
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    const o = this.options as { x?: number; y?: number; width: number; height: number };
    return { x: o.x ?? 0, y: o.y ?? 0, width: o.width, height: o.height };
  }
  isDestroyed(): boolean {
    return false;
  }
  destroy(): void {}
}

export const protocolRoutes = new Map<string, (request: Request) => Promise<Response>>();
export const privilegedSchemes: unknown[] = [];

export const fakeElectron = {
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolRoutes.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
  },
  // Electron's net.fetch reads file:// URLs; Node's fetch cannot, so read the file here.
  net: {
    fetch: async (url: string) => {
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': url.endsWith('.html') ? 'text/html' : 'application/octet-stream' } });
      } catch {
        return new Response('not found', { status: 404 });
      }
    },
  },
};
