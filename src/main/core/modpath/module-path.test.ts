import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModuleVersion } from '../../../shared/model/module-version';
import {
  canonicalVersion,
  check,
  checkFilePath,
  checkImportPath,
  checkPath,
  checkPathMajor,
  InvalidPathError,
  InvalidVersionError,
  matchPathMajor,
  matchPrefixPatterns,
  ModuleError,
  pathMajorPrefix,
  splitPathVersion,
  versionError,
} from './module-path';
import { sortModules } from '../gover/module-sort';
import { goCommand } from '../../../../test/helpers/go-command';
import { skipNoticeWithoutGo } from '../../../../test/helpers/go-skip-notice';

interface SortCase {
  in: { Path: string; Version?: string }[];
  out: { Path: string; Version?: string }[];
  ties: boolean[];
}

interface ModpathGolden {
  paths: [
    p: string,
    modErr: string | null,
    importErr: string | null,
    fileErr: string | null,
    prefix: string,
    pathMajor: string,
    ok: boolean,
    escaped: string | null,
    escErr: string | null,
    unescaped: string | null,
    unescErr: string | null,
  ][];
  checkPathMajor: [v: string, pathMajor: string, err: string | null, match: boolean, prefixOrPanic: string][];
  check: [p: string, v: string, err: string | null][];
  matchPrefixPatterns: [globs: string, target: string, want: boolean][];
  moduleSort: SortCase[];
  versionError: [path: string, version: string, kind: string, arg: string, text: string][];
}

const golden = JSON.parse(
  readFileSync(new URL('./testdata/modpath-golden.json', import.meta.url), 'utf8'),
) as ModpathGolden;

/** Returns the thrown error's text, or null when f returns normally. */
function errorOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const mod = (path: string, version: string): ModuleVersion => ({ path, version });

