// Where the tests find the go command they compare against, in one place: $GOMODX_GO when set
// (and then only it), else /usr/local/go/bin/go where it exists (the CI machines' Go), else `go`
// on PATH. Tests that need it skip with NO_GO_COMMAND when none runs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** NO_GO_COMMAND is the reason tests give when they skip for want of a go command. */
export const NO_GO_COMMAND = 'no go command found: set GOMODX_GO, install Go in /usr/local/go, or put go on PATH';

const DEFAULT_GO = '/usr/local/go/bin/go';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here; next directory
    }
  }
  return undefined;
}

// An environment that keeps the user's go env file and toolchain switching out of the probe.
const PROBE_ENV = { GOENV: 'off', GOTOOLCHAIN: 'local', HOME: '/nonexistent', PATH: '/usr/bin:/bin' };

function runs(bin: string): boolean {
  return spawnSync(bin, ['env', 'GOVERSION'], { cwd: tmpdir(), env: PROBE_ENV }).status === 0;
}

let found: { bin: string | undefined } | undefined;

/**
 * goCommand returns the absolute path of the go command to compare against, or undefined when
 * none runs. Callers set PATH to its directory, so it is made absolute here.
 */
export function goCommand(): string | undefined {
  if (found === undefined) {
    const env = process.env.GOMODX_GO;
    const candidate = env !== undefined && env !== '' ? (env.includes('/') ? path.resolve(env) : onPath(env)) : existsSync(DEFAULT_GO) ? DEFAULT_GO : onPath('go');
    found = { bin: candidate !== undefined && runs(candidate) ? candidate : undefined };
  }
  return found.bin;
}

let root: { dir: string | undefined } | undefined;

/** goRoot returns the GOROOT of goCommand() (where Go's own sources and tests are), or undefined. */
export function goRoot(): string | undefined {
  if (root === undefined) {
    const bin = goCommand();
    const res = bin === undefined ? undefined : spawnSync(bin, ['env', 'GOROOT'], { cwd: tmpdir(), env: PROBE_ENV, encoding: 'utf8' });
    root = { dir: res?.status === 0 ? res.stdout.trim() : undefined };
  }
  return root.dir;
}
