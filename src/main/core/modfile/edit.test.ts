/*
 * Table tests of the edit operations that `go mod edit` cannot reach (setRequire,
 * setRequireSeparateIndirect) and of the others' finer points, with the expectations of x/mod's
 * own rule_test.go: the result, formatted, must equal the expected text, parsed and formatted.
 */

import { describe, expect, it } from 'vitest';
import {
  addExclude,
  addGoStmt,
  addModuleStmt,
  addRequire,
  addRetract,
  cleanupModFile,
  dropRetract,
  setRequire,
  setRequireSeparateIndirect,
  sortBlocks,
  workAddGoStmt,
  workAddToolchainStmt,
  workSetUse,
  cleanupWorkFile,
  type RequireSpec,
} from './edit';
import { formatModFile, formatWorkFile } from './print';
import { parseModFile, parseWorkFile, type ModFile } from './rules';
import { newFileSyntax } from './syntax';

function testEdit(input: string, want: string, transform: (f: ModFile) => void, lax = false): ModFile {
  const f = parseModFile('in', input, { lax });
  const golden = formatModFile(parseModFile('out', want, { lax }));
  transform(f);
  expect(formatModFile(f)).toBe(golden);
  return f;
}

type Req = [path: string, version: string, indirect: boolean];

function specs(reqs: Req[]): RequireSpec[] {
  return reqs.map(([path, version, indirect]) => ({ mod: { path, version }, indirect }));
}

describe('addRequire', () => {
  it.each([
    ['existing', 'module m\nrequire x.y/z v1.2.3\n', 'x.y/z', 'v1.5.6', 'module m\nrequire x.y/z v1.5.6\n'],
    [
      'existing2',
      'module m\nrequire (\nx.y/z v1.2.3 // first\nx.z/a v0.1.0 // first-a\n)\nrequire x.y/z v1.4.5 // second\nrequire (\nx.y/z v1.6.7 // third\nx.z/a v0.2.0 // third-a\n)\n',
      'x.y/z',
      'v1.8.9',
      'module m\n\nrequire (\nx.y/z v1.8.9 // first\nx.z/a v0.1.0 // first-a\n)\n\nrequire x.z/a v0.2.0 // third-a\n',
    ],
    ['new', 'module m\nrequire x.y/z v1.2.3\n', 'x.y/w', 'v1.5.6', 'module m\nrequire (\nx.y/z v1.2.3\nx.y/w v1.5.6\n)\n'],
    [
      'new2',
      'module m\nrequire x.y/z v1.2.3\nrequire x.y/q/v2 v2.3.4\n',
      'x.y/w',
      'v1.5.6',
      'module m\nrequire x.y/z v1.2.3\nrequire (\nx.y/q/v2 v2.3.4\nx.y/w v1.5.6\n)\n',
    ],
  ])('%s', (_desc, input, path, vers, want) => {
    testEdit(input, want, (f) => {
      addRequire(f, path, vers);
      cleanupModFile(f);
    });
  });
});