// [path, checkPath error, checkImportPath error, checkFilePath error] (null = valid).
const pathTests: [string, string | null, string | null, string | null][] = [
  ['x.y/z', null, null, null],
  ['x.y', null, null, null],
  ['', 'malformed module path "": empty string', 'malformed import path "": empty string', 'malformed file path "": empty string'],
  ['/x.y/z', 'malformed module path "/x.y/z": empty path element', 'malformed import path "/x.y/z": empty path element', 'malformed file path "/x.y/z": empty path element'],
  ['x./z', 'malformed module path "x./z": trailing dot in path element', 'malformed import path "x./z": trailing dot in path element', 'malformed file path "x./z": trailing dot in path element'],
  ['.x/z', 'malformed module path ".x/z": leading dot in path element', null, null],
  ['-x/z', 'malformed module path "-x/z": leading dash', 'malformed import path "-x/z": leading dash', null],
  ['x..y/z', null, null, null],
  ['x.y/z/../../w', 'malformed module path "x.y/z/../../w": invalid path element ".."', 'malformed import path "x.y/z/../../w": invalid path element ".."', 'malformed file path "x.y/z/../../w": invalid path element ".."'],
  ['x.y//z', 'malformed module path "x.y//z": double slash', 'malformed import path "x.y//z": double slash', 'malformed file path "x.y//z": double slash'],
  ['x.y/z/', 'malformed module path "x.y/z/": trailing slash', 'malformed import path "x.y/z/": trailing slash', 'malformed file path "x.y/z/": trailing slash'],
  ['x.y/z/v0', 'malformed module path "x.y/z/v0": invalid version', null, null],
  ['x.y/z/v1', 'malformed module path "x.y/z/v1": invalid version', null, null],
  ['x.y/z/v2', null, null, null],
  ['x.y/z/v2.0', 'malformed module path "x.y/z/v2.0": invalid version', null, null],
  ['X.y/z', 'malformed module path "X.y/z": invalid char \'X\' in first path element', null, null],
  ['!x.y/z', 'malformed module path "!x.y/z": invalid char \'!\'', 'malformed import path "!x.y/z": invalid char \'!\'', null],
  ['_x.y/z', 'malformed module path "_x.y/z": invalid char \'_\' in first path element', null, null],
  ['x.y/z/+', 'malformed module path "x.y/z/+": invalid char \'+\'', null, null],
  ['xy', 'malformed module path "xy": missing dot in first path element', null, null],
  ['x.y/con', 'malformed module path "x.y/con": "con" disallowed as path element component on Windows', 'malformed import path "x.y/con": "con" disallowed as path element component on Windows', 'malformed file path "x.y/con": "con" disallowed as path element component on Windows'],
  ['x.y/Com1.txt', 'malformed module path "x.y/Com1.txt": "Com1" disallowed as path element component on Windows', 'malformed import path "x.y/Com1.txt": "Com1" disallowed as path element component on Windows', 'malformed file path "x.y/Com1.txt": "Com1" disallowed as path element component on Windows'],
  ['x.y/conx', null, null, null],
  ['x.y/LPT8.go', 'malformed module path "x.y/LPT8.go": "LPT8" disallowed as path element component on Windows', 'malformed import path "x.y/LPT8.go": "LPT8" disallowed as path element component on Windows', 'malformed file path "x.y/LPT8.go": "LPT8" disallowed as path element component on Windows'],
  ['x.y/lpt10', null, null, null],
  ['x.y/z~1', 'malformed module path "x.y/z~1": trailing tilde and digits in path element', 'malformed import path "x.y/z~1": trailing tilde and digits in path element', null],
  ['x.y/z~1.txt', 'malformed module path "x.y/z~1.txt": trailing tilde and digits in path element', 'malformed import path "x.y/z~1.txt": trailing tilde and digits in path element', null],
  ['x.y/z~', null, null, null],
  ['x.y/z~a', null, null, null],
  ['x.y/a b', "malformed module path \"x.y/a b\": invalid char ' '", "malformed import path \"x.y/a b\": invalid char ' '", null],
  ['x.y/é', "malformed module path \"x.y/é\": invalid char 'é'", "malformed import path \"x.y/é\": invalid char 'é'", null],
  ['x.y/a\u00a0b', "malformed module path \"x.y/a\\u00a0b\": invalid char '\\u00a0'", "malformed import path \"x.y/a\\u00a0b\": invalid char '\\u00a0'", "malformed file path \"x.y/a\\u00a0b\": invalid char '\\u00a0'"],
  ['x.y/a\tb', "malformed module path \"x.y/a\\tb\": invalid char '\\t'", "malformed import path \"x.y/a\\tb\": invalid char '\\t'", "malformed file path \"x.y/a\\tb\": invalid char '\\t'"],
  ['x.y/a:b', "malformed module path \"x.y/a:b\": invalid char ':'", "malformed import path \"x.y/a:b\": invalid char ':'", "malformed file path \"x.y/a:b\": invalid char ':'"],
  ['gopkg.in/yaml.v2', null, null, null],
  ['gopkg.in/yaml.v0', null, null, null],
  ['gopkg.in/yaml.v00', 'malformed module path "gopkg.in/yaml.v00": invalid version', null, null],
  ['gopkg.in/yaml', 'malformed module path "gopkg.in/yaml": invalid version', null, null],
  ['gopkg.in/yaml.v1-unstable', null, null, null],
];

