/**
 * URL redaction as the go command prints URLs: url.URL.Redacted ("user:xxxxx@") in its own
 * messages, net/http's stripPassword ("user:***@") in the `Get "…"` errors of the HTTP client.
 * A password in a GOPROXY URL is never printed in clear.
 */

const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/;

function replacePassword(url: string, mask: string): string {
  const m = USERINFO.exec(url);
  if (!m) return url;
  const info = m[2];
  const colon = info.indexOf(':');
  if (colon < 0) return url;
  return m[1] + info.slice(0, colon) + ':' + mask + '@' + url.slice(m[0].length);
}

/** redactUrl is go's url.URL.Redacted: a password becomes "xxxxx". */
export function redactUrl(url: string): string {
  return replacePassword(url, 'xxxxx');
}

/** stripPassword is net/http's stripPassword, used in the client's errors: a password becomes "***". */
export function stripPassword(url: string): string {
  return replacePassword(url, '***');
}

/** userInfo returns the decoded user name and password of url, if it has them. */
export function userInfo(url: string): { username: string; password: string | undefined } | undefined {
  const m = USERINFO.exec(url);
  if (!m) return undefined;
  const info = m[2];
  const colon = info.indexOf(':');
  const dec = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return colon < 0 ? { username: dec(info), password: undefined } : { username: dec(info.slice(0, colon)), password: dec(info.slice(colon + 1)) };
}

/** withoutUserInfo drops the user information from url (it travels in a header instead). */
export function withoutUserInfo(url: string): string {
  const m = USERINFO.exec(url);
  return m ? m[1] + url.slice(m[0].length) : url;
}
