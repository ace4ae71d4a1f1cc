import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/** Loads electron/main/index.ts against a fake app whose single-instance lock is `locked`. */
async function startMain(gotLock: boolean) {
  vi.resetModules();
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    setAsDefaultProtocolClient: vi.fn(),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
  });
  const running = { core: { completeSignIn: vi.fn(), resume: vi.fn() }, open: vi.fn(), focusWindow: vi.fn(), stop: vi.fn(() => Promise.resolve()) };
  const bootstrap = vi.fn(() => running);
  vi.doMock('electron', () => ({ app, powerMonitor: new EventEmitter(), protocol: { registerSchemesAsPrivileged: vi.fn() } }));
  vi.doMock('../../electron/main/bootstrap', () => ({ bootstrap }));
  await import('../../electron/main/index');
  await new Promise((r) => setTimeout(r, 10));
  return { app, bootstrap, running };
}

describe('the main process entry', () => {
  it('a second Airvault quits at once and starts nothing (its link goes to the first one)', async () => {
    const { app, bootstrap } = await startMain(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(bootstrap).not.toHaveBeenCalled();
  });

  it('the first one registers airvault://, boots, and routes a link that arrived before it was ready', async () => {
    const { app, bootstrap, running } = await startMain(true);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('airvault');
    expect(bootstrap).toHaveBeenCalledTimes(1);
    app.emit('open-url', { preventDefault() {} }, 'airvault://oauth/callback?code=c&state=s');
    expect(running.core.completeSignIn).toHaveBeenCalledWith('airvault://oauth/callback?code=c&state=s');
    app.emit('second-instance', {}, ['/opt/Airvault/airvault']);
    expect(running.focusWindow).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });
});