describe('path checks, hand tables', () => {
  it.each(pathTests)('%j', (p, modErr, importErr, fileErr) => {
    expect(errorOf(() => checkPath(p))).toBe(modErr);
    expect(errorOf(() => checkImportPath(p))).toBe(importErr);
    expect(errorOf(() => checkFilePath(p))).toBe(fileErr);
  });

  it('throws InvalidPathError, which is a ModuleError, carrying kind and path', () => {
    try {
      checkPath('-x');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ModuleError);
      expect(e).toBeInstanceOf(InvalidPathError);
      expect((e as InvalidPathError).pathKind).toBe('module');
      expect((e as InvalidPathError).path).toBe('-x');
      expect((e as Error).message).toBe('malformed module path "-x": leading dash');
      expect((e as ModuleError).err.message).toBe('leading dash');
    }
  });

  it('rejects strings that are not valid UTF-16 (Go: invalid UTF-8)', () => {
    expect(errorOf(() => checkImportPath('x.y/\ud800'))).toBe('malformed import path "x.y/\\ufffd": invalid UTF-8');
  });

  it.each([
    ['x.y/z', 'x.y/z', '', true],
    ['x.y/z/v2', 'x.y/z', '/v2', true],
    ['x.y/z/v10', 'x.y/z', '/v10', true],
    ['x.y/z/v1', 'x.y/z/v1', '', false],
    ['x.y/z/v0', 'x.y/z/v0', '', false],
    ['x.y/z/v02', 'x.y/z/v02', '', false],
    ['x.y/z/v2.1', 'x.y/z/v2.1', '', false],
    ['x.y/v2', 'x.y', '/v2', true],
    ['x.y/zv2', 'x.y/zv2', '', true],
    ['gopkg.in/yaml.v2', 'gopkg.in/yaml', '.v2', true],
    ['gopkg.in/yaml.v1-unstable', 'gopkg.in/yaml', '.v1-unstable', true],
    ['gopkg.in/yaml.v0', 'gopkg.in/yaml', '.v0', true],
    ['gopkg.in/yaml.v01', 'gopkg.in/yaml.v01', '', false],
    ['gopkg.in/yaml', 'gopkg.in/yaml', '', false],
  ] as const)('splitPathVersion(%j)', (p, prefix, pathMajor, ok) => {
    expect(splitPathVersion(p)).toEqual({ prefix, pathMajor, ok });
  });

  it.each([
    ['v1.2.3', '', null],
    ['v0.1.0', '', null],
    ['v2.0.0', '', 'version "v2.0.0" invalid: should be v0 or v1, not v2'],
    ['v2.0.0+incompatible', '', null],
    ['v2.0.0', '/v2', null],
    ['v1.0.0', '/v2', 'version "v1.0.0" invalid: should be v2, not v1'],
    ['v3.0.0', '.v3', null],
    ['v0.0.0-20190101000000-abcdef123456', '.v1', null],
    ['v1.5.0', '.v1-unstable', null],
    ['v2.5.0', '.v1-unstable', 'version "v2.5.0" invalid: should be v1, not v2'],
    ['bad', '/v2', 'version "bad" invalid: should be v2, not '],
  ] as const)('checkPathMajor(%j, %j)', (v, pm, err) => {
    expect(errorOf(() => checkPathMajor(v, pm))).toBe(err);
    expect(matchPathMajor(v, pm)).toBe(err === null);
  });

  it('pathMajorPrefix', () => {
    expect(pathMajorPrefix('')).toBe('');
    expect(pathMajorPrefix('/v2')).toBe('v2');
    expect(pathMajorPrefix('.v1-unstable')).toBe('v1');
    expect(errorOf(() => pathMajorPrefix('v2'))).toBe('pathMajor suffix v2 passed to PathMajorPrefix lacks separator');
  });

  it('canonicalVersion keeps +incompatible only', () => {
    expect(canonicalVersion('v2.0.0+incompatible')).toBe('v2.0.0+incompatible');
    // A shorthand cannot carry build metadata, so this is not a version at all.
    expect(canonicalVersion('v2.0+incompatible')).toBe('');
    expect(canonicalVersion('v2.0.0+meta')).toBe('v2.0.0');
    expect(canonicalVersion('bad')).toBe('');
  });

  it('check combines path, semver and major checks', () => {
    expect(errorOf(() => check('x.y/z', 'v1.0.0'))).toBeNull();
    expect(errorOf(() => check('x.y/z', 'v1.0'))).toBeNull();
    expect(errorOf(() => check('x.y/z', 'bad'))).toBe('x.y/z@bad: invalid version: not a semantic version');
    expect(errorOf(() => check('x.y/z/v2', 'v1.0.0'))).toBe('x.y/z/v2@v1.0.0: invalid version: should be v2, not v1');
  });

  it.each([
    ['', 'example.com', false],
    ['example.com', 'example.com', true],
    ['example.com', 'example.com/x/y', true],
    ['example.com/', 'example.com/x', true],
    ['example.com/x', 'example.com', false],
    ['*.example.com', 'a.example.com/x', true],
    ['*.example.com', 'example.com/x', false],
    ['example.com/*', 'example.com/x/y', true],
    ['github.com/[a-f]oo', 'github.com/foo/bar', true],
    ['github.com/[^a-f]oo', 'github.com/foo/bar', false],
    ['bad[,github.com', 'github.com/x', true],
    ['bad[', 'bad[', false],
    [',,rsc.io/private', 'rsc.io/private/quote', true],
    ['rsc.io', 'rsc.io.evil/x', false],
    // The slash inside the class counts, so the prefix is "a/b", and a trailing * never crosses a slash.
    ['[^/]*', 'a/b', false],
    ['*/*', 'a/b/c', true],
  ] as const)('matchPrefixPatterns(%j, %j) = %j', (globs, target, want) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want);
  });

  it('sortModules sorts by path, semver, then file suffix, without mutating', () => {
    const input = [mod('b', 'v1.0.0'), mod('a', 'v1.10.0'), mod('a', 'v1.2.0/go.mod'), mod('a', 'v1.2.0'), mod('a', 'v1.9.0')];
    const copy = [...input];
    expect(sortModules(input)).toEqual([
      mod('a', 'v1.2.0'),
      mod('a', 'v1.2.0/go.mod'),
      mod('a', 'v1.9.0'),
      mod('a', 'v1.10.0'),
      mod('b', 'v1.0.0'),
    ]);
    expect(input).toEqual(copy);
  });

  it('versionError texts', () => {
    expect(versionError(mod('x.y/z', 'v1.0.0'), new Error('boom')).message).toBe('x.y/z@v1.0.0: boom');
    expect(versionError(mod('x.y/z', ''), new Error('boom')).message).toBe('module x.y/z: boom');
    expect(versionError(mod('x.y/z', 'v1.0.0'), new InvalidVersionError('v1.0.1', new Error('nope'))).message).toBe(
      'x.y/z@v1.0.1: invalid version: nope',
    );
    expect(versionError(mod('x.y/z', ''), new InvalidVersionError('v0.0.0-x', new Error('syntax error'), true)).message).toBe(
      'x.y/z@v0.0.0-x: invalid pseudo-version: syntax error',
    );
    const same = new ModuleError('x.y/z', 'v1.0.0', new Error('inner'));
    expect(versionError(mod('x.y/z', 'v1.0.0'), same)).toBe(same);
    const wrapper = new Error('context: x.y/z@v1.0.0: inner', { cause: same });
    expect(versionError(mod('x.y/z', 'v1.0.0'), wrapper).message).toBe('context: x.y/z@v1.0.0: inner');
    expect(versionError(mod('x.y/z', 'v2.0.0'), same).message).toBe('x.y/z@v2.0.0: x.y/z@v1.0.0: inner');
  });
});

describe('module paths against golang.org/x/mod (golden data)', () => {
  it(`agrees on CheckPath/CheckImportPath/CheckFilePath/SplitPathVersion for ${golden.paths.length} paths`, () => {
    const mismatches = golden.paths
      .map(([p, modErr, importErr, fileErr, prefix, pathMajor, ok]) => {
        const split = splitPathVersion(p);
        return {
          p,
          want: [modErr, importErr, fileErr, prefix, pathMajor, ok],
          got: [
            errorOf(() => checkPath(p)),
            errorOf(() => checkImportPath(p)),
            errorOf(() => checkFilePath(p)),
            split.prefix,
            split.pathMajor,
            split.ok,
          ],
        };
      })
      .filter((r) => JSON.stringify(r.want) !== JSON.stringify(r.got));
    expect(mismatches).toEqual([]);
  });

  it(`agrees on CheckPathMajor/MatchPathMajor/PathMajorPrefix for ${golden.checkPathMajor.length} cases`, () => {
    const mismatches = golden.checkPathMajor.filter(([v, pm, err, match, prefix]) => {
      let gotPrefix: string;
      try {
        gotPrefix = pathMajorPrefix(pm);
      } catch (e) {
        gotPrefix = `panic: ${(e as Error).message}`;
      }
      return errorOf(() => checkPathMajor(v, pm)) !== err || matchPathMajor(v, pm) !== match || gotPrefix !== prefix;
    });
    expect(mismatches).toEqual([]);
  });

  it(`agrees on Check for ${golden.check.length} path/version pairs`, () => {
    expect(golden.check.filter(([p, v, err]) => errorOf(() => check(p, v)) !== err)).toEqual([]);
  });

  it(`agrees on MatchPrefixPatterns for ${golden.matchPrefixPatterns.length} cases`, () => {
    expect(golden.matchPrefixPatterns.filter(([g, t, want]) => matchPrefixPatterns(g, t) !== want)).toEqual([]);
  });

  it(`agrees on Sort for ${golden.moduleSort.length} lists (up to Go's unstable ties)`, () => {
    for (const c of golden.moduleSort) {
      const got = sortModules(c.in.map((m) => mod(m.Path, m.Version ?? '')));
      const keys = (list: ModuleVersion[]) => list.map((m) => `${m.path}@${m.version}`);
      const wantKeys = keys(c.out.map((m) => mod(m.Path, m.Version ?? '')));
      const gotKeys = keys(got);
      // Compare run by run: within a run of ties Go's order is unspecified.
      let start = 0;
      for (let i = 1; i <= wantKeys.length; i++) {
        if (i === wantKeys.length || !c.ties[i]) {
          expect(gotKeys.slice(start, i).sort()).toEqual(wantKeys.slice(start, i).sort());
          start = i;
        }
      }
    }
  });

  it(`agrees on VersionError texts for ${golden.versionError.length} cases`, () => {
    const mismatches = golden.versionError.filter(([p, v, kind, arg, text]) => {
      let err: Error;
      switch (kind) {
        case 'plain':
          err = new Error(`some failure: ${arg}`);
          break;
        case 'invalid-version':
          err = new InvalidVersionError(arg, new Error('not ok'));
          break;
        case 'invalid-pseudo':
          err = new InvalidVersionError(arg, new Error('syntax error'), true);
          break;
        case 'module-same':
          err = new ModuleError(p, v, new Error('inner'));
          break;
        case 'module-other':
          err = new ModuleError(`${p}x`, arg, new Error('inner'));
          break;
        case 'module-noversion':
          err = new ModuleError(p, '', new Error('inner'));
          break;
        default:
          try {
            checkImportPath(`${arg}/ `);
            err = new Error('unexpectedly valid');
          } catch (e) {
            err = e as Error;
          }
      }
      return versionError(mod(p, v), err).message !== text;
    });
    expect(mismatches).toEqual([]);
  });
});

