import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareGoStrings } from '../gostrings/go-string-order';
import {
  build,
  canonical,
  compare,
  isValid,
  major,
  majorMinor,
  max,
  prerelease,
  sortVersions,
} from './semver';

interface SemverGolden {
  semver: [v: string, valid: boolean, canonical: string, major: string, majorMinor: string, pre: string, build: string][];
  semverPairs: [a: string, b: string, cmp: number, max: string][];
  semverSort: [input: string[], sorted: string[]][];
}

const golden = JSON.parse(
  readFileSync(new URL('./testdata/semver-golden.json', import.meta.url), 'utf8'),
) as SemverGolden;

// Increasing precedence; entries with the same canonical form are equal (as in x/mod's tests).
const ordered: [v: string, canonical: string][] = [
  ['bad', ''],
  ['v1-alpha.beta.gamma', ''],
  ['v1-pre', ''],
  ['v1+meta', ''],
  ['v1-pre+meta', ''],
  ['v1.2-pre', ''],
  ['v1.2+meta', ''],
  ['v1.2-pre+meta', ''],
  ['v1.0.0-alpha', 'v1.0.0-alpha'],
  ['v1.0.0-alpha.1', 'v1.0.0-alpha.1'],
  ['v1.0.0-alpha.beta', 'v1.0.0-alpha.beta'],
  ['v1.0.0-beta', 'v1.0.0-beta'],
  ['v1.0.0-beta.2', 'v1.0.0-beta.2'],
  ['v1.0.0-beta.11', 'v1.0.0-beta.11'],
  ['v1.0.0-rc.1', 'v1.0.0-rc.1'],
  ['v1', 'v1.0.0'],
  ['v1.0', 'v1.0.0'],
  ['v1.0.0', 'v1.0.0'],
  ['v1.2', 'v1.2.0'],
  ['v1.2.0', 'v1.2.0'],
  ['v1.2.3-456', 'v1.2.3-456'],
  ['v1.2.3-456.789', 'v1.2.3-456.789'],
  ['v1.2.3-456-789', 'v1.2.3-456-789'],
  ['v1.2.3-456a', 'v1.2.3-456a'],
  ['v1.2.3-pre', 'v1.2.3-pre'],
  ['v1.2.3-pre+meta', 'v1.2.3-pre'],
  ['v1.2.3-pre.1', 'v1.2.3-pre.1'],
  ['v1.2.3-zzz', 'v1.2.3-zzz'],
  ['v1.2.3', 'v1.2.3'],
  ['v1.2.3+meta', 'v1.2.3'],
  ['v1.2.3+meta-pre', 'v1.2.3'],
  ['v1.2.3+meta-pre.sha.256a', 'v1.2.3'],
  ['v1.10.0', 'v1.10.0'],
  ['v2.0.0-0', 'v2.0.0-0'],
  ['v2.0.0', 'v2.0.0'],
  ['v99999999999999999999.0.0', 'v99999999999999999999.0.0'],
];

describe('semver hand tables', () => {
  it.each(ordered)('canonical(%j) = %j', (v, want) => {
    expect(canonical(v)).toBe(want);
    expect(isValid(v)).toBe(want !== '');
  });

  it('compare follows the table order, equal canonical forms tie', () => {
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        const [vi, ci] = ordered[i]!;
        const [vj, cj] = ordered[j]!;
        const want = ci === cj ? 0 : i < j ? -1 : 1;
        expect(compare(vi, vj), `compare(${vi}, ${vj})`).toBe(want);
      }
    }
  });

  it.each([
    ['v1.2.3', 'v1', 'v1.2', '', ''],
    ['v1.2.3-pre+meta', 'v1', 'v1.2', '-pre', '+meta'],
    ['v2', 'v2', 'v2.0', '', ''],
    ['v2.1', 'v2', 'v2.1', '', ''],
    ['v1.2.3+incompatible', 'v1', 'v1.2', '', '+incompatible'],
    ['v1.2.3-0.20190101000000-abcdef123456', 'v1', 'v1.2', '-0.20190101000000-abcdef123456', ''],
    ['v01.2.3', '', '', '', ''],
    ['1.2.3', '', '', '', ''],
    ['v1.2.3-01', '', '', '', ''],
    ['v1.2.3+01', 'v1', 'v1.2', '', '+01'],
    ['v1.2.3-', '', '', '', ''],
    ['v1.2.3-a..b', '', '', '', ''],
  ])('parts of %j', (v, mj, mm, pre, bld) => {
    expect([major(v), majorMinor(v), prerelease(v), build(v)]).toEqual([mj, mm, pre, bld]);
  });

  it('max canonicalizes and prefers the second on ties', () => {
    expect(max('v1.2', 'v1.1.9')).toBe('v1.2.0');
    expect(max('v1.2.0+a', 'v1.2.0+b')).toBe('v1.2.0');
    expect(max('bad', 'v0.0.1')).toBe('v0.0.1');
    expect(max('bad', 'worse')).toBe('');
  });

  it('sortVersions breaks precedence ties by string order and does not mutate', () => {
    const input = ['v1.0.0+b', 'bad', 'v1.0.0', 'v1', 'v0.9.0', 'v1.0.0+a', 'also-bad'];
    const copy = [...input];
    expect(sortVersions(input)).toEqual(['also-bad', 'bad', 'v0.9.0', 'v1', 'v1.0.0', 'v1.0.0+a', 'v1.0.0+b']);
    expect(input).toEqual(copy);
  });

  it('compareGoStrings uses UTF-8 byte order', () => {
    expect(compareGoStrings('\u{1F600}', '\uFFFD')).toBe(1);
    expect('\u{1F600}' < '\uFFFD').toBe(true); // JavaScript's order differs: why the helper exists
    expect(compareGoStrings('a', 'ab')).toBe(-1);
    expect(compareGoStrings('b', 'ab')).toBe(1);
    expect(compareGoStrings('x', 'x')).toBe(0);
  });
});

describe('semver against golang.org/x/mod (golden data)', () => {
  it(`agrees on parsing ${golden.semver.length} inputs`, () => {
    const mismatches = golden.semver.filter(
      ([v, ...want]) =>
        JSON.stringify([isValid(v), canonical(v), major(v), majorMinor(v), prerelease(v), build(v)]) !==
        JSON.stringify(want),
    );
    expect(mismatches).toEqual([]);
  });

  it(`agrees on compare and max for ${golden.semverPairs.length} pairs`, () => {
    const mismatches = golden.semverPairs.filter(([a, b, c, m]) => compare(a, b) !== c || max(a, b) !== m);
    expect(mismatches).toEqual([]);
  });

  it('agrees on Sort', () => {
    for (const [input, sorted] of golden.semverSort) expect(sortVersions(input)).toEqual(sorted);
  });
});
