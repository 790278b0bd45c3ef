import { describe, expect, it, vi } from 'vitest';
import { installNavigationGuards, isAllowedNavigation, isSafeExternalUrl, type NavigationEventLike, type WebContentsLike } from './navigation';

describe('isAllowedNavigation', () => {
  it.each([
    ['app://gomodx/index.html', true],
    ['app://gomodx/', true],
    ['app://gomodx.attacker.test/index.html', false],
    ['app://user:pw@gomodx/', false],
    ['app://other/', false],
    ['https://app.example.com.attacker.test', false],
    ['https://evil.test', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['', false],
  ])('%s → %s', (url, want) => {
    expect(isAllowedNavigation(url)).toBe(want);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://pkg.go.dev/example.com/web@v1.4.0', true],
    ['https://go.dev/ref/mod', true],
    ['https://github.com/golang/go', true],
    ['http://pkg.go.dev/x', false],
    ['https://pkg.go.dev.attacker.test/x', false],
    ['https://evil.pkg.go.dev/x', false],
    ['https://user@pkg.go.dev/x', false],
    ['https://pkg.go.dev:8443/x', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['app://gomodx/', false],
    ['not a url', false],
  ])('%s → %s', (url, want) => {
    expect(isSafeExternalUrl(url)).toBe(want);
  });
});

class FakeContents implements WebContentsLike {
  listeners = new Map<string, (e: NavigationEventLike, url: string) => void>();
  openHandler?: (d: { url: string }) => { action: 'deny' } | { action: 'allow' };
  on(event: string, listener: (e: NavigationEventLike, url: string) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.openHandler = h;
  }
  fire(event: string, url = ''): boolean {
    let prevented = false;
    this.listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('installNavigationGuards', () => {
  it('stops navigation and redirects away from the app, and webviews', () => {
    const wc = new FakeContents();
    installNavigationGuards(wc, { openExternal: vi.fn(async () => undefined) });
    expect(wc.fire('will-navigate', 'https://evil.test')).toBe(true);
    expect(wc.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', 'app://gomodx/index.html')).toBe(false);
    expect(wc.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window and forwards only allowlisted links to the browser', () => {
    const wc = new FakeContents();
    const openExternal = vi.fn(async () => undefined);
    installNavigationGuards(wc, { openExternal });
    for (const url of ['https://pkg.go.dev/x', 'javascript:alert(1)', 'file:///etc/passwd', 'https://evil.test/', 'app://gomodx/']) {
      expect(wc.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://pkg.go.dev/x']]);
  });
});
