// The fault suite of issue 17 ("trust and transport as the go command does them"): hostile or odd
// inputs on which gomodx must do exactly what go does. Module zips that go refuses (CRC errors,
// duplicates, case-fold collisions, files outside path@version/, "..", bad names, a zip bomb)
// served from a file:// GOPROXY; go.sum lines of unknown algorithms and go.mod files that do not
// match go.sum; go.mod and go.sum behind symbolic and hard links, read-only or in a read-only
// directory, with bytes that are not UTF-8; an error report over 64 KiB read through a pipe.
// Both tools run as child processes (the built CLI, bundled here from source) on copies of the
// same setup; exit status, stderr and the files left behind (bytes, type, mode, links) must be
// go's. Permission cases run as an unprivileged user when the suite runs as root (root ignores
// file modes, and so would both tools).
import { spawn } from 'node:child_process';
import { chmod, chown, link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { craftZip, zeroDeflate, type CraftEntry } from '../helpers/craft-zip';
import { goCommand } from '../helpers/go-command';

const GO = goCommand();
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const KEEP = process.env.GOMODX_DIFF_KEEP === '1';
/** NOBODY is the user permission cases run as when the suite runs as root. */
const NOBODY = 65534;
const AS_ROOT = process.getuid?.() === 0;

const A = 'example.com/a';
const P = `${A}@v1.0.0/`;
const A_MOD = `module ${A}\n\ngo 1.21\n`;
const A_GOOD: CraftEntry[] = [
  { name: P + 'go.mod', data: A_MOD },
  { name: P + 'a.go', data: 'package a\n' },
];
const MAIN_MOD = 'module m\n\ngo 1.21\n';
const MAIN_GO = 'package m\n\nimport _ "example.com/a"\n';
const A_MOD_SUM = `${A} v1.0.0/go.mod h1:DhNAN5ESgofBjUyC9S2g6VCJUhcIDhtNzG+3JuOOhyg=\n`;
const WRONG = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const GET = ['get', `${A}@v1.0.0`];

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** zip is what the proxy serves as example.com/a v1.0.0's zip (default: a good one). */
  readonly zip?: readonly CraftEntry[] | Buffer;
  readonly goMod?: string | Buffer;
  readonly goSum?: string | Buffer;
  /** setup changes the work tree (dir holds w/) after the files are written. */
  readonly setup?: (dir: string) => Promise<void>;
  /** unprivileged: file modes must bite, so run as NOBODY when the suite is root. */
  readonly unprivileged?: boolean;
  /** dryRun: gomodx get --dry-run must write nothing and, where go fails, say what go says. */
  readonly dryRun?: boolean;
}

