/**
 * The local go command: the `go` on the user's PATH, asked once for its version and GOROOT
 * (`go env GOVERSION GOROOT`, with GOTOOLCHAIN=local so that asking never switches or
 * downloads). Answers are kept per binary path, size and mtime, in memory and in
 * $GOMODX_CACHE/local-go.json. Without a go on PATH, gomodx models the newest Go it knows.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { fromToolchain } from '../core/gover/gover';
import { NEWEST_GO } from '../core/toolchain/go-releases';

type Env = Readonly<Record<string, string | undefined>>;

/** LocalGo is the Go version gomodx takes as "local" and where that answer came from. */
export interface LocalGo {
  /** version is the Go version ("1.26.8"); toolchain the runtime version string ("go1.26.8"). */
  readonly version: string;
  readonly toolchain: string;
  /** binary is the go command on PATH, if any; goroot its GOROOT (where go.env is). */
  readonly binary?: string;
  readonly goroot?: string;
  /** source says how the version was learnt, for `gomodx version` and the status bar. */
  readonly source: string;
}

/** lookPath finds an executable file named name in the absolute directories of PATH (exec.LookPath). */
export function lookPath(name: string, pathList: string | undefined): string | undefined {
  for (const dir of (pathList ?? '').split(delimiter)) {
    // Relative PATH entries are refused, as exec.LookPath's ErrDot makes the go command do.
    if (dir === '' || !isAbsolute(dir)) continue;
    const p = join(dir, name);
    try {
      if (!statSync(p).isFile()) continue;
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface CachedAnswer {
  readonly size: number;
  readonly mtimeMs: number;
  readonly toolchain: string;
  readonly goroot: string;
}

const memory = new Map<string, CachedAnswer>();

function cacheFile(cacheDir: string): string {
  return join(cacheDir, 'local-go.json');
}

function readDiskCache(cacheDir: string): Record<string, CachedAnswer> {
  try {
    return JSON.parse(readFileSync(cacheFile(cacheDir), 'utf8')) as Record<string, CachedAnswer>;
  } catch {
    return {};
  }
}

function writeDiskCache(cacheDir: string, bin: string, answer: CachedAnswer): void {
  try {
    const all = readDiskCache(cacheDir);
    all[bin] = answer;
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile(cacheDir)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 1));
    renameSync(tmp, cacheFile(cacheDir));
  } catch {
    // Not caching only costs a `go env` next time.
  }
}

/** askGo runs `go env GOVERSION GOROOT` with switching turned off. */
function askGo(bin: string, env: Env): { toolchain: string; goroot: string } | undefined {
  const childEnv: Record<string, string> = { GOTOOLCHAIN: 'local', GOENV: 'off', GOFLAGS: '', PATH: env.PATH ?? '' };
  for (const k of ['HOME', 'GOROOT', 'SystemRoot']) if (env[k]) childEnv[k] = env[k]!;
  const res = spawnSync(bin, ['env', 'GOVERSION', 'GOROOT'], { cwd: tmpdir(), env: childEnv, encoding: 'utf8', timeout: 20_000 });
  if (res.status !== 0 || typeof res.stdout !== 'string') return undefined;
  const [toolchain = '', goroot = ''] = res.stdout.split('\n');
  if (fromToolchain(toolchain.trim()) === '') return undefined;
  return { toolchain: toolchain.trim(), goroot: goroot.trim() };
}

/**
 * findLocalGo returns the local go command's version: `go` on env.PATH (asked once per binary
 * and kept under cacheDir), else NEWEST_GO.
 */
export function findLocalGo(env: Env, cacheDir: string): LocalGo {
  const bin = lookPath('go', env.PATH);
  const newest: LocalGo = { version: NEWEST_GO, toolchain: `go${NEWEST_GO}`, source: 'no go command on PATH: the newest Go gomodx knows' };
  if (!bin) return newest;
  let st;
  try {
    st = statSync(bin);
  } catch {
    return newest;
  }
  const key = `${bin}\0${st.size}\0${st.mtimeMs}\0${env.GOROOT ?? ''}`;
  let answer = memory.get(key);
  if (!answer) {
    const disk = readDiskCache(cacheDir)[bin];
    if (disk && disk.size === st.size && disk.mtimeMs === st.mtimeMs && !env.GOROOT) answer = disk;
    else {
      const asked = askGo(bin, env);
      if (!asked) return { ...newest, source: `${bin} did not tell its version: the newest Go gomodx knows` };
      answer = { size: st.size, mtimeMs: st.mtimeMs, ...asked };
      if (!env.GOROOT) writeDiskCache(cacheDir, bin, answer);
    }
    memory.set(key, answer);
  }
  return { version: fromToolchain(answer.toolchain), toolchain: answer.toolchain, binary: bin, goroot: answer.goroot || undefined, source: `${bin}` };
}
