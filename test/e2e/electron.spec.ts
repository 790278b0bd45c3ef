// The desktop app itself, launched with Playwright's _electron where an Electron binary exists
// (it is not downloaded on machines without a display; there this spec skips and says so).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { BRIDGE_KEYS } from '../../src/shared/ipc/channels';
import { ROOT, hermeticEnv } from './fixtures';

function electronBinary(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the electron package exports its binary path
    const p = require('electron') as unknown as string;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD): the desktop app is tested through gomodx serve instead.');

  let app: ElectronApplication;
  let page: Page;
  test.beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'gomodx-electron-'));
    app = await electron.launch({
      executablePath: binary,
      args: [ROOT, `--user-data-dir=${join(scratch, 'user-data')}`],
      env: { ...hermeticEnv(scratch), DISPLAY: process.env.DISPLAY ?? ':99' },
    });
    page = await app.firstWindow();
    await expect(page.getByTestId('welcome')).toBeVisible();
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('serves the renderer from app://', () => {
    expect(page.url()).toMatch(/^app:\/\/gomodx\//);
  });

  test('every window has the secure web preferences', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getLastWebPreferences()));
    for (const p of prefs) {
      expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false });
    }
  });

  test('the renderer has no Node and exactly the bridge of the contract', async () => {
    expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { module?: unknown }).module])).toEqual(['undefined', 'undefined', 'undefined']);
    expect(await page.evaluate(() => (window as { ipcRenderer?: unknown }).ipcRenderer)).toBeUndefined();
    expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual(BRIDGE_KEYS);
  });

  test('malformed IPC is refused', async () => {
    const r = await page.evaluate(() => (window as unknown as { api: { loadGraph(r: unknown): Promise<unknown> } }).api.loadGraph({ jobId: 'x', target: { kind: 'dir', dir: 42 } }));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  test('inline scripts violate the CSP', async () => {
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = '1';
          document.body.appendChild(s);
          setTimeout(() => resolve('none'), 2000);
        }),
    );
    expect(violated).toMatch(/^script-src/);
  });

  test('navigation, new windows and permissions are refused', async () => {
    const before = page.url();
    await page.evaluate(() => (location.href = 'https://evil.test/')).catch(() => undefined);
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://evil.test/'))).toBeNull();
    expect(app.windows()).toHaveLength(1);
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    expect(await page.evaluate(() => navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'granted', () => 'rejected'))).toBe('rejected');
  });

  test('allowlisted links go to the browser, others nowhere', async () => {
    await app.evaluate(({ shell }) => {
      (globalThis as { opened?: string[] }).opened = [];
      shell.openExternal = async (url: string) => void (globalThis as unknown as { opened: string[] }).opened.push(url);
    });
    await page.evaluate(() => {
      window.open('https://pkg.go.dev/example.com/x@v1.0.0');
      window.open('javascript:alert(1)');
      window.open('file:///etc/passwd');
    });
    await page.waitForTimeout(300);
    expect(await app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened)).toEqual(['https://pkg.go.dev/example.com/x@v1.0.0']);
  });

  test('opens the example', async () => {
    await page.getByTestId('open-example').click();
    await expect(page.getByTestId('graph')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('status-modules')).toHaveAttribute('data-count', '14');
  });
});
