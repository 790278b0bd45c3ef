// gomodx against the go command on a recorded real project (test/fixtures/real/hugo.json.gz:
// github.com/gohugoio/hugo v0.165.0: 432 modules in the build list, 3,491 graph edges), unpacked into a
// file:// GOPROXY: `list -m all`, `mod graph` and `get golang.org/x/net@none` must come out byte
// for byte the same. The synthetic universes of the other differential tests are small; this is
// the shape real graphs have (issue 18). Fresh module caches per tool, GOFLAGS=-mod=mod.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, hermeticGoEnv, runGo } from '../helpers/go-oracle';
import { realFixtureFile, unpackRealFixture, type UnpackedRealProject } from '../helpers/real-fixture';
import { lineDiff, loadRunCli, runGomodx, type RunCli } from './differential-harness';

const NAME = 'hugo';
/** The recorded build list (main module included) and graph: a re-recording that changes them says so here. */
const BUILD_LIST = 432;
const GRAPH_EDGES = 3491;

const runCli: RunCli | undefined = await loadRunCli();
const ready = hasGo() && !!runCli && existsSync(realFixtureFile(NAME));
if (!ready) {
  console.log(`real-fixture: skipped (${!hasGo() ? 'no go command' : !runCli ? 'no gomodx CLI module' : `no fixture at ${realFixtureFile(NAME)}`})`);
}

function lines(s: string): number {
  return s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0);
}

describe.skipIf(!ready)(`gomodx vs go on the recorded ${NAME} project`, () => {
  let base = '';
  let u: UnpackedRealProject;
  // Each tool has its own HOME, GOPATH, module cache and (gomodx) download cache.
  let goEnv: Record<string, string | undefined>;
  let gxEnv: Record<string, string | undefined>;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-real-fixture-'));
    u = unpackRealFixture(NAME, path.join(base, 'fixture'));
    goEnv = { ...hermeticGoEnv({ root: path.join(base, 'go-home'), proxy: u.proxyDir }), GOFLAGS: '-mod=mod', GOWORK: 'off' };
    gxEnv = { ...hermeticGoEnv({ root: path.join(base, 'gomodx-home'), proxy: u.proxyDir }), GOFLAGS: '-mod=mod', GOWORK: 'off', GOMODX_CACHE: path.join(base, 'gomodx-cache') };
  });
  afterAll(async () => {
    if (base !== '') await rm(base, { recursive: true, force: true });
  });

  /** both runs go and gomodx, expects the same output, and returns go's. */
  async function both(goArgs: string[], gxArgs: string[], cwd: string): Promise<string> {
    const go = await runGo(goArgs, { cwd, env: goEnv, timeoutMs: 30_000 });
    const gx = await runGomodx(runCli!, gxArgs, { cwd, env: gxEnv, timeoutMs: 30_000 });
    expect(go.code, `go ${goArgs.join(' ')} failed:\n${go.stderr}`).toBe(0);
    expect(gx.code, `gomodx ${gxArgs.join(' ')}: exit ${gx.code}, go 0:\n${gx.stderr}`).toBe(0);
    expect(gx.stdout === go.stdout, `gomodx ${gxArgs.join(' ')} differs from go ${goArgs.join(' ')}:\n--- go\n+++ gomodx\n${lineDiff(go.stdout, gx.stdout)}`).toBe(true);
    expect(gx.stderr).toBe('');
    return go.stdout;
  }

  it('list -m all', async () => {
    expect(lines(await both(['list', '-m', 'all'], ['list', '-m', 'all'], u.projectDir))).toBe(BUILD_LIST);
  });

  it('mod graph', async () => {
    expect(lines(await both(['mod', 'graph'], ['graph'], u.projectDir))).toBe(GRAPH_EDGES);
  });

  it('get golang.org/x/net@none (and --dry-run)', async () => {
    const goDir = path.join(base, 'get-go');
    const gxDir = path.join(base, 'get-gomodx');
    await cp(u.projectDir, goDir, { recursive: true });
    await cp(u.projectDir, gxDir, { recursive: true });
    const args = ['get', 'golang.org/x/net@none'];
    const go = await runGo(args, { cwd: goDir, env: goEnv, timeoutMs: 30_000 });
    const goErr = go.stderr
      .split('\n')
      .filter((l) => !l.startsWith('go: downloading '))
      .join('\n');
    const dry = await runGomodx(runCli!, ['get', '--dry-run', ...args.slice(1)], { cwd: gxDir, env: gxEnv, timeoutMs: 30_000 });
    const problems: string[] = [];
    // A go.mod missing from the fixture makes go step past it ("trying ..."), and gomodx too: a
    // hole in the recording, not an agreement worth having.
    if (/no such file|trying /.test(go.stderr)) problems.push(`the fixture lacks files go get read:\n${go.stderr}`);
    for (const f of ['go.mod', 'go.sum']) {
      if ((await readFile(path.join(gxDir, f), 'utf8')) !== (await readFile(path.join(u.projectDir, f), 'utf8'))) problems.push(`--dry-run changed ${f}`);
    }
    if (dry.code !== go.code) problems.push(`--dry-run exit status ${dry.code}, go ${go.code}`);
    if (dry.stderr !== goErr) problems.push(`--dry-run stderr differs:\n--- go\n+++ gomodx\n${lineDiff(goErr, dry.stderr)}`);
    const gx = await runGomodx(runCli!, args, { cwd: gxDir, env: gxEnv, timeoutMs: 30_000 });
    if (gx.code !== go.code) problems.push(`exit status: go ${go.code}, gomodx ${gx.code}`);
    if (gx.stderr !== goErr) problems.push(`stderr differs:\n--- go\n+++ gomodx\n${lineDiff(goErr, gx.stderr)}`);
    for (const f of ['go.mod', 'go.sum']) {
      const a = await readFile(path.join(goDir, f), 'utf8');
      const b = await readFile(path.join(gxDir, f), 'utf8');
      if (a !== b) problems.push(`${f} after get differs:\n--- go\n+++ gomodx\n${lineDiff(a, b)}`);
    }
    expect(problems.join('\n')).toBe('');
    // The removal must have done something, or the comparison above proves little.
    expect(go.code).toBe(0);
    expect(await readFile(path.join(goDir, 'go.mod'), 'utf8')).not.toBe(await readFile(path.join(u.projectDir, 'go.mod'), 'utf8'));
  });
});