const setRequireCases: [string, string, Req[], string][] = [
  [
    'issue 45932',
    'module m\nrequire (\nx.y/a v1.2.3 //indirect\nx.y/b v1.2.3\nx.y/c v1.2.3\n)\n',
    [['x.y/a', 'v1.2.3', false], ['x.y/b', 'v1.2.3', false], ['x.y/c', 'v1.2.3', false]],
    'module m\nrequire (\nx.y/a v1.2.3\nx.y/b v1.2.3\nx.y/c v1.2.3\n)\n',
  ],
  [
    'existing',
    'module m\nrequire (\nx.y/b v1.2.3\n\nx.y/a v1.2.3\nx.y/d v1.2.3\n)\n',
    [['x.y/a', 'v1.2.3', false], ['x.y/b', 'v1.2.3', false], ['x.y/c', 'v1.2.3', false]],
    'module m\nrequire (\nx.y/a v1.2.3\nx.y/b v1.2.3\nx.y/c v1.2.3\n)\n',
  ],
  [
    'existing_indirect',
    'module m\nrequire (\nx.y/a v1.2.3\nx.y/b v1.2.3 //\nx.y/c v1.2.3 //c\nx.y/d v1.2.3 //   c\nx.y/e v1.2.3 // indirect\nx.y/f v1.2.3 //indirect\nx.y/g v1.2.3 //\tindirect\n)\n',
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x): Req => [`x.y/${x}`, 'v1.2.3', true]),
    'module m\nrequire (\nx.y/a v1.2.3 // indirect\nx.y/b v1.2.3 // indirect\nx.y/c v1.2.3 // indirect; c\nx.y/d v1.2.3 // indirect; c\nx.y/e v1.2.3 // indirect\nx.y/f v1.2.3 //indirect\nx.y/g v1.2.3 //\tindirect\n)\n',
  ],
  [
    'existing_duplicate',
    'module m\nrequire (\nx.y/a v1.0.0 // zero\nx.y/a v1.1.0 // one\nx.y/a v1.2.3 // two\n)\n',
    [['x.y/a', 'v1.2.3', true]],
    'module m\nrequire x.y/a v1.2.3 // indirect; zero\n',
  ],
  [
    'existing_duplicate_multi',
    'module m\nrequire x.y/a v1.0.0 // zero\nrequire x.y/a v1.1.0 // one\nrequire x.y/a v1.2.3 // two\n',
    [['x.y/a', 'v1.2.3', true]],
    'module m\nrequire x.y/a v1.2.3 // indirect; zero\n',
  ],
];

describe('setRequire', () => {
  it.each([
    ...setRequireCases,
    [
      'existing_multi',
      'module m\nrequire x.y/a v1.2.3\nrequire x.y/b v1.2.3\nrequire x.y/c v1.0.0 // not v1.2.3!\nrequire x.y/d v1.2.3 // comment kept\nrequire x.y/e v1.2.3 // comment kept\nrequire x.y/f v1.2.3 // indirect\nrequire x.y/g v1.2.3 // indirect\n',
      [
        ['x.y/h', 'v1.2.3', false],
        ['x.y/a', 'v1.2.3', false],
        ['x.y/b', 'v1.2.3', false],
        ['x.y/c', 'v1.2.3', false],
        ['x.y/d', 'v1.2.3', false],
        ['x.y/e', 'v1.2.3', true],
        ['x.y/f', 'v1.2.3', false],
        ['x.y/g', 'v1.2.3', false],
      ],
      'module m\nrequire x.y/a v1.2.3\n\nrequire x.y/b v1.2.3\n\nrequire x.y/c v1.2.3 // not v1.2.3!\n\nrequire x.y/d v1.2.3 // comment kept\n\nrequire x.y/e v1.2.3 // indirect; comment kept\n\nrequire x.y/f v1.2.3\n\nrequire (\nx.y/g v1.2.3\nx.y/h v1.2.3\n)\n',
    ],
  ] as [string, string, Req[], string][])('%s', (_desc, input, reqs, want) => {
    const f = testEdit(input, want, (g) => {
      setRequire(g, specs(reqs));
      cleanupModFile(g);
    });
    expect(f.require.length).toBe(reqs.length);
  });

  it('refuses two versions of one path', () => {
    const f = parseModFile('in', 'module m\n');
    expect(() => setRequire(f, specs([['x.y/a', 'v1.0.0', false], ['x.y/a', 'v1.1.0', false]]))).toThrow(
      'SetRequire called with conflicting versions for path x.y/a (v1.0.0 and v1.1.0)',
    );
  });
});

// Expectations for this function come from the x/mod vendored in Go 1.26 (run through a small Go
// driver), which behaves differently from later x/mod on duplicate and mixed blocks.
describe('setRequireSeparateIndirect', () => {
  it.each([
    ...setRequireCases,
    [
      'existing_multi',
      'module m\nrequire x.y/a v1.2.3\nrequire x.y/b v1.2.3 // demoted to indirect\nrequire x.y/c v1.0.0 // not v1.2.3!\nrequire x.y/d v1.2.3 // comment kept\nrequire x.y/e v1.2.3 // comment kept\nrequire x.y/f v1.2.3 // indirect; promoted to direct\n// promoted to direct\nrequire x.y/g v1.2.3 // indirect\nrequire x.y/i v1.2.3 // indirect\nrequire x.y/j v1.2.3 // indirect\n',
      [
        ['x.y/h', 'v1.2.3', false],
        ['x.y/i', 'v1.2.3', true],
        ['x.y/j', 'v1.2.3', true],
        ['x.y/a', 'v1.2.3', false],
        ['x.y/b', 'v1.2.3', true],
        ['x.y/c', 'v1.2.3', false],
        ['x.y/d', 'v1.2.3', false],
        ['x.y/e', 'v1.2.3', true],
        ['x.y/f', 'v1.2.3', false],
        ['x.y/g', 'v1.2.3', false],
      ],
      'module m\n\nrequire (\n\tx.y/a v1.2.3\n\tx.y/h v1.2.3\n)\n\nrequire x.y/b v1.2.3 // indirect; demoted to indirect\n\nrequire x.y/c v1.2.3 // not v1.2.3!\n\nrequire x.y/d v1.2.3 // comment kept\n\nrequire x.y/e v1.2.3 // indirect; comment kept\n\nrequire x.y/f v1.2.3 // promoted to direct\n\n// promoted to direct\nrequire x.y/g v1.2.3\n\nrequire x.y/i v1.2.3 // indirect\n\nrequire x.y/j v1.2.3 // indirect\n',
    ],
    [
      'existing_duplicate_mix_indirect',
      'module m\nrequire (\nx.y/a v1.0.0 // zero\nx.y/a v1.1.0 // indirect; one\nx.y/a v1.2.3 // indirect; two\n)\n',
      [['x.y/a', 'v1.2.3', true]],
      'module m\n\nrequire x.y/a v1.2.3 // indirect; zero\n',
    ],
    [
      'existing_duplicate_mix_direct',
      'module m\nrequire (\nx.y/a v1.0.0 // indirect; zero\nx.y/a v1.1.0 // one\nx.y/a v1.2.3 // two\n)\n',
      [['x.y/a', 'v1.2.3', false]],
      'module m\n\nrequire x.y/a v1.2.3 // zero\n',
    ],
    [
      'add_indirect_after_last_direct',
      'module m\nrequire (\nx.y/a v1.0.0 // comment a preserved\nx.y/d v1.0.0 // comment d preserved\n)\nrequire (\nx.y/b v1.0.0 // comment b preserved\nx.y/e v1.0.0 // comment e preserved\n)\ngo 1.17\n',
      [
        ['x.y/a', 'v1.2.3', false],
        ['x.y/b', 'v1.2.3', false],
        ['x.y/c', 'v1.2.3', true],
        ['x.y/d', 'v1.2.3', false],
        ['x.y/e', 'v1.2.3', false],
        ['x.y/f', 'v1.2.3', true],
      ],
      'module m\nrequire (\nx.y/a v1.2.3 // comment a preserved\nx.y/d v1.2.3 // comment d preserved\n)\nrequire (\nx.y/b v1.2.3 // comment b preserved\nx.y/e v1.2.3 // comment e preserved\n)\nrequire (\nx.y/c v1.2.3 // indirect\nx.y/f v1.2.3 // indirect\n)\ngo 1.17\n',
    ],
    [
      'add_direct_before_first_indirect',
      'module m\nrequire (\nx.y/b v1.0.0 // indirect; comment b preserved\nx.y/e v1.0.0 // indirect; comment d preserved\n)\nrequire (\nx.y/c v1.0.0 // indirect; comment c preserved\nx.y/f v1.0.0 // indirect; comment e preserved\n)\n',
      [
        ['x.y/a', 'v1.2.3', false],
        ['x.y/b', 'v1.2.3', true],
        ['x.y/c', 'v1.2.3', true],
        ['x.y/d', 'v1.2.3', false],
        ['x.y/e', 'v1.2.3', true],
        ['x.y/f', 'v1.2.3', true],
      ],
      'module m\n\nrequire (\n\tx.y/b v1.2.3 // indirect; comment b preserved\n\tx.y/e v1.2.3 // indirect; comment d preserved\n)\n\nrequire (\n\tx.y/c v1.2.3 // indirect; comment c preserved\n\tx.y/f v1.2.3 // indirect; comment e preserved\n)\n\nrequire (\n\tx.y/a v1.2.3\n\tx.y/d v1.2.3\n)\n',
    ],
    [
      'add_indirect_after_mixed',
      'module m\nrequire (\nx.y/a v1.0.0\nx.y/b v1.0.0 // indirect\n)\n',
      [
        ['x.y/a', 'v1.2.3', false],
        ['x.y/b', 'v1.2.3', true],
        ['x.y/c', 'v1.2.3', true],
        ['x.y/d', 'v1.2.3', false],
        ['x.y/e', 'v1.2.3', true],
      ],
      'module m\n\nrequire (\n\tx.y/a v1.2.3\n\tx.y/d v1.2.3\n)\n\nrequire (\n\tx.y/b v1.2.3 // indirect\n\tx.y/c v1.2.3 // indirect\n\tx.y/e v1.2.3 // indirect\n)\n',
    ],
    [
      'split_one_flat_block',
      'module m\n\nrequire (\nx.y/a v1.0.0\nx.y/b v1.0.0 // indirect\nx.y/c v1.0.0\n)\n',
      [
        ['x.y/a', 'v1.0.0', false],
        ['x.y/b', 'v1.0.0', true],
        ['x.y/c', 'v1.0.0', true],
      ],
      'module m\n\nrequire x.y/a v1.0.0\n\nrequire (\nx.y/b v1.0.0 // indirect\nx.y/c v1.0.0 // indirect\n)\n',
    ],
    [
      'no_requirements_yet',
      'module m\n\ngo 1.21\n',
      [
        ['x.y/b', 'v1.0.0', true],
        ['x.y/a', 'v1.0.0', false],
      ],
      'module m\n\ngo 1.21\n\nrequire x.y/a v1.0.0\n\nrequire x.y/b v1.0.0 // indirect\n',
    ],
  ] as [string, string, Req[], string][])('%s', (_desc, input, reqs, want) => {
    const f = testEdit(input, want, (g) => {
      setRequireSeparateIndirect(g, specs(reqs));
      cleanupModFile(g);
    });
    expect(f.require.length).toBe(reqs.length);
  });
});

