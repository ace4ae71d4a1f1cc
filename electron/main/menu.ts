import type { MenuItemConstructorOptions } from 'electron';

export type MenuCommand = 'palette' | 'find' | 'new-record' | 'sync' | 'profiles';

/**
 * The application menu: the usual roles (so copy, paste and undo work in text fields on every
 * platform) plus Airvault's commands. The renderer handles Cmd/Ctrl+K, F and Z itself, so those
 * accelerators are shown but not registered: registering them would take the keys away from
 * the page.
 */
export function menuTemplate(platform: NodeJS.Platform, appName: string, command: (c: MenuCommand) => void): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const shown = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  return [
    ...(mac ? [{ label: appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Record', accelerator: 'CmdOrCtrl+N', click: () => command('new-record') },
        { label: 'Sync Now', accelerator: 'CmdOrCtrl+R', click: () => command('sync') },
        { label: 'Profiles…', accelerator: 'CmdOrCtrl+,', click: () => command('profiles') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo', ...shown('CmdOrCtrl+Z') },
        { role: 'redo', ...shown('Shift+CmdOrCtrl+Z') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find', ...shown('CmdOrCtrl+F'), click: () => command('find') },
      ],
    },
    {
      label: 'View',
      submenu: [{ label: 'Command Palette…', ...shown('CmdOrCtrl+K'), click: () => command('palette') }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
