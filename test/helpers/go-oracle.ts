// Runs the real go command as the oracle for differential tests, in an environment that cannot
// reach the network or read the user's configuration: everything it needs comes from the
// arguments, a file:// GOPROXY and directories inside the test's temporary tree.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { goCommand } from './go-command';

/** GO_BINARY is the go command used as the oracle (see go-command.ts); "go" when there is none. */
export const GO_BINARY = goCommand() ?? 'go';

/** GoRun is the outcome of one command: exit code and the full text of both streams. */
export interface GoRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** GoCallOptions says where a command runs and with exactly which environment. */
export interface GoCallOptions {
  readonly cwd: string;
  /** env replaces the whole environment; undefined values are left out. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  /** binary runs another Go tool (govulncheck) the same way instead of the oracle go command. */
  readonly binary?: string;
}

let goLocalVersion: string | undefined;

/** hasGo tells whether the oracle go command exists and runs. */
export function hasGo(): boolean {
  return goCommand() !== undefined;
}

/** localGoVersion returns the oracle's version without the "go" prefix, e.g. "1.26.8". */
export function localGoVersion(): string {
  if (goLocalVersion === undefined) {
    const res = spawnSync(GO_BINARY, ['env', 'GOVERSION'], {
      encoding: 'utf8',
      env: { GOENV: 'off', GOTOOLCHAIN: 'local', HOME: '/nonexistent' },
    });
    if (res.status !== 0) throw new Error(`go env GOVERSION failed: ${res.stderr}`);
    goLocalVersion = res.stdout.trim().replace(/^go/, '');
  }
  return goLocalVersion;
}

/** HermeticEnvOptions locates the per-test directories the go command may use. */
export interface HermeticEnvOptions {
  /** root is a private temporary directory; HOME, GOPATH and GOCACHE are made inside it. */
  readonly root: string;
  /** proxy is a directory served as a file:// GOPROXY, or "off". */
  readonly proxy: string;
  /** gomodcache overrides $root/gopath/pkg/mod. */
  readonly gomodcache?: string;
  /** gowork is the GOWORK value: "off", a go.work path, or undefined to let go search for one. */
  readonly gowork?: string;
}

/**
 * hermeticGoEnv builds the complete environment for a hermetic go run.
 *
 * GOENV=off keeps the user's go env file out, GOTOOLCHAIN=local forbids toolchain switches (which
 * would download), GOSUMDB=off and a file:// or "off" GOPROXY leave no path to the network.
 */
export function hermeticGoEnv(opts: HermeticEnvOptions): Record<string, string | undefined> {
  const gopath = path.join(opts.root, 'gopath');
  return {
    PATH: `${path.dirname(GO_BINARY)}:/usr/bin:/bin`,
    HOME: path.join(opts.root, 'home'),
    XDG_CONFIG_HOME: telemetryOffConfig(),
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOENV: 'off',
    GOPROXY: opts.proxy === 'off' ? 'off' : pathToFileURL(opts.proxy).href,
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GONOPROXY: '',
    GOPRIVATE: '',
    GOINSECURE: '',
    GOPATH: gopath,
    GOMODCACHE: opts.gomodcache ?? path.join(gopath, 'pkg', 'mod'),
    GOCACHE: path.join(opts.root, 'gocache'),
    GOWORK: opts.gowork,
  };
}

let configDir: string | undefined;

/**
 * telemetryOffConfig is a config directory (one per test process) whose go telemetry mode is
 * off. In its default mode go writes counters under the config directory, from processes that
 * can outlive the command, so a test tree holding them could not always be removed.
 */
function telemetryOffConfig(): string {
  if (configDir) return configDir;
  const dir = path.join(tmpdir(), `gomodx-go-config-${process.pid}`);
  mkdirSync(path.join(dir, 'go', 'telemetry'), { recursive: true });
  writeFileSync(path.join(dir, 'go', 'telemetry', 'mode'), 'off 2000-01-01');
  configDir = dir;
  return dir;
}

/** cleanEnv drops undefined entries: child_process would pass them on as the string "undefined". */
function cleanEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** runGo runs the oracle go command with args and resolves with its exit code and output. */
export function runGo(args: readonly string[], opts: GoCallOptions): Promise<GoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.binary ?? GO_BINARY, [...args], {
      cwd: opts.cwd,
      env: cleanEnv(opts.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`go ${args.join(' ')} in ${opts.cwd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + (signal ? `\n[go killed by ${signal}]\n` : ''),
      });
    });
  });
}