describe('addGoStmt', () => {
  it.each([
    ['module_only', 'module m\n', 'module m\ngo 1.14\n'],
    ['module_before_require', 'module m\nrequire x.y/a v1.2.3\n', 'module m\ngo 1.14\nrequire x.y/a v1.2.3\n'],
    [
      'require_before_module',
      'require x.y/a v1.2.3\nmodule example.com/inverted\n',
      'require x.y/a v1.2.3\nmodule example.com/inverted\ngo 1.14\n',
    ],
    ['require_only', 'require x.y/a v1.2.3\n', 'require x.y/a v1.2.3\ngo 1.14\n'],
  ])('%s', (_desc, input, want) => {
    testEdit(input, want, (f) => addGoStmt(f, '1.14'));
  });

  it('refuses a malformed version', () => {
    expect(() => addGoStmt(parseModFile('in', 'module m\n'), '1.14.x')).toThrow('invalid language version "1.14.x"');
  });
});

describe('addExclude', () => {
  it.each([
    ['compatible', 'example.com', 'v1.2.3'],
    ['gopkg.in v0', 'gopkg.in/foo.v0', 'v0.2.3'],
    ['gopkg.in v1', 'gopkg.in/foo.v1', 'v1.2.3'],
  ])('%s', (_desc, path, vers) => {
    testEdit('module m\n', `module m\nexclude ${path} ${vers}\n`, (f) => addExclude(f, path, vers));
  });

  it.each([
    ['example.com/m', '', 'version "" invalid: must be of the form v1.2.3'],
    ['example.com/m', '1.0.0', 'version "1.0.0" invalid: must be of the form v1.2.3'],
    ['example.com/m', 'v1.2', 'version "v1.2" invalid: must be of the form v1.2.3'],
    ['example.com/m/v2', 'v1.2.3', 'version "v1.2.3" invalid: should be v2, not v1'],
    ['example.com/m', 'v2.3.4', 'version "v2.3.4" invalid: should be v2.3.4+incompatible (or module example.com/m/v2)'],
    ['example.com/m/v3', 'v1.2', 'version "v1.2" invalid: must be of the form v3.2.3'],
  ])('refuses %s %s', (path, vers, msg) => {
    expect(() => addExclude(parseModFile('in', 'module m'), path, vers)).toThrow(msg);
  });
});

