/**
 * The renderer is served from app://gomodx/ rather than file://, so that it has a real origin
 * (CSP 'self', sender checks), cannot read arbitrary files, and gets our CSP as a header.
 */
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentTypeOf, staticFilePath } from './static-files';

/** APP_SCHEME is the custom scheme of the renderer. */
export const APP_SCHEME = 'app';

/** APP_HOST is the only host the protocol serves. */
export const APP_HOST = 'gomodx';

/** registerAppScheme marks app: as a standard, secure scheme; it must run before app ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);
}

/** appResponse answers one app:// request from the files under root. */
export async function appResponse(root: string, requestUrl: string, csp: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? staticFilePath(root, url.pathname) : undefined;
  if (!file) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: { 'content-type': contentTypeOf(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

/** installAppProtocol serves root (the built renderer) on app://gomodx/. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request.url, csp));
}
