import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeGoBytes } from '../gostrings/utf8';
import { decodeSource, parseGopkgLock } from './dep';
import { LegacyParseError, type LegacyConfig } from './legacy-config';
import { CONVERTERS, type AltConfig } from './modconv';
import { parseGlideLock } from './glide';
import { parseGodepsJson } from './godeps';
import { parseVendorYml } from './vyml';
import { parseDependenciesTsv } from './tsv';

const TESTDATA = path.join(__dirname, 'testdata');

/** The file name each of go's test inputs stands for (modconv_test.go's extMap). */
const EXT_MAP: Record<string, AltConfig> = {
  '.dep': 'Gopkg.lock',
  '.glide': 'glide.lock',
  '.glock': 'GLOCKFILE',
  '.godeps': 'Godeps/Godeps.json',
  '.tsv': 'dependencies.tsv',
  '.vconf': 'vendor.conf',
  '.vjson': 'vendor/vendor.json',
  '.vyml': 'vendor.yml',
  '.vmanifest': 'vendor/manifest',
};

function printed(cfg: LegacyConfig): string {
  let s = '';
  for (const r of cfg.require) s += `${r.path} ${r.version}\n`;
  for (const r of cfg.replace) s += `replace: ${r.old.path} ${r.old.version} ${r.new.path} ${r.new.version}\n`;
  return s;
}

describe("go's modconv testdata", () => {
  const inputs = readdirSync(TESTDATA).filter((f) => EXT_MAP[path.extname(f)] !== undefined);
  it('covers all nine formats', () => {
    expect(new Set(inputs.map((f) => EXT_MAP[path.extname(f)]))).toEqual(new Set(Object.values(EXT_MAP)));
  });
  for (const name of inputs) {
    it(`${name} reads back ${name.replace(/\.[^.]+$/, '.out')}`, () => {
      const file = path.join(TESTDATA, name);
      const data = decodeGoBytes(readFileSync(file));
      const want = readFileSync(file.replace(/\.[^.]+$/, '.out'), 'utf8');
      expect(printed(CONVERTERS[EXT_MAP[path.extname(name)]!](file, data))).toBe(want);
    });
  }
});

describe('Gopkg.lock', () => {
  it('takes version over revision only when canonical, and only after it', () => {
    const lock = [
      '[[projects]]',
      '  name = "a.com/x" # comment',
      '  revision = "abc"',
      '  version = "v1.2"',
      '[[projects]]',
      '  name = "a.com/y"',
      '  revision = "def"',
      '  version = "v1.2.0"',
      '[[projects]]',
      '  name = "a.com/z"',
      '  version = "v1.3.0"',
      '  revision = "fed"',
      '[solve-meta]',
      '  name = "ignored"',
    ].join('\n');
    expect(parseGopkgLock('Gopkg.lock', lock).require).toEqual([
      { path: 'a.com/x', version: 'abc' },
      { path: 'a.com/y', version: 'v1.2.0' },
      { path: 'a.com/z', version: 'fed' },
    ]);
  });
  it('reports a bad quoted string with its line, and an empty stanza', () => {
    expect(() => parseGopkgLock('/p/Gopkg.lock', '[[projects]]\n  name = "a\\q"\n')).toThrow('/p/Gopkg.lock:2: invalid quoted string: invalid syntax');
    expect(() => parseGopkgLock('/p/Gopkg.lock', '[[projects]]\n  name = "z"\n')).toThrow(new LegacyParseError('/p/Gopkg.lock', 0, '/p/Gopkg.lock: empty [[projects]] stanza (z)'));
  });
  it('turns sources into import paths as go did', () => {
    expect(decodeSource('git@github.com:containous/mesos-dns.git')).toBe('github.com/containous/mesos-dns');
    expect(decodeSource('https://example.com/a/b.git')).toBe('example.com/a/b');
    expect(decodeSource('ssh://git@example.com/a/b.hg')).toBe('example.com/a/b');
    expect(decodeSource('github.com/x/y')).toBe('github.com/x/y');
    expect(decodeSource('https://example.com/a/../b/')).toBe('example.com/b');
    expect(decodeSource('//example.com/a')).toBe('example.com/a');
    expect(decodeSource('https://user@example.com:443/a.git')).toBe('example.com:443/a');
  });
  it('refuses the sources net/url refuses, as go did', () => {
    expect(() => decodeSource('https://example.com/a%zz.git')).toThrow('"https://example.com/a%zz.git" is not a valid URI');
    expect(() => decodeSource('ht tp://example.com/a')).toThrow('is not a valid URI');
    expect(() => parseGopkgLock('/p/Gopkg.lock', '[[projects]]\n  name = "a"\n  revision = "r"\n  source = ":x"\n')).toThrow('":x" is not a valid URI');
  });
});

describe('line scanners', () => {
  it('glide.lock: imports only, two-space version lines, the name carried over', () => {
    const lock = 'imports:\n- name: a.com/x\n  version: v1\n  version: v2\n   version: no\ntestImports:\n- name: t.com/y\n  version: v3\n';
    expect(parseGlideLock('glide.lock', lock).require).toEqual([
      { path: 'a.com/x', version: 'v1' },
      { path: 'a.com/x', version: 'v2' },
    ]);
  });
  it('vendor.yml: vendors section only', () => {
    expect(parseVendorYml('vendor.yml', 'vendors:\n- path: a.com/x\n  rev: r1\nother:\n- path: b.com/y\n  rev: r2\n').require).toEqual([{ path: 'a.com/x', version: 'r1' }]);
  });
  it('dependencies.tsv: tabs only, no trimming', () => {
    expect(parseDependenciesTsv('dependencies.tsv', 'a.com/x\tgit\tr1\t2017\n b.com/y \tgit\tr2\nc.com/z git r3\n').require).toEqual([
      { path: 'a.com/x', version: 'r1' },
      { path: ' b.com/y ', version: 'r2' },
    ]);
  });
});

describe('JSON lock files', () => {
  it('match keys case-insensitively and keep null entries (go skips them later)', () => {
    expect(parseGodepsJson('Godeps.json', '{"deps":[{"importpath":"a.com/x","REV":"r1"},null]}').require).toEqual([
      { path: 'a.com/x', version: 'r1' },
      { path: '', version: '' },
    ]);
  });
  it("fail with encoding/json's words", () => {
    expect(() => parseGodepsJson('Godeps.json', '{"Deps": [')).toThrow('unexpected end of JSON input');
    expect(() => parseGodepsJson('Godeps.json', '{"Deps":[{"Rev":5}]}')).toThrow('json: cannot unmarshal number into Go struct field .Deps.Rev of type string');
  });
});
