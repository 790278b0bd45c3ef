// Test fixtures: a `gomodx serve` server per worker (hermetic: the example's file:// proxy,
// temporary HOME, caches and config), helpers to make throwaway projects, and the CLI as an
// oracle for counts (its answers are checked against the go command by the unit tests).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { unpackRealFixture } from '../helpers/real-fixture';

/** ROOT is the repository root. */
export const ROOT = resolve(__dirname, '..', '..');
/** EXAMPLE is the bundled example project. */
export const EXAMPLE = join(ROOT, 'resources', 'example');
/** SCREENSHOTS is where every screen is saved for people to look at. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const GOMODX = join(ROOT, 'bin', 'gomodx.js');

/** hermeticEnv is the environment of the server and of oracle runs. */
export function hermeticEnv(scratch: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(scratch, 'home'),
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    GOMODX_CACHE: join(scratch, 'gomodx-cache'),
    GOPATH: join(scratch, 'gopath'),
    GOMODCACHE: join(scratch, 'gopath', 'pkg', 'mod'),
    GOENV: 'off',
    GOFLAGS: '',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOSUMDB: 'off',
    GOPRIVATE: '',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOPROXY: pathToFileURL(join(EXAMPLE, 'proxy')).href,
    // Vulnerability scans read the example's own database, never vuln.go.dev.
    GOVULNDB: pathToFileURL(join(EXAMPLE, 'vulndb')).href,
  };
}

/** runGomodx runs the CLI (the oracle for counts) and returns its output. */
export function runGomodx(args: string[], cwd: string, env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [GOMODX, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Server is a running `gomodx serve`. */
export interface Server {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly scratch: string;
  readonly env: Record<string, string>;
  /** project writes a throwaway project (go.mod text, plus files) and returns its directory. */
  project(name: string, goMod: string, files?: Record<string, string>): string;
  /** copyExample copies the example project (not its proxy) to a new directory. */
  copyExample(name: string): string;
}

/** startServe starts `gomodx serve` and resolves when it printed its URL. */
export async function startServe(args: string[], env: Record<string, string>, cwd: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [GOMODX, 'serve', '--no-open', ...args], { cwd, env });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`gomodx serve printed no URL in 15 s:\n${out}\n${err}`)), 15_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`gomodx serve exited with ${code}:\n${out}\n${err}`));
    });
  });
  return { child, url };
}

/** stopServe interrupts the server and waits for it to exit. */
export async function stopServe(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGINT');
  await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** RealProjectServer is a `gomodx serve` of a recorded real project (test/fixtures/real). */
export interface RealProjectServer {
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  readonly projectDir: string;
  /** env is the server's environment (its GOPROXY is the unpacked tree), for oracle runs. */
  readonly env: Record<string, string>;
}

/**
 * startRealProject unpacks the recorded project name (test/fixtures/real/NAME.json.gz) into the
 * worker's scratch, once per worker, and starts a `gomodx serve` of it whose GOPROXY is the
 * unpacked tree. The caller stops it with stopServe.
 */
export async function startRealProject(server: Server, name: string): Promise<RealProjectServer> {
  const dir = join(server.scratch, 'real', name);
  const projectDir = join(dir, 'project');
  const proxyDir = join(dir, 'proxy');
  if (!existsSync(projectDir)) unpackRealFixture(name, dir);
  const env = { ...server.env, GOPROXY: pathToFileURL(proxyDir).href };
  const { child, url } = await startServe([projectDir], env, server.scratch);
  return { url, child, projectDir, env };
}

export const test = base.extend<object, { server: Server }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their deps as the first argument
    async ({}, use) => {
      const scratch = mkdtempSync(join(tmpdir(), 'gomodx-e2e-'));
      const env = hermeticEnv(scratch);
      const cwd = join(scratch, 'cwd');
      mkdirSync(cwd, { recursive: true });
      const { child, url } = await startServe([], env, cwd);
      const u = new URL(url);
      await use({
        url,
        origin: u.origin,
        token: u.searchParams.get('token')!,
        scratch,
        env,
        project(name, goMod, files = {}) {
          const dir = join(scratch, 'projects', name);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'go.mod'), goMod);
          for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
          return dir;
        },
        copyExample(name) {
          const dir = join(scratch, 'projects', name);
          mkdirSync(dir, { recursive: true });
          for (const f of ['go.mod', 'go.sum', 'main.go', 'localmod']) cpSync(join(EXAMPLE, f), join(dir, f), { recursive: true });
          return dir;
        },
      });
      await stopServe(child);
      rmSync(scratch, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };
