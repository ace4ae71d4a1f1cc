import { app } from 'electron';
import { registerAppSchemePrivileges } from './appProtocol';
import { bootstrap } from './bootstrap';

registerAppSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    const running = bootstrap();
    app.on('will-quit', () => void running.stop());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
