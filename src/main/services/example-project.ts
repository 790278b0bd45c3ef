/**
 * The example project bundled in resources/example: a go.mod with its modules served from a
 * file:// proxy beside it, so it opens offline and the same everywhere.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** findExampleDir returns the first candidate directory holding the example's go.mod and proxy. */
export function findExampleDir(candidates: readonly string[]): string | undefined {
  for (const c of candidates) {
    const dir = resolve(c);
    if (existsSync(join(dir, 'go.mod')) && existsSync(join(dir, 'proxy'))) return dir;
  }
  return undefined;
}

/**
 * exampleEnv is the environment the example is loaded with: only its own proxy, no checksum
 * database, no go.work, no user go env file, and download caches in a temporary directory so
 * that nothing of the example leaks into the user's caches (and none of theirs into it).
 */
export function exampleEnv(exampleDir: string, base: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const scratch = join(tmpdir(), 'gomodx-example');
  return {
    HOME: base.HOME,
    PATH: base.PATH,
    GOENV: 'off',
    GOFLAGS: '',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOPROXY: pathToFileURL(join(exampleDir, 'proxy')).href,
    GOSUMDB: 'off',
    GOPRIVATE: '',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOPATH: join(scratch, 'gopath'),
    GOMODCACHE: join(scratch, 'gopath', 'pkg', 'mod'),
    GOMODX_CACHE: join(scratch, 'gomodx-cache'),
    // Its own small vulnerability database: the example never asks vuln.go.dev.
    GOVULNDB: pathToFileURL(join(exampleDir, 'vulndb')).href,
  };
}
