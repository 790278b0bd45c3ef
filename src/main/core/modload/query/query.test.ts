import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gomod, openWorld, type World } from '../testing/module-world.test-helper';
import { ALLOW_ALL, isRevisionQuery, modIsPrefix } from './query';
import { goCommand } from '../../../../../test/helpers/go-command';
import { skipNoticeWithoutGo } from '../../../../../test/helpers/go-skip-notice';

/*
 * Version queries (modload/query.go) over a small world, table-driven. Each row is also asked
 * of the go command (`go list -m path@query` with the same main module, over a file:// proxy
 * holding the same world), so the table itself is checked against go.
 */

const PSEUDO_A = 'v1.3.0-0.20230101000000-abcdefabcdef';
const PSEUDO_C = 'v0.0.0-20210101000000-123456789abc';

const WORLD: World = {
  'example.com/a': [
    { version: 'v1.0.0', goMod: gomod('example.com/a', '1.17') },
    { version: 'v1.0.1', goMod: gomod('example.com/a', '1.17') },
    { version: 'v1.1.0', goMod: gomod('example.com/a', '1.17') },
    { version: 'v1.2.0-pre', goMod: gomod('example.com/a', '1.17') },
    { version: 'v1.2.0', goMod: gomod('example.com/a', '1.17') },
    { version: 'v1.2.1', goMod: gomod('example.com/a', '1.17', {}, 'retract (\n\tv1.1.0 // broken\n\tv1.0.1\n)') },
    { version: 'v1.3.0-rc.1', goMod: gomod('example.com/a', '1.17'), time: '2022-06-01T00:00:00Z' },
    { version: PSEUDO_A, goMod: gomod('example.com/a', '1.17'), time: '2023-01-01T00:00:00Z' },
  ],
  'example.com/b': [
    { version: 'v0.1.0-alpha', goMod: gomod('example.com/b', '1.17') },
    { version: 'v0.1.0-beta', goMod: gomod('example.com/b', '1.17') },
  ],
  'example.com/c': [{ version: PSEUDO_C, goMod: gomod('example.com/c', '1.17'), time: '2021-01-01T00:00:00Z' }],
  'example.com/d': [
    { version: 'v1.0.0', goMod: gomod('example.com/d', '1.17') },
    { version: 'v2.0.0+incompatible', goMod: null },
    { version: 'v2.1.0+incompatible', goMod: null },
  ],
  'example.com/e': [
    { version: 'v1.0.0', goMod: null },
    { version: 'v2.0.0+incompatible', goMod: null },
  ],
};

const MAIN = gomod('example.com/main', '1.21', {}, 'exclude example.com/a v1.0.0');

interface Row {
  readonly path: string;
  readonly query: string;
  readonly current: string;
  /** The version go list answers, or the start of the error text. */
  readonly want?: string;
  readonly error?: string;
  /** More of the main go.mod (replacements). */
  readonly extra?: string;
}

const ROWS: readonly Row[] = [
  { path: 'example.com/a', query: 'latest', current: 'none', want: 'v1.2.1' },
  { path: 'example.com/a', query: 'upgrade', current: 'v1.1.0', want: 'v1.2.1' },
  { path: 'example.com/a', query: 'patch', current: 'v1.2.0', want: 'v1.2.1' },
  { path: 'example.com/a', query: 'v1', current: 'none', want: 'v1.2.1' },
  { path: 'example.com/a', query: 'v1.2', current: 'none', want: 'v1.2.1' },
  // A prefix query does not match prereleases of its .0 release (golang.org/issue/31972).
  { path: 'example.com/a', query: 'v1.3', current: 'none', error: 'no matching versions for query "v1.3"' },
  { path: 'example.com/a', query: '<v1.2.0', current: 'none', want: 'v1.2.0-pre' },
  { path: 'example.com/a', query: '<=v1.2.0', current: 'none', want: 'v1.2.0' },
  { path: 'example.com/a', query: '>=v1.1.0', current: 'none', want: 'v1.2.0' },
  { path: 'example.com/a', query: '>v1.2.0', current: 'none', want: 'v1.2.1' },
  { path: 'example.com/a', query: '>v1.2', current: 'none', error: 'ambiguous semantic version "v1.2" in range ">v1.2"' },
  { path: 'example.com/a', query: '<=vX', current: 'none', error: 'invalid semantic version "vX" in range "<=vX"' },
  { path: 'example.com/a', query: 'v1.1.0', current: 'none', want: 'v1.1.0' },
  { path: 'example.com/a', query: 'v1.4', current: 'none', error: 'no matching versions for query "v1.4"' },
  { path: 'example.com/a', query: 'upgrade', current: PSEUDO_A, want: PSEUDO_A },
  { path: 'example.com/a', query: 'patch', current: 'none', error: `can't query version "patch" of module example.com/a: no existing version is required` },
  { path: 'example.com/b', query: 'latest', current: 'none', want: 'v0.1.0-beta' },
  { path: 'example.com/c', query: 'latest', current: 'none', want: PSEUDO_C },
  { path: 'example.com/d', query: 'latest', current: 'none', want: 'v1.0.0' },
  { path: 'example.com/d', query: 'v2', current: 'none', want: 'v2.1.0+incompatible' },
  { path: 'example.com/d', query: '>=v1.0.0', current: 'none', want: 'v1.0.0' },
  { path: 'example.com/e', query: 'latest', current: 'none', want: 'v2.0.0+incompatible' },
  // Replaced for every version and published at no version: "upgrade" may move a pseudo-version
  // to the replacement's placeholder (v1's, for a gopkg.in .v1 path), whose time is go's zero
  // time, which the "never back in time" rule ignores.
  {
    path: 'gopkg.in/z.v1',
    query: 'upgrade',
    current: 'v0.0.0-20200229193218-bc9c6329a716',
    extra: `replace gopkg.in/z.v1 => example.com/c ${PSEUDO_C}`,
    want: 'v1.0.0-00010101000000-000000000000',
  },
];

