import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModuleVersion } from '../../../shared/model/module-version';
import {
  fromToolchain,
  goCompare,
  goIsLang,
  goIsPrerelease,
  goIsValid,
  goLang,
  goMax,
  isToolchainPath,
  modCompare,
  modIsValid,
} from './gover';
import { modSort } from './module-sort';

/** Go's sorts are unstable: ties[i] says element i compared equal to element i-1 in Go's output. */
interface SortCase {
  in: { Path: string; Version?: string }[];
  out: { Path: string; Version?: string }[];
  ties: boolean[];
}

interface GoverGolden {
  gover: [v: string, valid: boolean, lang: string, isLang: boolean, isPrerelease: boolean][];
  goverPairs: [a: string, b: string, cmp: number, max: string][];
  fromToolchain: [name: string, want: string][];
  modCompare: [path: string, a: string, b: string, cmp: number, aValid: boolean][];
  modSort: SortCase[];
}

const golden = JSON.parse(
  readFileSync(new URL('./testdata/gover-golden.json', import.meta.url), 'utf8'),
) as GoverGolden;

function toModules(list: { Path: string; Version?: string }[]): ModuleVersion[] {
  return list.map((m) => ({ path: m.Path, version: m.Version ?? '' }));
}

/** Splits Go's sorted output into runs of mutually tied elements, each run as a sorted key list. */
function tieGroups(list: ModuleVersion[], ties: boolean[]): string[][] {
  const groups: string[][] = [];
  list.forEach((m, i) => {
    const key = `${m.path}@${m.version}`;
    if (i > 0 && ties[i]) groups[groups.length - 1]!.push(key);
    else groups.push([key]);
  });
  return groups.map((g) => g.sort());
}

function regroup(list: ModuleVersion[], like: string[][]): string[][] {
  const out: string[][] = [];
  let i = 0;
  for (const g of like) {
    out.push(list.slice(i, i + g.length).map((m) => `${m.path}@${m.version}`).sort());
    i += g.length;
  }
  return out;
}

/** Asserts got is Go's order up to permutations inside Go's tie runs. */
function expectSortedLikeGo(got: ModuleVersion[], c: SortCase): void {
  const want = tieGroups(toModules(c.out), c.ties);
  expect(regroup(got, want)).toEqual(want);
}

// From cmd/go/internal/gover's tests: each row is (x, y, Compare(x, y)).
const compareTests: [string, string, number][] = [
  ['', '', 0],
  ['x', 'x', 0],
  ['', 'x', 0],
  ['1', '1.1', -1],
  ['1.5', '1.6', -1],
  ['1.5', '1.10', -1],
  ['1.6', '1.6.1', -1],
  ['1.19', '1.19.0', 0],
  ['1.19rc1', '1.19', -1],
  ['1.20', '1.20.0', 0],
  ['1.20rc1', '1.20', -1],
  ['1.21', '1.21.0', -1],
  ['1.21', '1.21rc1', -1],
  ['1.21rc1', '1.21.0', -1],
  ['1.6', '1.19', -1],
  ['1.19', '1.19.1', -1],
  ['1.19rc1', '1.19.1', -1],
  ['1.19rc1', '1.19rc2', -1],
  ['1.19.0', '1.19.1', -1],
  ['1.19rc1', '1.19.0', -1],
  ['1.19alpha3', '1.19beta2', -1],
  ['1.19beta2', '1.19rc1', -1],
  ['1.1', '1.99999999999999998', -1],
  ['1.99999999999999998', '1.99999999999999999', -1],
];

