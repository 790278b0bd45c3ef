import { describe, expect, it } from 'vitest';
import { checkModuleZip, cleanPath, strToFold } from './check-zip';

const P = 'example.com/a@v1.0.0/';
const f = (name: string, size = 1) => ({ name: P + name, size });

describe('module zip checks (x/mod/zip checkZip)', () => {
  it('cleans paths as path.Clean', () => {
    for (const [in_, out] of [
      ['a/b', 'a/b'],
      ['a//b', 'a/b'],
      ['a/./b', 'a/b'],
      ['a/../b', 'b'],
      ['../a', '../a'],
      ['/../a', '/a'],
      ['', '.'],
      ['a/', 'a'],
    ]) {
      expect(cleanPath(in_!)).toBe(out);
    }
  });

  it('folds names as strToFold', () => {
    expect(strToFold('a.go')).toBe('a.go');
    expect(strToFold('A.GO')).toBe('a.go');
    expect(strToFold('\u212a')).toBe(strToFold('k')); // the Kelvin sign folds to k
    expect(strToFold('Straße')).toBe(strToFold('STRAßE'));
  });

  it('accepts a well-formed zip', () => {
    expect(checkModuleZip('example.com/a', 'v1.0.0', [f('go.mod'), f('a.go'), f('sub/b.go'), { name: P, size: 0 }, f('sub/')])).toBeUndefined();
  });

  it('lists each invalid entry in order, in go words', () => {
    const err = checkModuleZip('example.com/a', 'v1.0.0', [
      f('a.go'),
      f('A.go'),
      f('a.go'),
      { name: 'other/x.go', size: 1 },
      f('../x.go'),
      f('x//y.go'),
      f('sub/go.mod'),
      f('Go.Mod'),
      f('d'),
      f('d/e.go'),
    ]);
    expect(err?.split('\n')).toEqual([
      `${P}A.go: case-insensitive file name collision: "a.go" and "A.go"`,
      `${P}a.go: multiple entries for file "a.go"`,
      'other/x.go: path does not have prefix "example.com/a@v1.0.0/"',
      `${P}../x.go: malformed file path "../x.go": invalid path element ".."`,
      `${P}x//y.go: file path is not clean`,
      `${P}sub/go.mod: go.mod file not in module root directory`,
      `${P}Go.Mod: go.mod files must have lowercase names`,
      `${P}d/e.go: entry "d" is both a file and a directory`,
    ]);
  });

  it('puts the size limit first and checks go.mod and LICENSE sizes', () => {
    expect(checkModuleZip('example.com/a', 'v1.0.0', [f('a.go', 300 << 20), f('b.go', 300 << 20), f('c.go')])).toBe(
      'total uncompressed size of module contents too large (max size is 524288000 bytes)',
    );
    expect(checkModuleZip('example.com/a', 'v1.0.0', [f('go.mod', (16 << 20) + 1), f('LICENSE', (16 << 20) + 1)])).toBe(
      `${P}go.mod: go.mod file too large (max size is 16777216 bytes)\n${P}LICENSE: LICENSE file too large (max size is 16777216 bytes)`,
    );
  });
});
