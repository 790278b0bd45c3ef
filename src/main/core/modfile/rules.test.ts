/*
 * Table tests of parsing details: comment-derived texts (Deprecated:, retraction rationale) with
 * x/mod's own expectations, version fixers, lax mode, error entries and positions, and
 * modulePathFromGoMod. The differential tests cover the same ground at random; these pin the
 * documented behaviours down by name.
 */

import { describe, expect, it } from 'vitest';
import { ModuleError } from '../modpath/module-path';
import { ModFileError } from './errors';
import { formatModFile } from './print';
import { modulePathFromGoMod, parseModFile, parseWorkFile } from './rules';

function parseError(text: string, opts: Parameters<typeof parseModFile>[2] = {}): ModFileError {
  try {
    parseModFile('go.mod', text, opts);
  } catch (e) {
    if (e instanceof ModFileError) return e;
    throw e;
  }
  throw new Error('parse succeeded');
}

describe('retraction rationale', () => {
  it.each([
    ['no_comment', 'module m\nretract v1.0.0', ''],
    ['prefix_one', 'module m\n//   prefix\nretract v1.0.0 \n', 'prefix'],
    ['prefix_multiline', 'module m\n//  one\n//\n//     two\n//\n// three  \nretract v1.0.0', 'one\n\ntwo\n\nthree'],
    ['suffix', 'module m\nretract v1.0.0 // suffix\n', 'suffix'],
    ['prefix_suffix_after', 'module m\n// prefix\nretract v1.0.0 // suffix\n', 'prefix\nsuffix'],
    ['block_only', '// block\nretract (\nv1.0.0\n)\n', 'block'],
    ['block_and_line', '// block\nretract (\n// line\nv1.0.0\n)\n', 'line'],
  ])('%s', (_desc, text, want) => {
    const f = parseModFile('in', text);
    expect(f.retract.length).toBe(1);
    expect(f.retract[0]!.rationale).toBe(want);
  });
});

describe('module deprecation', () => {
  it.each([
    ['no_comment', 'module m', ''],
    ['other_comment', '// yo\nmodule m', ''],
    ['deprecated_no_colon', '//Deprecated\nmodule m', ''],
    ['deprecated_no_space', '//Deprecated:blah\nmodule m', 'blah'],
    ['deprecated_simple', '// Deprecated: blah\nmodule m', 'blah'],
    ['deprecated_lowercase', '// deprecated: blah\nmodule m', ''],
    ['deprecated_multiline', '// Deprecated: one\n// two\nmodule m', 'one\ntwo'],
    ['deprecated_mixed', '// some other comment\n// Deprecated: blah\nmodule m', ''],
    ['deprecated_middle', '// module m is Deprecated: blah\nmodule m', ''],
    ['deprecated_multiple', '// Deprecated: a\n// Deprecated: b\nmodule m', 'a\nDeprecated: b'],
    ['deprecated_paragraph', '// Deprecated: a\n// b\n//\n// c\nmodule m', 'a\nb'],
    ['deprecated_paragraph_space', '// Deprecated: the next line has a space\n// \n// c\nmodule m', 'the next line has a space'],
    ['deprecated_suffix', 'module m // Deprecated: blah', 'blah'],
    ['deprecated_mixed_suffix', '// some other comment\nmodule m // Deprecated: blah', ''],
    ['deprecated_mixed_suffix_paragraph', '// some other comment\n//\nmodule m // Deprecated: blah', 'blah'],
    ['deprecated_block', '// Deprecated: blah\nmodule (\nm\n)', 'blah'],
  ])('%s', (_desc, text, want) => {
    expect(parseModFile('in', text).module!.deprecated).toBe(want);
  });
});

describe('version fixers', () => {
  // x/mod's test fixer: prefixes "v", and only knows example.com/m.
  const fixV = (path: string, version: string): string => {
    if (path !== 'example.com/m') throw new Error('module path must be example.com/m');
    return `v${version}`;
  };

  it.each([
    ['require', 'require example.com/m 1.0.0', 'require example.com/m v1.0.0'],
    ['replace', 'replace example.com/m 1.0.0 => example.com/m 1.1.0', 'replace example.com/m v1.0.0 => example.com/m v1.1.0'],
    ['exclude', 'exclude example.com/m 1.0.0', 'exclude example.com/m v1.0.0'],
    ['retract_single', 'module example.com/m\nretract 1.0.0', 'module example.com/m\nretract v1.0.0'],
    ['retract_interval', 'module example.com/m\nretract [1.0.0, 1.1.0]', 'module example.com/m\nretract [v1.0.0, v1.1.0]'],
  ])('%s', (_desc, text, want) => {
    expect(formatModFile(parseModFile('in', text, { fix: fixV }))).toBe(formatModFile(parseModFile('out', want)));
  });

  it('reports retract without a module directive once', () => {
    expect(parseError('retract 1.0.0\nretract 1.1.0', { fix: fixV }).message).toBe(
      'go.mod:1: no module directive found, so retract cannot be used',
    );
  });

  it('reports a ModuleError by its inner error, after the directive', () => {
    const fix = (path: string): string => {
      throw new ModuleError(path, '', new Error('not found'));
    };
    expect(parseError('module m\nrequire x.y/z 1.0.0\n', { fix }).message).toBe('go.mod:2: require x.y/z: not found');
  });

  it('reports any other error as is', () => {
    expect(parseError('module m\nrequire x.y/z 1.0.0\n', { fix: fixV }).message).toBe(
      'go.mod:2: module path must be example.com/m',
    );
  });
});