const GO = goCommand();

skipNoticeWithoutGo('path and major errors as the go command prints them');
describe.skipIf(GO === undefined)('path and major errors as the go command prints them', () => {
  function goModEdit(gomod: string, args: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'modpath-'));
    try {
      writeFileSync(join(dir, 'go.mod'), gomod);
      execFileSync(GO!, ['mod', 'edit', ...args], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          // An unwritable home keeps the go command's telemetry from writing into dir behind our back.
          HOME: '/dev/null',
          XDG_CONFIG_HOME: '/dev/null',
          GOPATH: join(dir, 'gopath'),
          GOMODCACHE: join(dir, 'gopath', 'pkg', 'mod'),
          GOCACHE: join(dir, 'cache'),
          GOTOOLCHAIN: 'local',
          GOFLAGS: '',
          GOENV: 'off',
          GOPROXY: 'off',
          GOSUMDB: 'off',
        },
      });
      return '';
    } catch (e) {
      return String((e as { stderr?: string }).stderr ?? '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each(['example.com/a~1', 'example.com/a b', 'example.com/con', 'example.com//x', '-x.com/y'])(
    'go mod edit -require=%s@v1.0.0 reports checkImportPath text',
    (p) => {
      const stderr = goModEdit('module example.com/m\n\ngo 1.21\n', [`-require=${p}@v1.0.0`]);
      expect(stderr).toContain(errorOf(() => checkImportPath(p)) ?? 'no error expected');
    },
  );

  it.each([
    ['example.com/y/v2', 'v1.0.0', '/v2'],
    ['example.com/z', 'v2.0.0', ''],
    ['gopkg.in/yaml.v2', 'v3.0.0', '.v2'],
  ])('go.mod "require %s %s" reports checkPathMajor text', (p, v, pm) => {
    const stderr = goModEdit(`module example.com/m\n\ngo 1.21\n\nrequire ${p} ${v}\n`, ['-json']);
    expect(stderr).toContain(`require ${p}: ${errorOf(() => checkPathMajor(v, pm))}`);
  });
});
