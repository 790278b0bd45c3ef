/**
 * The app asks for no permission (camera, notifications, geolocation...), so every request and
 * every check is answered no.
 */

/** SessionLike is the part of Electron's Session the guard uses. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
}

/** denyAllPermissions installs handlers that refuse every permission. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
