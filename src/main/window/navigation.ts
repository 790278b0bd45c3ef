/**
 * Navigation rules: the window may only show our own app:// pages; new windows are never
 * opened; links to an allowlist of Go documentation and code hosts go to the user's browser
 * through shell.openExternal. Predicates are pure; installers take Electron objects as
 * parameters so tests pass fakes.
 */

/** APP_ORIGIN is where the renderer is served from (see app-protocol.ts). */
export const APP_ORIGIN = 'app://gomodx';

/** EXTERNAL_HOSTS are the https hosts a link may open in the user's browser. */
export const EXTERNAL_HOSTS: readonly string[] = ['pkg.go.dev', 'go.dev', 'golang.org', 'github.com', 'gitlab.com', 'bitbucket.org', 'go.googlesource.com'];

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** isAllowedNavigation accepts only pages of our own origin (or the loopback dev server). */
export function isAllowedNavigation(url: string, trustedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  const u = parse(url);
  if (!u) return false;
  return trustedOrigins.some((o) => {
    const t = new URL(o);
    return u.protocol === t.protocol && u.host === t.host && u.username === '' && u.password === '';
  });
}

/** isSafeExternalUrl accepts https URLs to an allowlisted host: exact host, no credentials, default port. */
export function isSafeExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const u = parse(url);
  if (!u) return false;
  return u.protocol === 'https:' && u.port === '' && u.username === '' && u.password === '' && hosts.includes(u.hostname);
}

/** NavigationEventLike is the part of an Electron event the guards use. */
export interface NavigationEventLike {
  preventDefault(): void;
}

/** WebContentsLike is the part of Electron's WebContents the guards use. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: NavigationEventLike, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: NavigationEventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/** ShellLike is the part of Electron's shell the guards use. */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * installNavigationGuards keeps contents on our pages: navigation and redirects elsewhere are
 * stopped, webviews refused, window.open denied (allowlisted links go to the user's browser).
 */
export function installNavigationGuards(contents: WebContentsLike, shell: ShellLike, trustedOrigins: readonly string[] = [APP_ORIGIN]): void {
  const guard = (e: NavigationEventLike, url: string): void => {
    if (!isAllowedNavigation(url, trustedOrigins)) e.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}