describe('gover hand tables', () => {
  it.each(compareTests)('goCompare(%j, %j) = %i (and reversed)', (a, b, want) => {
    expect(goCompare(a, b)).toBe(want);
    expect(goCompare(b, a)).toBe(want === 0 ? 0 : -want);
  });

  it.each([
    ['1.2rc3', '1.2'],
    ['1.2.3', '1.2'],
    ['1.2', '1.2'],
    ['1', '1'],
    ['1.0', '1'],
    ['1.999testmod', '1.999'],
  ])('goLang(%j) = %j', (v, want) => expect(goLang(v)).toBe(want));

  it.each([
    ['1.2rc3', false],
    ['1.2.3', false],
    ['1.999testmod', false],
    ['1.22', true],
    ['1.21', true],
    ['1.20', false],
    ['1.19', false],
    ['1.3', false],
    ['1', false],
  ] as const)('goIsLang(%j) = %j', (v, want) => expect(goIsLang(v)).toBe(want));

  it.each([
    ['1.2rc3', true],
    ['1.2.3', true],
    ['1.999testmod', true],
    ['1.600+auto', false],
    ['1.21.0', true],
    ['1.21rc2', true],
    ['1', true],
    ['1.21.3rc1', false],
    ['01.2', false],
    ['go1.21', false],
    ['1.21RC1', false],
  ] as const)('goIsValid(%j) = %j', (v, want) => expect(goIsValid(v)).toBe(want));

  it('goMax returns the first on ties, goIsPrerelease sees kinds', () => {
    expect(goMax('1.19', '1.19.0')).toBe('1.19');
    expect(goMax('1.21', '1.21rc1')).toBe('1.21rc1');
    expect(goIsPrerelease('1.21rc1')).toBe(true);
    expect(goIsPrerelease('1.21.0')).toBe(false);
  });

  it.each([
    ['go1.2.3', '1.2.3'],
    ['1.2.3', ''],
    ['go1.2.3+bigcorp', ''],
    ['go1.2.3-bigcorp', '1.2.3'],
    ['go1.2.3-bigcorp more text', '1.2.3'],
    ['gccgo-go1.23rc4', ''],
    ['gccgo-go1.23rc4-bigdwarf', ''],
    ['go1.21.3-custom', '1.21.3'],
    ['go1.21/x', ''],
  ])('fromToolchain(%j) = %j', (name, want) => expect(fromToolchain(name)).toBe(want));

  it.each([
    ['go', true],
    ['toolchain', true],
    ['anything', false],
    ['golang.org/toolchain', false],
  ] as const)('isToolchainPath(%j) = %j', (p, want) => expect(isToolchainPath(p)).toBe(want));

  it.each([
    ['go', '1.2', '1.3', -1],
    ['go', 'v1.2', 'v1.3', 0],
    ['go', '1.2', '1.2', 0],
    ['toolchain', 'go1.2', 'go1.3', -1],
    ['toolchain', 'go1.2', 'go1.2', 0],
    ['toolchain', '1.2', '1.3', -1],
    ['toolchain', 'v1.2', 'v1.3', 0],
    ['rsc.io/quote', 'v1.2', 'v1.3', -1],
    ['rsc.io/quote', '1.2', '1.3', 0],
  ] as const)('modCompare(%j, %j, %j) = %i', (p, a, b, want) => expect(modCompare(p, a, b)).toBe(want));

  it.each([
    ['go', '1.2', true],
    ['go', 'v1.2', false],
    ['toolchain', 'go1.2', true],
    ['toolchain', 'v1.2', false],
    ['rsc.io/quote', 'v1.2', true],
    ['rsc.io/quote', '1.2', false],
  ] as const)('modIsValid(%j, %j) = %j', (p, v, want) => expect(modIsValid(p, v)).toBe(want));

  it('modSort orders go and toolchain by Go version, others by semver, and copies', () => {
    const parse = (s: string): ModuleVersion[] =>
      s.split(';').map((f) => {
        const [path, version] = f.trim().split(' ');
        return { path: path!, version: version! };
      });
    const input = parse('z v1.1; a v1.2; a v1.1; go 1.3; toolchain 1.3; toolchain 1.2; go 1.2; go 1.10');
    const snapshot = [...input];
    expect(modSort(input)).toEqual(
      parse('a v1.1; a v1.2; go 1.2; go 1.3; go 1.10; toolchain 1.2; toolchain 1.3; z v1.1'),
    );
    expect(input).toEqual(snapshot);
  });
});

describe('gover against cmd/go/internal/gover (golden data)', () => {
  it(`agrees on ${golden.gover.length} versions`, () => {
    const mismatches = golden.gover.filter(
      ([v, ...want]) =>
        JSON.stringify([goIsValid(v), goLang(v), goIsLang(v), goIsPrerelease(v)]) !== JSON.stringify(want),
    );
    expect(mismatches).toEqual([]);
  });

  it(`agrees on Compare and Max for ${golden.goverPairs.length} pairs`, () => {
    const mismatches = golden.goverPairs.filter(([a, b, c, m]) => goCompare(a, b) !== c || goMax(a, b) !== m);
    expect(mismatches).toEqual([]);
  });

  it(`agrees on FromToolchain for ${golden.fromToolchain.length} names`, () => {
    expect(golden.fromToolchain.filter(([n, want]) => fromToolchain(n) !== want)).toEqual([]);
  });

  it(`agrees on ModCompare and ModIsValid for ${golden.modCompare.length} cases`, () => {
    const mismatches = golden.modCompare.filter(
      ([p, a, b, c, valid]) => modCompare(p, a, b) !== c || modIsValid(p, a) !== valid,
    );
    expect(mismatches).toEqual([]);
  });

  it(`agrees on ModSort for ${golden.modSort.length} lists`, () => {
    for (const c of golden.modSort) expectSortedLikeGo(modSort(toModules(c.in)), c);
  });
});
