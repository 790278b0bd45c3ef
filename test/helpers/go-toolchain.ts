// Where the tests find other go commands: go1.27.3 (and go1.21.13, below), to compare gomodx's toolchain modelling
// against: $GOMODX_GO127 when set (and then only it), else the toolchain module that
// `GOTOOLCHAIN=go1.27.3 go version` leaves in the module cache
// ($GOMODCACHE, else $GOPATH/pkg/mod, else ~/go/pkg/mod)/golang.org/toolchain@v0.0.1-go1.27.3.<os>-<arch>/bin/go.
// .ci/run fetches it; tests that need it skip with NO_GO127 where it is absent.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

/** GO127_VERSION is the Go release the toolchain tests compare against. */
export const GO127_VERSION = '1.27.3';

/** NO_GO127 is the reason the toolchain tests give when they skip. */
export const NO_GO127 =
  `no go${GO127_VERSION} found: run \`GOTOOLCHAIN=go${GO127_VERSION} go version\` once (it downloads ` +
  `golang.org/toolchain@v0.0.1-go${GO127_VERSION}.<os>-<arch> into the module cache), or set GOMODX_GO127 to its bin/go`;

function goosGoarch(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `${process.platform}-${arch}`;
}

function runsAs(bin: string, want: string): boolean {
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    return false;
  }
  const res = spawnSync(bin, ['env', 'GOVERSION'], {
    cwd: tmpdir(),
    env: { GOENV: 'off', GOTOOLCHAIN: 'local', HOME: '/nonexistent', PATH: '/usr/bin:/bin' },
    encoding: 'utf8',
  });
  return res.status === 0 && res.stdout.trim() === `go${want}`;
}

const found = new Map<string, string | undefined>();

/** toolchainCommand finds go<version>: $<envVar> when set (and then only it), else the module cache's copy. */
function toolchainCommand(version: string, envVar: string): string | undefined {
  if (!found.has(version)) {
    const env = process.env[envVar];
    let candidate: string;
    if (env !== undefined && env !== '') candidate = path.resolve(env);
    else {
      const gopath = (process.env.GOPATH ?? '').split(path.delimiter).filter(Boolean)[0] ?? path.join(homedir(), 'go');
      const modcache = process.env.GOMODCACHE || path.join(gopath, 'pkg', 'mod');
      candidate = path.join(modcache, 'golang.org', `toolchain@v0.0.1-go${version}.${goosGoarch()}`, 'bin', 'go');
    }
    found.set(version, runsAs(candidate, version) ? candidate : undefined);
  }
  return found.get(version);
}

/** go127Command returns the absolute path of go1.27.3's go command, or undefined. */
export function go127Command(): string | undefined {
  return toolchainCommand(GO127_VERSION, 'GOMODX_GO127');
}

/**
 * GO121_VERSION is the last Go release whose go mod init converted pre-module lock files
 * (Gopkg.lock and eight others): the legacy-conversion suite compares against it.
 */
export const GO121_VERSION = '1.21.13';

/** NO_GO121 is the reason the legacy-conversion tests give when they skip. */
export const NO_GO121 =
  `no go${GO121_VERSION} found: run \`GOTOOLCHAIN=go${GO121_VERSION} go version\` once (it downloads ` +
  `golang.org/toolchain@v0.0.1-go${GO121_VERSION}.<os>-<arch> into the module cache), or set GOMODX_GO121 to its bin/go`;

/** go121Command returns the absolute path of go1.21.13's go command, or undefined. */
export function go121Command(): string | undefined {
  return toolchainCommand(GO121_VERSION, 'GOMODX_GO121');
}