const zipCases: Case[] = [
  { name: 'a good zip', args: GET, dryRun: true },
  { name: 'a CRC error', args: GET, dryRun: true, zip: [A_GOOD[0]!, { ...A_GOOD[1]!, crc: 1234 }] },
  { name: 'duplicate entries', args: GET, dryRun: true, zip: [...A_GOOD, { name: P + 'a.go', data: 'package a\n' }] },
  { name: 'a.go beside A.go', args: GET, dryRun: true, zip: [...A_GOOD, { name: P + 'A.go', data: 'package a\n' }] },
  { name: 'GO.MOD beside go.mod', args: GET, zip: [...A_GOOD, { name: P + 'GO.MOD', data: 'module x\n' }] },
  { name: 'a file outside path@version/', args: GET, dryRun: true, zip: [...A_GOOD, { name: 'example.com/b@v1.0.0/x.go', data: 'package b\n' }] },
  { name: 'a ../ path', args: GET, dryRun: true, zip: [...A_GOOD, { name: P + '../evil.go', data: 'package a\n' }] },
  { name: 'an absolute path', args: GET, zip: [...A_GOOD, { name: '/etc/evil.go', data: 'package a\n' }] },
  { name: 'an unclean path', args: GET, zip: [...A_GOOD, { name: P + 'x//y.go', data: 'package a\n' }] },
  { name: 'a control character in a name', args: GET, zip: [...A_GOOD, { name: P + 'x\u0001.go', data: 'package a\n' }] },
  { name: 'a go.mod below the root', args: GET, zip: [...A_GOOD, { name: P + 'sub/go.mod', data: 'module x\n' }] },
  { name: 'a name that is a file and a directory', args: GET, zip: [...A_GOOD, { name: P + 'x', data: 'a' }, { name: P + 'x/y.go', data: 'package y\n' }] },
  { name: 'a file longer than declared', args: GET, zip: [...A_GOOD, { name: P + 'big.txt', deflated: zeroDeflate(8 << 20), size: 100, crc: 0 }] },
  { name: 'a stored file longer than declared', args: GET, zip: [...A_GOOD, { name: P + 'x.txt', data: 'hello', size: 3 }] },
  { name: 'a file shorter than declared', args: GET, zip: [...A_GOOD, { name: P + 'x.txt', data: 'hello', size: 9 }] },
  { name: 'not a zip at all', args: GET, zip: Buffer.from('this is not a zip file, not even close to one\n') },
  { name: 'a go.mod over 16 MiB (declared)', args: GET, zip: [A_GOOD[1]!, { name: P + 'go.mod', deflated: zeroDeflate(17 << 20), size: 17 << 20, crc: 0 }] },
  {
    name: 'a refused zip whose hash go.sum records',
    args: GET,
    zip: [...A_GOOD, { name: P + 'a.go', data: 'package a\n' }],
    goSum: `${A} v1.0.0 h1:UpgbV8TEoLh0o/ttdB9ONl11tB9GojvdWNzm02aroQI=\n${A_MOD_SUM}`,
  },
  { name: 'a refused zip that go.sum contradicts', args: GET, zip: [...A_GOOD, { name: P + 'A.go', data: 'package a\n' }], goSum: `${A} v1.0.0 ${WRONG}\n${A_MOD_SUM}` },
];

const sumCases: Case[] = [
  { name: 'x1: go.mod line, list -m all', args: ['list', '-m', 'all'], goSum: `${A} v1.0.0/go.mod x1:abc\n` },
  { name: 'h2: go.mod line, list -m all', args: ['list', '-m', 'all'], goSum: `${A} v1.0.0/go.mod h2:abc\n` },
  { name: 'go.mod line without an algorithm, list -m all', args: ['list', '-m', 'all'], goSum: `${A} v1.0.0/go.mod abc\n` },
  { name: 'x1: go.mod line, mod graph', args: ['mod', 'graph'], goSum: `${A} v1.0.0/go.mod x1:abc\n` },
  { name: 'x1: and y1: lines, mod graph', args: ['mod', 'graph'], goSum: `${A} v1.0.0/go.mod x1:abc\n${A} v1.0.0/go.mod y1:abc\n` },
  { name: 'h2: beside a wrong h1:, mod graph', args: ['mod', 'graph'], goSum: `${A} v1.0.0/go.mod h2:abc\n${A} v1.0.0/go.mod ${WRONG}\n` },
  { name: 'a malformed go.sum', args: ['list', '-m', 'all'], goSum: 'a b\n' },
  ...[['list', '-m', A], ['list', '-m', '-u', A], ['list', '-m', '-versions', A], ['list', '-m', '-retracted', '-versions', A], ['list', '-m', '-json', A], ['list', '-m', `${A}@v1.0.0`], ['list', '-m', '-u', 'all']].map(
    (args): Case => ({ name: `tampered go.mod, ${args.join(' ')}`, args, goSum: `${A} v1.0.0/go.mod ${WRONG}\n` }),
  ),
];

const ownedByNobody = async (dir: string): Promise<void> => {
  if (!AS_ROOT) return;
  await chown(dir, NOBODY, NOBODY);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await ownedByNobody(p);
    else await chown(p, NOBODY, NOBODY).catch(() => undefined);
  }
};

