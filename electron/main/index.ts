import { app, powerMonitor } from 'electron';
import { registerAppSchemePrivileges } from './appProtocol';
import { bootstrap } from './bootstrap';
import { wireLifecycle } from './lifecycle';
import { createConsoleLogger } from './adapters/consoleLogger';

registerAppSchemePrivileges();
app.setAsDefaultProtocolClient('airvault');

// One Airvault per user: a second launch (or an airvault:// link) goes to the running one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Links that arrive before the window exists (macOS open-url at launch) wait for it.
  const early: string[] = [];
  const onEarlyUrl = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    early.push(url);
  };
  app.on('open-url', onEarlyUrl);
  void app.whenReady().then(() => {
    app.removeListener('open-url', onEarlyUrl);
    const running = bootstrap();
    wireLifecycle({
      app,
      powerMonitor,
      platform: process.platform,
      logger: createConsoleLogger('lifecycle'),
      completeOAuth: (url) => void running.core.completeSignIn(url),
      open: (target) => running.open(target),
      focusWindow: () => running.focusWindow(),
      onResume: () => void running.core.resume(),
      stop: () => running.stop(),
    });
    for (const url of early.splice(0)) app.emit('open-url', { preventDefault() {} }, url);
  });
}