describe('addRetract', () => {
  it.each([
    ['new_singleton', 'module m\n', 'v1.2.3', 'v1.2.3', '', 'module m\nretract v1.2.3\n'],
    ['new_interval', 'module m\n', 'v1.0.0', 'v1.1.0', '', 'module m\nretract [v1.0.0, v1.1.0]'],
    [
      'duplicate_with_rationale',
      'module m\nretract v1.2.3\n',
      'v1.2.3',
      'v1.2.3',
      'bad',
      'module m\nretract (\nv1.2.3\n// bad\nv1.2.3\n)\n',
    ],
    [
      'duplicate_multiline_rationale',
      'module m\nretract [v1.2.3, v1.2.3]\n',
      'v1.2.3',
      'v1.2.3',
      'multi\nline',
      'module m\nretract\t(\n[v1.2.3, v1.2.3]\n// multi\n// line\nv1.2.3\n)\n',
    ],
    [
      'duplicate_interval',
      'module m\nretract [v1.0.0, v1.1.0]\n',
      'v1.0.0',
      'v1.1.0',
      '',
      'module m\nretract (\n[v1.0.0, v1.1.0]\n[v1.0.0, v1.1.0]\n)\n',
    ],
  ])('%s', (_desc, input, low, high, rationale, want) => {
    testEdit(input, want, (f) => addRetract(f, { low, high }, rationale));
  });

  it.each([
    ['example.com/m', '', '', 'version "" invalid: must be of the form v1.2.3'],
    ['example.com/m', 'v1.2.3', 'v1.3', 'version "v1.3" invalid: must be of the form v1.2.3'],
    ['example.com/m/v2', 'v1.0.0', 'v1.0.0', 'version "v1.0.0" invalid: should be v2, not v1'],
    ['example.com/m', 'v2.0.0', 'v2.0.0', 'version "v2.0.0" invalid: should be v2.0.0+incompatible (or module example.com/m/v2)'],
  ])('refuses %s [%s, %s]', (path, low, high, msg) => {
    const f: ModFile = {
      module: null,
      go: null,
      toolchain: null,
      godebug: [],
      require: [],
      exclude: [],
      replace: [],
      retract: [],
      tool: [],
      ignore: [],
      syntax: newFileSyntax(),
    };
    addModuleStmt(f, path);
    expect(() => addRetract(f, { low, high }, '')).toThrow(msg);
  });
});

describe('dropRetract', () => {
  it.each([
    ['singleton_no_match', 'module m\nretract v1.2.3\n', 'v1.0.0', 'v1.0.0', 'module m\nretract v1.2.3\n'],
    [
      'singleton_match_one',
      'module m\nretract v1.2.2\nretract v1.2.3\nretract v1.2.4\n',
      'v1.2.3',
      'v1.2.3',
      'module m\nretract v1.2.2\nretract v1.2.4\n',
    ],
    ['singleton_match_all', 'module m\nretract v1.2.3 // first\nretract v1.2.3 // second\n', 'v1.2.3', 'v1.2.3', 'module m\n'],
    ['interval_match', 'module m\nretract [v1.2.3, v1.2.3]\n', 'v1.2.3', 'v1.2.3', 'module m\n'],
    ['interval_superset_no_match', 'module m\nretract [v1.0.0, v1.1.0]\n', 'v1.0.0', 'v1.2.0', 'module m\nretract [v1.0.0, v1.1.0]\n'],
    [
      'interval_match_middle_block',
      'module m\nretract (\nv1.0.0\n[v1.1.0, v1.2.0]\nv1.3.0\n)\n',
      'v1.1.0',
      'v1.2.0',
      'module m\nretract (\nv1.0.0\nv1.3.0\n)\n',
    ],
    ['interval_match_all', 'module m\nretract [v1.0.0, v1.1.0]\nretract [v1.0.0, v1.1.0]\n', 'v1.0.0', 'v1.1.0', 'module m\n'],
  ])('%s', (_desc, input, low, high, want) => {
    testEdit(input, want, (f) => {
      dropRetract(f, { low, high });
      cleanupModFile(f);
    });
  });
});