const writeCases: Case[] = [
  {
    name: 'a symlinked go.mod',
    args: GET,
    setup: async (d) => {
      await mkdir(path.join(d, 'real'));
      await writeFile(path.join(d, 'real', 'go.mod'), MAIN_MOD);
      await rm(path.join(d, 'w', 'go.mod'));
      await symlink('../real/go.mod', path.join(d, 'w', 'go.mod'));
    },
  },
  {
    name: 'a symlinked go.sum',
    args: GET,
    setup: async (d) => {
      await mkdir(path.join(d, 'real'));
      await writeFile(path.join(d, 'real', 'go.sum'), '');
      await symlink('../real/go.sum', path.join(d, 'w', 'go.sum'));
    },
  },
  { name: 'a hard-linked go.mod', args: GET, setup: (d) => link(path.join(d, 'w', 'go.mod'), path.join(d, 'hl.mod')) },
  {
    name: 'modes 0600 and 0640',
    args: GET,
    setup: async (d) => {
      await writeFile(path.join(d, 'w', 'go.sum'), '');
      await chmod(path.join(d, 'w', 'go.mod'), 0o600);
      await chmod(path.join(d, 'w', 'go.sum'), 0o640);
    },
  },
  { name: 'a read-only go.mod', args: GET, unprivileged: true, setup: (d) => chmod(path.join(d, 'w', 'go.mod'), 0o444) },
  {
    name: 'a read-only go.sum',
    args: GET,
    unprivileged: true,
    setup: async (d) => {
      await writeFile(path.join(d, 'w', 'go.sum'), '');
      await chmod(path.join(d, 'w', 'go.sum'), 0o444);
    },
  },
  {
    name: 'a read-only directory with a go.sum',
    args: GET,
    unprivileged: true,
    setup: async (d) => {
      await writeFile(path.join(d, 'w', 'go.sum'), '');
      await chmod(path.join(d, 'w'), 0o555);
    },
  },
  { name: 'a read-only directory without a go.sum', args: GET, unprivileged: true, setup: (d) => chmod(path.join(d, 'w'), 0o555) },
  { name: 'a Latin-1 comment in go.mod', args: GET, goMod: Buffer.concat([Buffer.from('module m // caf'), Buffer.from([0xe9]), Buffer.from('\n\ngo 1.21\n')]) },
  { name: 'a Latin-1 module path in go.sum', args: GET, goSum: Buffer.concat([Buffer.from('example.com/caf'), Buffer.from([0xe9]), Buffer.from(' v1.0.0 h1:abc\n')]) },
];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string>, asNobody: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 99, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - t0 });
    });
  });
}

/** describeTree lists every file and link under dir (m.go aside): type, mode, link count, bytes. */
async function describeTree(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = path.join(rel, e.name);
    const p = path.join(dir, r);
    const st = await lstat(p);
    if (e.isDirectory()) {
      if (['home', 'gopath', 'gomodx-cache', 'gocache'].includes(r)) continue;
      out.push(`${r}/ ${(st.mode & 0o777).toString(8)}`);
      out.push(...(await describeTree(dir, r)));
    } else if (e.isSymbolicLink()) out.push(`${r} -> ${await readlink(p)}`);
    else if (r !== path.join('w', 'm.go')) out.push(`${r} ${(st.mode & 0o777).toString(8)} links=${st.nlink} ${JSON.stringify((await readFile(p)).toString('latin1'))}`);
  }
  return out;
}

const ROOT_MARK = '$ROOT';

