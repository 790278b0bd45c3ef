import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// Runs the real renderer in Debian's Chromium against `gomodx serve` (no Electron binary here).
// scripts/test.mjs runs it after `npm run build` with PLAYWRIGHT_JSON_OUTPUT_NAME set; the
// name is taken relative to the working directory (the repository root), as that script reads it.
const root = resolve(__dirname, '..', '..');
const jsonReport = resolve(process.cwd(), process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? resolve(root, 'test-results', 'playwright.json'));

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  outputDir: resolve(root, 'test-results', 'e2e'),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.GOMODX_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
