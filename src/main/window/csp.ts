/**
 * The Content-Security-Policy of the renderer, delivered as a response header by the app://
 * protocol and by the `gomodx serve` server. Production allows only our own origin: scripts,
 * styles and workers from the bundle, images from the bundle or generated (data:, blob: for
 * exports), network only to ourselves. Cytoscape draws on canvas, so no inline style is needed.
 */

/** PROD_CSP is the policy of built renderers. */
export const PROD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** isLoopbackUrl tells whether url is http(s) on localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(u.hostname);
}

/**
 * contentSecurityPolicy returns the policy for a renderer. With devServerUrl (electron-vite's
 * dev server) it adds that origin and its HMR websocket, and inline scripts for React Refresh's
 * preamble; a dev server that is not on loopback is refused.
 */
export function contentSecurityPolicy(opts: { devServerUrl?: string } = {}): string {
  if (!opts.devServerUrl) return PROD_CSP;
  if (!isLoopbackUrl(opts.devServerUrl)) throw new Error(`refusing a dev server that is not on loopback: ${opts.devServerUrl}`);
  const origin = new URL(opts.devServerUrl).origin;
  const ws = origin.replace(/^http/, 'ws');
  return PROD_CSP.replace("script-src 'self'", `script-src 'self' ${origin} 'unsafe-inline'`)
    .replace("style-src 'self'", `style-src 'self' ${origin} 'unsafe-inline'`)
    .replace("connect-src 'self'", `connect-src 'self' ${origin} ${ws}`)
    .replace("worker-src 'self'", `worker-src 'self' ${origin}`);
}