describe('sortBlocks', () => {
  it.each([
    [
      'exclude_duplicates_removed',
      'module m\nexclude x.y/z v1.0.0 // a\nexclude x.y/z v1.0.0 // b\nexclude (\nx.y/w v1.1.0\nx.y/z v1.0.0 // c\n)\n',
      'module m\nexclude x.y/z v1.0.0 // a\nexclude (\nx.y/w v1.1.0\n)',
      false,
    ],
    [
      'replace_duplicates_removed',
      'module m\nreplace x.y/z v1.0.0 => ./a\nreplace x.y/z v1.1.0 => ./b\nreplace (\nx.y/z v1.0.0 => ./c\n)\n',
      'module m\nreplace x.y/z v1.1.0 => ./b\nreplace (\nx.y/z v1.0.0 => ./c\n)\n',
      false,
    ],
    [
      'retract_duplicates_not_removed',
      'module m\n// block\nretract (\nv1.0.0 // one\nv1.0.0 // two\n)',
      'module m\n// block\nretract (\nv1.0.0 // one\nv1.0.0 // two\n)',
      false,
    ],
    [
      'sort_lexicographically',
      'module m\nsort (\naa\ncc\nbb\nzz\nv1.2.0\nv1.11.0\n)',
      'module m\nsort (\naa\nbb\ncc\nv1.11.0\nv1.2.0\nzz\n)\n',
      true,
    ],
    [
      'sort_retract',
      'module m\nretract (\n[v1.2.0, v1.3.0]\n[v1.1.0, v1.3.0]\n[v1.1.0, v1.2.0]\nv1.0.0\nv1.1.0\nv1.2.0\nv1.3.0\nv1.4.0\n)\n',
      'module m\nretract (\nv1.4.0\nv1.3.0\n[v1.2.0, v1.3.0]\nv1.2.0\n[v1.1.0, v1.3.0]\n[v1.1.0, v1.2.0]\nv1.1.0\nv1.0.0\n)\n',
      true,
    ],
  ])('%s', (_desc, input, want, lax) => {
    testEdit(input, want, (f) => sortBlocks(f), lax);
  });
});

describe('go.work edits', () => {
  it('adds go before the first statement that is not a comment block, and toolchain after go', () => {
    const f = parseWorkFile('go.work', '// top\n\nuse ./a\n');
    workAddToolchainStmt(f, 'go1.22.1');
    workAddGoStmt(f, '1.22');
    expect(formatWorkFile(f)).toBe('// top\n\ngo 1.22\n\ntoolchain go1.22.1\n\nuse ./a\n');
  });

  it('setUse keeps wanted directories, drops the rest, and adds the new ones in a sorted block', () => {
    const f = parseWorkFile('go.work', 'go 1.22\n\nuse (\n\t./b\n\t./a // keep\n)\n');
    workSetUse(f, [
      { path: './a', modulePath: 'example.com/a' },
      { path: './c', modulePath: '' },
    ]);
    cleanupWorkFile(f);
    // As in x/mod, directories already present are added again: setUse is meant for fresh files.
    expect(formatWorkFile(f)).toBe('go 1.22\n\nuse (\n\t./a // keep\n\t./a\n\t./c\n)\n');
    // (x/mod adds the new entries in map order, so only the set is determined.)
    expect(f.use.map((u) => `${u.path}=${u.modulePath}`).sort()).toEqual([
      './a=example.com/a',
      './a=example.com/a',
      './c=',
    ]);
  });
});
