import { chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NEWEST_GO } from '../core/toolchain/go-releases';
import { findLocalGo, lookPath } from './local-go';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** fakeGo writes a `go` script that answers `go env GOVERSION GOROOT` and counts its calls. */
function fakeGo(version: string): { bin: string; dir: string; calls: () => number; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gomodx-localgo-'));
  dirs.push(dir);
  const bin = join(dir, 'go');
  const count = join(dir, 'calls');
  writeFileSync(count, '');
  writeFileSync(bin, `#!/bin/sh\necho x >> ${count}\n[ "$GOTOOLCHAIN" = local ] || exit 3\nprintf '%s\\n%s\\n' ${version} ${dir}/root\n`);
  chmodSync(bin, 0o755);
  return { bin, dir, calls: () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length, cache: join(dir, 'cache') };
}

describe('findLocalGo', () => {
  it('asks the go on PATH once per binary, with switching off, and remembers the answer on disk', () => {
    const g = fakeGo('go1.25.4');
    const env = { PATH: `${g.dir}:/usr/bin:/bin` };
    const first = findLocalGo(env, g.cache);
    expect(first).toMatchObject({ version: '1.25.4', toolchain: 'go1.25.4', binary: g.bin, goroot: join(g.dir, 'root') });
    expect(findLocalGo(env, g.cache).version).toBe('1.25.4');
    expect(g.calls()).toBe(1);
    expect(JSON.parse(readFileSync(join(g.cache, 'local-go.json'), 'utf8'))[g.bin].toolchain).toBe('go1.25.4');
  });

  it('asks again when the binary changes', () => {
    const g = fakeGo('go1.25.4');
    const env = { PATH: `${g.dir}:/usr/bin:/bin` };
    findLocalGo(env, g.cache);
    writeFileSync(g.bin, readFileSync(g.bin, 'utf8').replace('go1.25.4', 'go1.27.3 '));
    utimesSync(g.bin, new Date(), new Date(Date.now() + 5000));
    expect(findLocalGo(env, g.cache).version).toBe('1.27.3');
    expect(g.calls()).toBe(2);
  });

  it('models the newest Go it knows when there is no go on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomodx-localgo-'));
    dirs.push(dir);
    const got = findLocalGo({ PATH: dir }, join(dir, 'cache'));
    expect(got.version).toBe(NEWEST_GO);
    expect(got.binary).toBeUndefined();
    expect(got.source).toMatch(/no go command on PATH/);
  });

  it('ignores relative PATH entries, as exec.LookPath does', () => {
    expect(lookPath('sh', '.:bin')).toBeUndefined();
    expect(lookPath('sh', '/bin')).toBe('/bin/sh');
  });
});
