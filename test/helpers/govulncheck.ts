// govulncheck for the vuln differential suite: golang.org/x/vuln/cmd/govulncheck at a pinned
// version, built once through the Go module proxy into a cache directory ($GOMODX_GOVULNCHECK_DIR,
// default <tmp>/gomodx-govulncheck-<version>; .ci/run builds it there too). Where it cannot be
// built (no go, no proxy), tests skip and say why.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { goCommand } from './go-command';

/** GOVULNCHECK_VERSION is the golang.org/x/vuln release the suite compares with. */
export const GOVULNCHECK_VERSION = 'v1.10.0';

/** govulncheckDir is where the binary is built. */
export function govulncheckDir(): string {
  return process.env.GOMODX_GOVULNCHECK_DIR ?? path.join(tmpdir(), `gomodx-govulncheck-${GOVULNCHECK_VERSION}`);
}

let built: { path?: string; reason?: string } | undefined;

/**
 * govulncheck returns the binary's path, building it on first use with the user's proxy
 * settings (this one build is the only network the suite may need), or the reason it cannot.
 */
export function govulncheck(): { path?: string; reason?: string } {
  if (built) return built;
  const dir = govulncheckDir();
  const bin = path.join(dir, 'govulncheck');
  if (existsSync(bin)) return (built = { path: bin });
  const go = goCommand();
  if (!go) return (built = { reason: 'no go command to build govulncheck with' });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(go, ['install', `golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}`], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOWORK: 'off' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0 || !existsSync(bin)) {
    return (built = { reason: `govulncheck ${GOVULNCHECK_VERSION} could not be built through the module proxy: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-1)[0]}` });
  }
  return (built = { path: bin });
}