describe('canonical versions without a fixer (go mod edit)', () => {
  it('canonicalizes what it can and rewrites the tokens', () => {
    const f = parseModFile('go.mod', 'module m\nrequire (\n\tx.y/a "v1"\n\tx.y/b v1.2.3+meta\n)\n');
    expect(f.require.map((r) => r.mod.version)).toEqual(['v1.0.0', 'v1.2.3']);
    expect(formatModFile(f)).toBe('module m\n\nrequire (\n\tx.y/a v1.0.0\n\tx.y/b v1.2.3\n)\n');
  });

  it('leaves retracted versions alone', () => {
    const f = parseModFile('go.mod', 'module m\nretract [foo, "a b"]\n');
    expect([f.retract[0]!.low, f.retract[0]!.high]).toEqual(['foo', 'a b']);
  });
});

describe('lax parsing (dependencies)', () => {
  const lax = { lax: true } as const;

  it('ignores unknown and main-module-only directives and blocks', () => {
    const f = parseModFile(
      'go.mod',
      'module m\nfuture x y\nreplace a => b\nexclude a v1\ntoolchain bogus\ngodebug ,\ntool a b c\nfuture (\n\tx\n)\nrequire a b (\n)\nrequire x.y/z v1.0.0\nignore ./x\n',
      lax,
    );
    expect(f.module!.mod.path).toBe('m');
    expect(f.require.map((r) => r.mod.path)).toEqual(['x.y/z']);
    expect(f.replace).toEqual([]);
    expect(f.toolchain).toBeNull();
    expect(f.ignore.map((i) => i.path)).toEqual(['./x']);
  });

  it('trims go versions with unexpected suffixes to major.minor, in the syntax too', () => {
    for (const [v, want] of [['1.21.0.1', '1.21'], ['v1.22-beta', '1.22'], ['1.20rc', '1.20']]) {
      const f = parseModFile('go.mod', `module m\ngo ${v}\n`, lax);
      expect(f.go!.version).toBe(want);
      expect(formatModFile(f)).toBe(`module m\n\ngo ${want}\n`);
    }
    expect(() => parseModFile('go.mod', 'module m\ngo 1\n', lax)).toThrow("go.mod:2: invalid go version '1': must match format 1.23.0");
  });

  it('drops retractions it cannot read, and keeps ones with extra tokens', () => {
    const f = parseModFile('go.mod', 'module m\nretract (\n\t(v1.0.0, v1.1.0]\n\tv1.2.0 extra\n)\n', lax);
    expect(f.retract.map((r) => [r.low, r.high])).toEqual([['v1.2.0', 'v1.2.0']]);
  });

  it('still reports syntax errors and bad requirements', () => {
    expect(parseError('module m\nrequire x.y/z master\n', lax).message).toBe(
      'go.mod:2: require x.y/z: version "master" invalid: must be of the form v1.2.3',
    );
    expect(parseError('module m /* x */\n', lax).message).toBe(
      'go.mod:1:10: mod files must use // comments (not /* */ comments)',
    );
  });
});

describe('errors', () => {
  it('lists every directive error, with columns only for scanner errors and block lines', () => {
    const e = parseError('module m\nfoo\nrequire (\n  x.y/z\n)\n');
    expect(e.entries).toEqual([
      { file: 'go.mod', line: 2, message: 'unknown directive: foo' },
      { file: 'go.mod', line: 4, column: 3, message: 'usage: require module/path v1.2.3' },
    ]);
    expect(e.message).toBe('go.mod:2: unknown directive: foo\ngo.mod:4:3: usage: require module/path v1.2.3');
  });

  it.each([
    ['module "m\n', 'go.mod:1:10: unexpected newline in string'],
    ['module "m', 'go.mod:1:8: unexpected EOF in string'],
    ['module m\nrequire (\n', 'go.mod:3: syntax error (unterminated block started at go.mod:2:1)'],
    // The position is where the lexer stands: past the token after the paren.
    ['require (\n) x y\n', 'go.mod:2:4: syntax error (expected newline after closing paren)'],
    ['module m\u00a0x\n', "go.mod:1:9: unexpected input character '\\u00a0'"],
  ])('%j', (text, want) => {
    const e = parseError(text);
    expect(e.message).toBe(want);
    expect(e.entries.length).toBe(1);
  });

  it('reports go.work problems', () => {
    expect(() => parseWorkFile('go.work', 'go 1.21\nrequire x v1\nuse (\n\ta b\n)\n')).toThrow(
      'go.work:2: unknown directive: require\ngo.work:4:2: usage: use local/dir',
    );
  });
});

describe('input as bytes', () => {
  it('keeps invalid UTF-8 as Go does', () => {
    const f = parseModFile('go.mod', Uint8Array.from([...new TextEncoder().encode('module m\ntool x'), 0xff, 0x0a]));
    expect(formatModFile(f)).toBe('module m\n\ntool x\udcff\n');
    expect(() => parseModFile('go.mod', Uint8Array.from([...new TextEncoder().encode('tool "x'), 0xff, 0x22]))).not.toThrow();
  });
});

describe('modulePathFromGoMod', () => {
  it.each([
    ['module x\n', 'x'],
    ['module x // comment\n', 'x'],
    ['// module y\n\nmodule  "x y"\n', 'x y'],
    ['module `x`\n', 'x'],
    ['module "x\n', ''],
    ['modulex\nmodule y', 'y'],
    ['module\n', ''],
    ['require x v1\n', ''],
    ['   module   x   \nmodule y\n', 'x'],
  ])('%j -> %j', (text, want) => {
    expect(modulePathFromGoMod(text)).toBe(want);
  });
});