describe.skipIf(!GO)('trust: gomodx vs go on hostile zips, go.sum files and file systems', () => {
  let base: string;
  let cli: string;
  let rssHook: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-trust-'));
    await chmod(base, 0o755);
    cli = path.join(base, 'gomodx.js');
    await build({ entryPoints: [path.join(REPO, 'src/main/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['electron'], logLevel: 'warning' });
    rssHook = path.join(base, 'rss-hook.js');
    await writeFile(rssHook, "process.on('exit', () => require('fs').writeFileSync(process.env.GOMODX_TEST_RSS, String(process.resourceUsage().maxRSS)));\n");
  });

  afterAll(async () => {
    if (base && !KEEP) {
      await chmodAll(base);
      await rm(base, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  /** prepare writes the proxy and one copy of the work tree per tool; returns the tool dirs. */
  async function prepare(c: Case, id: string): Promise<{ dir: string; proxy: string; tools: Record<'go' | 'gx', string> }> {
    const dir = path.join(base, id);
    const proxy = path.join(dir, 'proxy');
    const v = path.join(proxy, A, '@v');
    await mkdir(v, { recursive: true });
    await writeFile(path.join(v, 'list'), 'v1.0.0\n');
    await writeFile(path.join(v, 'v1.0.0.info'), '{"Version":"v1.0.0","Time":"2021-01-01T00:00:00Z"}');
    await writeFile(path.join(v, 'v1.0.0.mod'), A_MOD);
    await writeFile(path.join(v, 'v1.0.0.zip'), Buffer.isBuffer(c.zip) ? c.zip : craftZip((c.zip as CraftEntry[] | undefined) ?? A_GOOD));
    const tools = { go: path.join(dir, 'go'), gx: path.join(dir, 'gx') };
    for (const t of Object.values(tools)) {
      await mkdir(path.join(t, 'w'), { recursive: true });
      await writeFile(path.join(t, 'w', 'go.mod'), c.goMod ?? (c.args[0] === 'get' ? MAIN_MOD : `${MAIN_MOD}\nrequire ${A} v1.0.0\n`));
      await writeFile(path.join(t, 'w', 'm.go'), MAIN_GO);
      if (c.goSum !== undefined) await writeFile(path.join(t, 'w', 'go.sum'), c.goSum);
      for (const d of ['home', 'gopath', 'gomodx-cache', 'gocache']) await mkdir(path.join(t, d));
      if (c.unprivileged) await ownedByNobody(t);
      await c.setup?.(t);
    }
    return { dir, proxy, tools };
  }

  function envFor(toolDir: string, proxy: string): Record<string, string> {
    return {
      PATH: `${path.dirname(GO!)}:/usr/bin:/bin`,
      HOME: path.join(toolDir, 'home'),
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOENV: 'off',
      GOPROXY: `file://${proxy}`,
      GOSUMDB: 'off',
      GONOSUMDB: '',
      GOPRIVATE: '',
      GOPATH: path.join(toolDir, 'gopath'),
      GOMODCACHE: path.join(toolDir, 'gopath', 'pkg', 'mod'),
      GOCACHE: path.join(toolDir, 'gocache'),
      GOMODX_CACHE: path.join(toolDir, 'gomodx-cache'),
      GOWORK: 'off',
    };
  }

  const gomodxArgs = (args: readonly string[]): string[] => (args[0] === 'mod' && args[1] === 'graph' ? ['graph', ...args.slice(2)] : [...args]);
  const clean = (s: string, toolDir: string): string =>
    s
      .split(toolDir)
      .join(ROOT_MARK)
      .split('\n')
      .filter((l) => !l.startsWith('go: downloading '))
      .join('\n');

  async function compare(c: Case, id: string): Promise<void> {
    const { proxy, tools } = await prepare(c, id);
    const asNobody = AS_ROOT && c.unprivileged === true;
    let dry: Run | undefined;
    if (c.dryRun) {
      const before = await describeTree(tools.gx);
      dry = await run(process.execPath, [cli, 'get', '--dry-run', ...c.args.slice(1)], path.join(tools.gx, 'w'), envFor(tools.gx, proxy), asNobody);
      expect(await describeTree(tools.gx), '--dry-run wrote nothing').toEqual(before);
    }
    const go = await run(GO!, c.args, path.join(tools.go, 'w'), envFor(tools.go, proxy), asNobody);
    const gx = await run(process.execPath, [cli, ...gomodxArgs(c.args)], path.join(tools.gx, 'w'), envFor(tools.gx, proxy), asNobody);
    const goSide = { ok: go.code === 0, stdout: clean(go.stdout, tools.go), stderr: clean(go.stderr, tools.go), files: await describeTree(tools.go) };
    const gxSide = { ok: gx.code === 0, stdout: clean(gx.stdout, tools.gx), stderr: clean(gx.stderr, tools.gx), files: await describeTree(tools.gx) };
    expect(gxSide).toEqual(goSide);
    if (dry) {
      expect(dry.code === 0).toBe(go.code === 0);
      if (go.code !== 0) expect(clean(dry.stderr, tools.gx)).toEqual(goSide.stderr);
    }
  }

  describe('module zips', () => {
    zipCases.forEach((c, i) => it(c.name, () => compare(c, `zip${i}`)));

    it('a zip bomb (1.2 MB inflating to 1.125 GiB) is refused in under 2 s and 100 MB', async () => {
      const c: Case = { name: 'bomb', args: GET, zip: [...A_GOOD, { name: P + 'big.txt', deflated: zeroDeflate(1152 << 20), size: 1152 << 20, crc: 0 }] };
      const { proxy, tools } = await prepare(c, 'bomb');
      const rssFile = path.join(base, 'bomb.rss');
      const gx = await run(process.execPath, ['-r', rssHook, cli, ...GET], path.join(tools.gx, 'w'), { ...envFor(tools.gx, proxy), GOMODX_TEST_RSS: rssFile }, false);
      const go = await run(GO!, GET, path.join(tools.go, 'w'), envFor(tools.go, proxy), false);
      const rssMiB = Number(await readFile(rssFile, 'utf8')) / 1024;
      console.log(`zip bomb: gomodx ${gx.ms.toFixed(0)} ms, max RSS ${rssMiB.toFixed(1)} MiB (go ${go.ms.toFixed(0)} ms)`);
      expect({ ok: gx.code === 0, stderr: clean(gx.stderr, tools.gx) }).toEqual({ ok: go.code === 0, stderr: clean(go.stderr, tools.go) });
      expect(await describeTree(tools.gx)).toEqual(await describeTree(tools.go));
      expect(gx.ms).toBeLessThan(2000);
      expect(rssMiB).toBeLessThan(100);
    });
  });

  describe('go.sum', () => {
    sumCases.forEach((c, i) => it(c.name, () => compare(c, `sum${i}`)));
    // go get adds the h1: go.mod line beside an x1: one and prints its unknown-hash warning
    // twice, once as it verifies and once as it writes go.sum (tidyGoSum reads the file again).
    it('x1: go.mod line, get', () => compare({ name: 'x1 get', args: GET, goSum: `${A} v1.0.0/go.mod x1:abc\n` }, 'sum-x1-get'));
  });

  describe('writing go.mod and go.sum', () => {
    writeCases.forEach((c, i) => it(c.name + (c.unprivileged && AS_ROOT ? ' (as an unprivileged user)' : ''), () => compare(c, `write${i}`)));
  });

  it('an error report over 64 KiB reaches the end of a pipe', async () => {
    const reqs = Array.from({ length: 1500 }, (_, i) => `\texample.com/some/rather/long/module/path/number${String(i).padStart(4, '0')} v1.0.0\n`).join('');
    const c: Case = { name: 'big', args: ['list', '-m', 'all'], goMod: `${MAIN_MOD}\nrequire (\n${reqs})\n` };
    const { proxy, tools } = await prepare(c, 'big');
    // The reader starts late, so the pipe is full long before the command ends.
    const piped = (toolDir: string, cmd: string): Promise<Run> => run('/bin/sh', ['-c', `${cmd} list -m all 2>&1 | (sleep 0.3; cat)`], path.join(toolDir, 'w'), envFor(toolDir, proxy), false);
    const go = await piped(tools.go, `'${GO}'`);
    const gx = await piped(tools.gx, `'${process.execPath}' '${cli}'`);
    expect(go.stdout.length).toBeGreaterThan(64 << 10);
    expect(clean(gx.stdout, tools.gx)).toEqual(clean(go.stdout, tools.go));
  });
});

/** chmodAll makes every directory under dir writable again, so that it can be removed. */
async function chmodAll(dir: string): Promise<void> {
  await chmod(dir, 0o755).catch(() => undefined);
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) if (e.isDirectory()) await chmodAll(path.join(dir, e.name));
}
