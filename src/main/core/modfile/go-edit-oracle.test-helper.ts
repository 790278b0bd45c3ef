/*
 * Test support (not shipped): runs `go mod edit` / `go work edit` on many files at once, with
 * bounded concurrency, in a hermetic environment, keeping the output bytes exact.
 */

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goRoot } from '../../../../test/helpers/go-command';
import { GO_BINARY, hasGo, hermeticGoEnv } from '../../../../test/helpers/go-oracle';
import { decodeGoBytes } from '../gostrings/utf8';

/** EditJob is one file to hand to the go command, and which output to ask for. */
export interface EditJob {
  readonly kind: 'mod' | 'work';
  readonly data: string | Uint8Array;
  readonly mode: 'json' | 'print';
  /** Extra editing flags placed before -json / -print. */
  readonly flags?: readonly string[];
}

/** EditRun is what go printed; text decoded the way the parser decodes bytes. */
export interface EditRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** goAvailable reports whether the oracle go command can be run. */
export function goAvailable(): boolean {
  return hasGo();
}

function runOne(args: string[], cwd: string, env: Record<string, string>): Promise<EditRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(GO_BINARY, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        exitCode: code ?? 1,
        stdout: decodeGoBytes(new Uint8Array(Buffer.concat(out))),
        stderr: decodeGoBytes(new Uint8Array(Buffer.concat(err))),
      }),
    );
  });
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/**
 * runGoEditBatch runs every job (each file in a directory of its own, named go.mod or go.work and
 * passed by that relative name) at most `concurrency` at a time, results in job order.
 */
export async function runGoEditBatch(jobs: readonly EditJob[], concurrency = 2): Promise<EditRun[]> {
  const root = mkdtempSync(join(tmpdir(), 'modfile-oracle-'));
  try {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(hermeticGoEnv({ root, proxy: 'off', gowork: 'off' }))) {
      if (v !== undefined) env[k] = v;
    }
    const results: EditRun[] = new Array(jobs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const i = next++;
        if (i >= jobs.length) return;
        const job = jobs[i]!;
        const dir = join(root, `j${i}`);
        mkdirSync(dir);
        const name = job.kind === 'mod' ? 'go.mod' : 'go.work';
        writeFileSync(join(dir, name), toBytes(job.data));
        results[i] = await runOne([job.kind, 'edit', ...(job.flags ?? []), `-${job.mode}`, name], dir, env);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const GOROOT = goRoot();
const VENDORED_XMOD = GOROOT === undefined ? '' : join(GOROOT, 'src/cmd/vendor/golang.org/x/mod');
const driverSource = (): string => readFileSync(new URL('./testdata/xmod-driver/main.go', import.meta.url), 'utf8');

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** buildDriver compiles the driver against the vendored x/mod, reusing an earlier build. */
function buildDriver(): string {
  const goVersion = execFileSync(GO_BINARY, ['env', 'GOVERSION'], { env: { GOENV: 'off', HOME: tmpdir() } })
    .toString()
    .trim();
  const key = createHash('sha256').update(goVersion).update(driverSource()).digest('hex').slice(0, 16);
  const root = join(tmpdir(), `gomodx-xmod-driver-${key}`);
  const bin = join(root, 'xmod-driver');
  // Test files run in parallel processes: one builds, the others wait for its binary.
  const lock = `${root}.lock`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (existsSync(bin)) return bin;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Somebody else is building.
    }
    try {
      if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
    } catch {
      // The lock went away meanwhile.
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for the x/mod driver to be built');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  try {
    if (!existsSync(bin)) compileDriver(root, bin, key);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return bin;
}

function compileDriver(root: string, bin: string, key: string): void {
  const work = join(tmpdir(), `gomodx-xmod-build-${key}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'xm'), { recursive: true });
  for (const pkg of ['modfile', 'module', 'semver', 'internal']) cpSync(join(VENDORED_XMOD, pkg), join(work, 'xm', pkg), { recursive: true });
  // Re-home the vendored packages under this throwaway module's path.
  const rewrite = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) rewrite(p);
      else if (e.name.endsWith('.go')) writeFileSync(p, readFileSync(p, 'utf8').replaceAll('golang.org/x/mod/', 'xmod/xm/'));
    }
  };
  rewrite(join(work, 'xm'));
  writeFileSync(join(work, 'go.mod'), 'module xmod\n\ngo 1.24\n');
  writeFileSync(join(work, 'main.go'), driverSource());
  mkdirSync(root, { recursive: true });
  const env = cleanEnv({ ...hermeticGoEnv({ root: work, proxy: 'off', gowork: 'off' }), GOCACHE: join(root, 'gocache'), GOFLAGS: '-mod=mod' });
  const res = spawnSync(GO_BINARY, ['build', '-o', `${bin}.tmp`, '.'], { cwd: work, env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`building the x/mod driver failed:\n${res.stderr}`);
  renameSync(`${bin}.tmp`, bin);
  rmSync(work, { recursive: true, force: true });
}

/** xmodAvailable reports whether the vendored x/mod sources the driver is built from exist. */
export function xmodAvailable(): boolean {
  return VENDORED_XMOD !== '' && existsSync(VENDORED_XMOD);
}

let driverPath: string | undefined;

/**
 * runXmodDriver hands input ({Edits, Parses}) to testdata/xmod-driver, built on first use (and
 * cached in the temp directory across runs) against the x/mod vendored with the go command.
 */
export function runXmodDriver(input: { Edits?: unknown[]; Parses?: unknown[] }): { Edits: unknown[]; Parses: unknown[] } {
  driverPath ??= buildDriver();
  const res = spawnSync(driverPath, [], {
    input: JSON.stringify({ Edits: input.Edits ?? [], Parses: input.Parses ?? [] }),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (res.status !== 0) throw new Error(`x/mod driver failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as { Edits: unknown[]; Parses: unknown[] };
}
