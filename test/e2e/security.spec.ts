// The loopback transport's guards, seen from a browser and from a plain client: the token, the
// Host and Origin checks, the CSP, and schema validation of calls.
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

test('every request without the token is refused, the page included', async ({ request, server }) => {
  for (const path of ['/', '/index.html', '/api/events']) {
    const r = await request.get(server.origin + path, { maxRedirects: 0 });
    expect(r.status(), path).toBe(403);
  }
  const r = await request.post(`${server.origin}/api/invoke/app:info-get`, { data: {} });
  expect(r.status()).toBe(403);
});

test('a foreign Host or Origin is refused even with the token', async ({ request, server }) => {
  const host = await request.get(server.url, { headers: { host: 'evil.test' }, maxRedirects: 0 });
  expect(host.status()).toBe(421);
  const origin = await request.post(`${server.origin}/api/invoke/app:info-get`, {
    headers: { authorization: `Bearer ${server.token}`, origin: 'https://evil.test' },
    data: {},
  });
  expect(origin.status()).toBe(403);
});

test('the page has no Node, runs under the CSP, and malformed calls are refused', async ({ page, server }) => {
  const g = new GraphPage(page);
  await g.goto(server.url);
  expect(page.url()).toBe(`${server.origin}/`); // the token left the address bar
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { module?: unknown }).module])).toEqual(['undefined', 'undefined', 'undefined']);
  const violated = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.appendChild(s);
        setTimeout(() => resolve('none'), 2000);
      }),
  );
  expect(violated).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  const bad = await page.evaluate(async () => {
    const r = await fetch('/api/invoke/app:graph-load', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobId: 'x', target: { kind: 'dir', dir: 42 } }) });
    return r.json();
  });
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  const unknown = await page.evaluate(async () => (await fetch('/api/invoke/app:shell-exec', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json());
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
});

test('gomodx serve dir opens that project at once', async ({ page, server }) => {
  const { startServe, stopServe, EXAMPLE } = await import('./fixtures');
  const { child, url } = await startServe([EXAMPLE], { ...server.env }, server.scratch);
  try {
    await page.goto(url);
    const g = new GraphPage(page);
    await g.waitForGraph();
    await expect(page.getByTestId('status-modules')).toHaveAttribute('data-count', '14');
  } finally {
    await stopServe(child);
  }
});
