import { app, powerMonitor } from 'electron';
import { registerAppSchemePrivileges } from './appProtocol';
import { bootstrap } from './bootstrap';

registerAppSchemePrivileges();
app.setAsDefaultProtocolClient('airvault');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    const running = bootstrap();
    const route = (url: string) => {
      // Only the OAuth callback is routed for now; anything else is ignored.
      if (url.startsWith('airvault://oauth/callback')) void running.core.connect.complete(url);
    };
    app.on('open-url', (event, url) => {
      event.preventDefault();
      route(url);
    });
    app.on('second-instance', (_event, argv) => {
      const url = argv.find((arg) => arg.startsWith('airvault://'));
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
