/** The slice of Electron's Session the policy touches. */
export interface PolicySession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/**
 * Airvault needs no browser permission at all (notifications, media, geolocation, clipboard
 * reading, …): every request and every check is denied, on every session (checklist 39).
 */
export function denyAllPermissions(session: PolicySession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
