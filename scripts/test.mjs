// The project's one test command (README, CI): typecheck, unit + differential tests (Vitest),
// build, then the browser end-to-end tests (Playwright in Debian's Chromium) when present.
// It ends with one summary line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function step(name, cmd, args, opts = {}) {
  process.stdout.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...opts.env } });
  if (r.status !== 0) {
    process.stdout.write(`== ${name} FAILED (exit ${r.status})\n`);
    broken = true;
  }
  return r.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

mkdirSync('test-results', { recursive: true });
step('typecheck', 'npx', ['tsc', '-b', '--noEmit']) || step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']);
step('vitest', 'npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
countVitest('test-results/vitest.json');
if (step('build', 'npm', ['run', 'build'])) {
  const chromium = process.env.GOMODX_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    process.stdout.write(`\n== e2e skipped: no Chromium at ${chromium} (apt-get install -y chromium, or set GOMODX_CHROMIUM)\n`);
    totals.skipped += 1;
  } else if (existsSync('test/e2e/playwright.config.ts')) {
    step('e2e', 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts'], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' } });
    countPlaywright('test-results/playwright.json');
  }
}
if (broken && totals.failed === 0) totals.failed = 1;
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(broken ? 1 : 0);
