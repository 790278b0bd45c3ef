/**
 * The server text the go command shows under a failed request (cmd/go/internal/web's error
 * detail): only a text/plain body in UTF-8 (or US-ASCII, or no charset), only when every
 * character is graphic or space, up to the first blank line, at most 8 lines and 648 bytes.
 * Anything else (HTML, escape sequences, binary) is not shown at all, so a server cannot
 * write to the user's terminal.
 */
import { isGoGraphic } from '../../core/gostrings/unicode-print';
import { isGoSpace, goTrimSpace } from '../../core/gostrings/go-space';

const MAX_LINES = 8;
const MAX_BYTES = MAX_LINES * 81;

/** DETAIL_PREFIX_BYTES is how much of an error body is kept to compute the detail. */
export const DETAIL_PREFIX_BYTES = 64 << 10;

/** showsErrorDetail tells whether a body of this Content-Type may be shown (text/plain, UTF-8). */
export function showsErrorDetail(contentType: string): boolean {
  const [media, ...params] = contentType.split(';');
  if (media.trim().toLowerCase() !== 'text/plain') return false;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const cs = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    return cs === 'utf-8' || cs === 'us-ascii' || cs === '';
  }
  return true;
}

/**
 * errorDetail is the text go prints after "server response:" for an error body (the first
 * DETAIL_PREFIX_BYTES of it), or "" when nothing may be shown.
 */
export function errorDetail(contentType: string, body: Buffer): string {
  if (!showsErrorDetail(contentType)) return '';
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return '';
  }
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (!isGoGraphic(r) && !isGoSpace(r)) return '';
  }
  let out = '';
  const lines = s.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (goTrimSpace(line) === '') break;
    if (i > 0) out += '\n\t';
    if (i >= MAX_LINES) {
      out += '[Truncated: too many lines.]';
      break;
    }
    if (Buffer.byteLength(out) + Buffer.byteLength(line) > MAX_BYTES) {
      out += '[Truncated: too long.]';
      break;
    }
    out += line;
  }
  return out;
}

/** httpErrorText is go's HTTPError text: `reading URL: STATUS` and the server's words, if shown. */
export function httpErrorText(redactedUrl: string, status: string, detail: string): string {
  if (detail === '') return `reading ${redactedUrl}: ${status}`;
  return `reading ${redactedUrl}: ${status}\n\tserver response:${detail.includes('\n') ? '\n\t' : ' '}${detail}`;
}
