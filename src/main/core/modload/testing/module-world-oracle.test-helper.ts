/*
 * Test support (not shipped): writes a module world as a file:// GOPROXY tree (list, .info,
 * .mod, .zip with one package) and runs the go command on a main module over it, hermetically.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { goCommand } from '../../../../../test/helpers/go-command';
import { storeZip } from '../../../../../test/helpers/universe/store-zip';
import type { World } from './module-world.test-helper';

/** GO is the oracle go command (see test/helpers/go-command.ts); "go" when there is none. */
export const GO = goCommand() ?? 'go';

/** haveGo tells whether the oracle can run. */
export function haveGo(): boolean {
  return goCommand() !== undefined;
}

function isPseudo(v: string): boolean {
  return /\d{14}-[0-9a-f]{12}/.test(v);
}

/** writeWorldProxy writes w under dir as a GOPROXY tree. */
export function writeWorldProxy(w: World, dir: string): void {
  for (const [path, versions] of Object.entries(w)) {
    const vdir = join(dir, path, '@v');
    mkdirSync(vdir, { recursive: true });
    writeFileSync(join(vdir, 'list'), versions.filter((v) => !isPseudo(v.version)).map((v) => v.version + '\n').join(''));
    for (const v of versions) {
      writeFileSync(join(vdir, `${v.version}.info`), JSON.stringify({ Version: v.version, Time: v.time ?? '2020-01-01T00:00:00Z' }));
      const mod = v.goMod ?? `module ${path}\n`;
      writeFileSync(join(vdir, `${v.version}.mod`), mod);
      const files = [{ name: `${path}@${v.version}/doc.go`, data: `package ${path.split('/').pop()!.replace(/\W/g, '_')}\n` }];
      if (v.goMod !== null) files.unshift({ name: `${path}@${v.version}/go.mod`, data: mod });
      writeFileSync(join(vdir, `${v.version}.zip`), storeZip(files));
    }
    const pseudo = versions.filter((v) => isPseudo(v.version));
    if (pseudo.length === versions.length && pseudo.length > 0) {
      const last = pseudo[pseudo.length - 1]!;
      writeFileSync(join(dir, path, '@latest'), JSON.stringify({ Version: last.version, Time: last.time ?? '2020-01-01T00:00:00Z' }));
    }
  }
}

/** goGet runs `go get args` in a fresh main module holding mainGoMod; returns go.mod after, or the error. */
export function goGet(root: string, proxy: string, name: string, mainGoMod: string, args: readonly string[]): { code: number; goMod: string; stderr: string } {
  const work = join(root, name);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), mainGoMod);
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: join(root, 'home'),
    GOPATH: join(root, 'gopath'),
    GOMODCACHE: join(root, 'gopath', 'pkg', 'mod'),
    GOCACHE: join(root, 'gocache'),
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    GOFLAGS: '',
    GOPROXY: pathToFileURL(proxy).href,
    GOSUMDB: 'off',
  };
  const r = spawnSync(GO, ['get', ...args], { cwd: work, env, encoding: 'utf8' });
  return { code: r.status ?? 1, goMod: readFileSync(join(work, 'go.mod'), 'utf8'), stderr: r.stderr };
}
