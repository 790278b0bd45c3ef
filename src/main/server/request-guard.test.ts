import { describe, expect, it } from 'vitest';
import { checkRequest, cookieName } from './request-guard';

const cfg = { port: 4321, token: 'secret-token' };
const host = '127.0.0.1:4321';

describe('checkRequest', () => {
  it.each([
    ['the page with the token in the URL', '/?token=secret-token', { host }, { ok: true, via: 'query' }],
    ['an asset with the cookie', '/assets/a.js', { host, cookie: `other=1; ${cookieName(4321)}=secret-token` }, { ok: true, via: 'cookie' }],
    ['an API call with a bearer token', '/api/invoke/app:info-get', { host, authorization: 'Bearer secret-token' }, { ok: true, via: 'bearer' }],
    ['localhost as Host', '/?token=secret-token', { host: 'localhost:4321' }, { ok: true, via: 'query' }],
    ['our own Origin', '/api/invoke/x', { host, origin: 'http://127.0.0.1:4321', cookie: `${cookieName(4321)}=secret-token` }, { ok: true, via: 'cookie' }],
    ['the page without the token', '/', { host }, { ok: false, status: 403 }],
    ['an asset without the token', '/assets/a.js', { host }, { ok: false, status: 403 }],
    ['a wrong token', '/?token=secret-tokeX', { host }, { ok: false, status: 403 }],
    ['a token prefix', '/?token=secret', { host }, { ok: false, status: 403 }],
    ['the cookie of another port', '/', { host, cookie: `${cookieName(4322)}=secret-token` }, { ok: false, status: 403 }],
    ['a rebinding Host', '/?token=secret-token', { host: 'evil.test:4321' }, { ok: false, status: 421 }],
    ['a Host with another port', '/?token=secret-token', { host: '127.0.0.1:80' }, { ok: false, status: 421 }],
    ['no Host', '/?token=secret-token', {}, { ok: false, status: 421 }],
    ['a foreign Origin', '/api/invoke/x', { host, origin: 'https://evil.test', authorization: 'Bearer secret-token' }, { ok: false, status: 403 }],
    ['a null Origin', '/api/invoke/x', { host, origin: 'null', authorization: 'Bearer secret-token' }, { ok: false, status: 403 }],
    ['an Origin on another port', '/api/invoke/x', { host, origin: 'http://127.0.0.1:9999', authorization: 'Bearer secret-token' }, { ok: false, status: 403 }],
    ['a cross-site fetch', '/', { host, 'sec-fetch-site': 'cross-site', cookie: `${cookieName(4321)}=secret-token` }, { ok: false, status: 403 }],
  ])('%s', (_name, url, headers, want) => {
    expect(checkRequest({ url, headers }, cfg)).toMatchObject(want);
  });
});
