// `gomodx get` against `go get` on the bundled example project (resources/example), whose
// module zips hold packages that import what their go.mod files require: a fixed set of the
// commands a Go developer types there (an upgrade that adds a module through its imports, a
// downgrade, -u ./..., -u=patch ./..., a deprecated module, a retracted version, @none). Each
// runs in two fresh copies of the project with fresh caches; exit status, stderr ("go:
// downloading" lines dropped), go.mod and go.sum must be identical.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, hermeticGoEnv, runGo } from '../helpers/go-oracle';
import { lineDiff, loadRunCli, runGomodx, type RunCli } from './differential-harness';

const EXAMPLE = fileURLToPath(new URL('../../resources/example', import.meta.url));
const PROXY = path.join(EXAMPLE, 'proxy');

const CASES: readonly (readonly string[])[] = [
  ['example.com/web@v1.5.0'],
  ['example.com/log@v1.1.0'],
  ['-u', './...'],
  ['-u=patch', './...'],
  ['example.com/legacy@latest'],
  ['example.com/log@v1.4.0'],
  ['example.com/web@none'],
];

const runCli: RunCli | undefined = await loadRunCli();
const ready = hasGo() && !!runCli && existsSync(PROXY);
if (!ready) {
  console.log(`get-example: skipped (${!hasGo() ? 'no go command' : !runCli ? 'no gomodx CLI module' : `no example proxy at ${PROXY}`})`);
}

async function readOr(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '<absent>';
  }
}

/** copyProject copies the example's working tree (not its proxy) to dir. */
async function copyProject(dir: string): Promise<void> {
  await cp(EXAMPLE, dir, { recursive: true, filter: (src) => !src.startsWith(PROXY) });
}

describe.skipIf(!ready)('gomodx get vs go get on the example project', () => {
  let base = '';
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-get-example-'));
  });
  afterAll(async () => {
    if (base !== '') await rm(base, { recursive: true, force: true });
  });

  CASES.forEach((args, i) => {
    it(`get ${args.join(' ')}`, async () => {
      const root = path.join(base, `case${i}`);
      const goDir = path.join(root, 'go');
      const gxDir = path.join(root, 'gomodx');
      await copyProject(goDir);
      await copyProject(gxDir);
      // Fresh module and build caches for each tool: go's module index is keyed by directory.
      const env = hermeticGoEnv({ root: path.join(root, 'go-home'), proxy: PROXY });
      const gxEnv = { ...hermeticGoEnv({ root: path.join(root, 'gomodx-home'), proxy: PROXY }), GOMODX_CACHE: path.join(root, 'gomodx-cache') };
      const go = await runGo(['get', ...args], { cwd: goDir, env, timeoutMs: 60_000 });
      const gx = await runGomodx(runCli!, ['get', ...args], { cwd: gxDir, env: gxEnv, timeoutMs: 60_000 });
      const goErr = go.stderr
        .split('\n')
        .filter((l) => !l.startsWith('go: downloading '))
        .join('\n');
      const problems: string[] = [];
      if (go.code !== gx.code) problems.push(`exit status: go ${go.code}, gomodx ${gx.code}`);
      if (goErr !== gx.stderr) problems.push(`stderr differs:\n--- go\n+++ gomodx\n${lineDiff(goErr, gx.stderr)}`);
      for (const f of ['go.mod', 'go.sum']) {
        const a = await readOr(path.join(goDir, f));
        const b = await readOr(path.join(gxDir, f));
        if (a !== b) problems.push(`${f} differs:\n--- go\n+++ gomodx\n${lineDiff(a, b)}`);
      }
      expect(problems.join('\n')).toBe('');
    });
  });
});
