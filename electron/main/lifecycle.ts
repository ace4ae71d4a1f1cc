import type { Logger } from '../core/ports';
import { deepLinkFromArgv, parseDeepLink, type OpenTarget } from './deepLinks';

/** The slice of Electron's `app` the lifecycle needs (a fake in the shell tests). */
export interface LifecycleApp {
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  quit(): void;
}

export interface LifecycleDeps {
  app: LifecycleApp;
  powerMonitor: { on(event: 'resume', listener: () => void): unknown };
  platform: NodeJS.Platform;
  logger: Logger;
  completeOAuth(url: string): void;
  open(target: OpenTarget): void;
  focusWindow(): void;
  onResume(): void;
  /** Waits for token refreshes to commit and closes the databases. */
  stop(): Promise<void>;
  /** The longest a quit waits for `stop` (a hung refresh must not keep the app alive). */
  quitTimeoutMs?: number;
}

/**
 * Deep links from the OS (open-url on macOS, a second instance's argv elsewhere), wake from
 * sleep, and a quit that first lets core finish (bounded), then really quits.
 */
export function wireLifecycle(deps: LifecycleDeps): void {
  const { app, logger } = deps;
  const route = (raw: string) => {
    const link = parseDeepLink(raw);
    if (link.kind === 'oauth-callback') deps.completeOAuth(link.url);
    else if (link.kind === 'open') {
      deps.focusWindow();
      deps.open(link.target);
    } else logger.warn('deep link ignored', { reason: link.reason });
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    route(url);
  });
  app.on('second-instance', (_event, argv) => {
    deps.focusWindow();
    const url = deepLinkFromArgv(argv);
    if (url) route(url);
  });
  deps.powerMonitor.on('resume', () => deps.onResume());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return; // the second before-quit is ours: let it through
    event.preventDefault();
    quitting = true;
    const bound = new Promise<void>((resolve) => setTimeout(resolve, deps.quitTimeoutMs ?? 5000).unref?.());
    void Promise.race([deps.stop().catch((error: unknown) => logger.error('stop failed', { error: error instanceof Error ? error.message : 'unknown' })), bound]).finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });
}
