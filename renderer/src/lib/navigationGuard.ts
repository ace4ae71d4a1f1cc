/**
 * The renderer never leaves its page: links, middle-clicks and window.open are refused here,
 * and the Electron main process refuses navigation and new windows again (will-navigate,
 * setWindowOpenHandler) for anything that slips past. Nothing in Airvault's UI needs to open a
 * web page; sign-in happens in the system browser, started by main.
 */
export function installNavigationGuard(win: Window = window): void {
  const refuse = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target.closest('a[href], area[href]') : null;
    if (target) event.preventDefault();
  };
  win.document.addEventListener('click', refuse, true);
  win.document.addEventListener('auxclick', refuse, true);
  win.document.addEventListener('submit', (event) => event.preventDefault(), true);
  Object.defineProperty(win, 'open', { value: () => null, writable: false, configurable: false });
}
