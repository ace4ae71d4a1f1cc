import { app, powerMonitor } from 'electron';
import { registerAppSchemePrivileges } from './appProtocol';
import { bootstrap } from './bootstrap';
import { deepLinkFromArgv, parseDeepLink } from './deepLinks';

registerAppSchemePrivileges();
app.setAsDefaultProtocolClient('airvault');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    const running = bootstrap();
    const route = (raw: string) => {
      const link = parseDeepLink(raw);
      if (link.kind === 'oauth-callback') void running.core.connect.complete(link.url);
      else running.core.logger.warn('deep link ignored', { reason: link.reason });
    };
    app.on('open-url', (event, url) => {
      event.preventDefault();
      route(url);
    });
    app.on('second-instance', (_event, argv) => {
      const url = deepLinkFromArgv(argv);
      if (url) route(url);
    });
    powerMonitor.on('resume', () => void running.core.tokens.onResume());
    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      void running.stop().finally(() => app.quit());
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