/** mainFor is the main go.mod of a row: MAIN, requiring the row's module at its current version. */
function mainFor(row: Row): string {
  const extra = ['exclude example.com/a v1.0.0', row.extra ?? ''].filter(Boolean).join('\n\n');
  return row.current === 'none' && !row.extra ? MAIN : gomod('example.com/main', '1.21', row.current === 'none' ? {} : { [row.path]: row.current }, extra);
}

describe('version queries', () => {
  for (const row of ROWS) {
    it(`${row.path}@${row.query} (current ${row.current})`, async () => {
      const w = openWorld(WORLD, mainFor(row));
      // go list -m path@query allows excluded and retracted versions only for revision queries.
      const allowed = isRevisionQuery(row.path, row.query) ? ALLOW_ALL : w.queries.checkAllowed;
      const got = w.queries.query(row.path, row.query, row.current, allowed);
      if (row.error) await expect(got).rejects.toThrow(row.error);
      else expect((await got).version).toBe(row.want);
    });
  }

  it('refuses an excluded exact version where go get does (checkExclusions)', async () => {
    const w = openWorld(WORLD, MAIN);
    await expect(w.queries.query('example.com/a', 'v1.0.0', 'none', w.queries.checkExclusions)).rejects.toThrow('example.com/a@v1.0.0: excluded by go.mod');
  });

  it('walks previousVersion over allowed versions only', async () => {
    const w = openWorld(WORLD, MAIN);
    const steps: string[] = [];
    let m = { path: 'example.com/a', version: 'v1.2.1' };
    while (m.version !== 'none') {
      m = await w.queries.previousVersion(m);
      steps.push(m.version);
    }
    // v1.1.0 and v1.0.1 are retracted, v1.0.0 excluded: only v1.2.0 and its prerelease remain.
    expect(steps).toEqual(['v1.2.0', 'v1.2.0-pre', 'none']);
  });

  it('classifies prefixes as go does', () => {
    expect([modIsPrefix('example.com/a', 'v1'), modIsPrefix('example.com/a', 'v1.2'), modIsPrefix('example.com/a', 'v1.2.3'), modIsPrefix('go', '1.21'), modIsPrefix('go', '1.21.0')]).toEqual([true, true, false, true, false]);
  });
});

const GO = goCommand();

skipNoticeWithoutGo('the table agrees with go list -m path@query');
describe.skipIf(GO === undefined)('the table agrees with go list -m path@query', () => {
  const root = mkdtempSync(join(tmpdir(), 'gomodx-query-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const proxy = join(root, 'proxy');
  for (const [path, versions] of Object.entries(WORLD)) {
    const dir = join(proxy, path, '@v');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'list'), versions.filter((v) => !/\d{14}-[0-9a-f]{12}/.test(v.version)).map((v) => v.version + '\n').join(''));
    for (const v of versions) {
      const info = JSON.stringify({ Version: v.version, Time: v.time ?? '2020-01-01T00:00:00Z' });
      writeFileSync(join(dir, `${v.version}.info`), info);
      writeFileSync(join(dir, `${v.version}.mod`), v.goMod ?? `module ${path}\n`);
    }
    const pseudo = versions.filter((v) => /\d{14}-[0-9a-f]{12}/.test(v.version));
    if (pseudo.length === versions.length) writeFileSync(join(proxy, path, '@latest'), JSON.stringify({ Version: pseudo[pseudo.length - 1]!.version, Time: pseudo[pseudo.length - 1]!.time }));
  }
  ROWS.forEach((row, i) => {
    it(`${row.path}@${row.query} (current ${row.current})`, () => {
      const work = join(root, `w${i}`);
      mkdirSync(work, { recursive: true });
      writeFileSync(join(work, 'go.mod'), mainFor(row));
      const env = {
        PATH: '/usr/bin:/bin',
        HOME: join(root, 'home'),
        GOPATH: join(root, 'gopath'),
        GOMODCACHE: join(root, 'gopath', 'pkg', 'mod'),
        GOCACHE: join(root, 'gocache'),
        GOTOOLCHAIN: 'local',
        GOENV: 'off',
        GOFLAGS: '-mod=mod',
        GOPROXY: pathToFileURL(proxy).href,
        GOSUMDB: 'off',
      };
      const r = spawnSync(GO!, ['list', '-m', '-f', '{{.Version}}', `${row.path}@${row.query}`], { cwd: work, env, encoding: 'utf8' });
      if (row.error) {
        expect(r.status).not.toBe(0);
        expect(r.stderr).toContain(row.error);
      } else {
        expect(r.stderr).toBe('');
        expect(r.stdout.trim()).toBe(row.want);
      }
    });
  });
});
