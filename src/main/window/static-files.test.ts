import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appResponse } from './app-protocol';
import { contentTypeOf, staticFilePath } from './static-files';
import { PROD_CSP } from './csp';

const root = '/srv/renderer';

describe('staticFilePath', () => {
  it.each([
    ['/', '/srv/renderer/index.html'],
    ['/index.html', '/srv/renderer/index.html'],
    ['/assets/index-abc.js', '/srv/renderer/assets/index-abc.js'],
    ['/assets/../index.html', undefined],
    ['/../etc/passwd', undefined],
    ['/%2e%2e/etc/passwd', undefined],
    ['/assets/%2e%2e/%2e%2e/etc/passwd', undefined],
    ['/..%5c..%5cetc', undefined],
    ['/a%00b', undefined],
    ['/%E0%A4%A', undefined],
  ])('%s → %s', (path, want) => {
    expect(staticFilePath(root, path)).toBe(want);
  });

  it('types what it serves', () => {
    expect(contentTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});

describe('appResponse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomodx-app-protocol-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'a.js'), 'x');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the renderer with the CSP header', async () => {
    const r = await appResponse(dir, 'app://gomodx/', PROD_CSP);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(PROD_CSP);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await r.text()).toBe('<!doctype html>');
  });

  it.each(['app://other/index.html', 'app://gomodx/missing.js', 'app://gomodx/%2e%2e/%2e%2e/etc/passwd'])('answers 404 to %s', async (url) => {
    expect((await appResponse(dir, url, PROD_CSP)).status).toBe(404);
  });
});
