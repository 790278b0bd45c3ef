import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidVersionError, ModuleError } from '../modpath/module-errors';
import {
  isPseudoVersion,
  isZeroPseudoVersion,
  pseudoVersion,
  pseudoVersionBase,
  pseudoVersionRev,
  pseudoVersionTime,
  zeroPseudoVersion,
} from './pseudo';

interface PseudoGolden {
  pseudo: [
    v: string,
    isPseudo: boolean,
    isZero: boolean,
    base: string | null,
    baseErr: string | null,
    unixSeconds: number | null,
    timeErr: string | null,
    rev: string | null,
    revErr: string | null,
  ][];
  pseudoVersion: [major: string, older: string, unixSeconds: number, rev: string, want: string][];
}

const golden = JSON.parse(
  readFileSync(new URL('./testdata/semver-golden.json', import.meta.url), 'utf8'),
) as PseudoGolden;

/** Runs f and returns [value, null] or [null, error text], the shape of the golden rows. */
function outcome<T>(f: () => T): [T | null, string | null] {
  try {
    return [f(), null];
  } catch (e) {
    return [null, (e as Error).message];
  }
}

const pseudoTime = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));

// (major, older tag) -> pseudo-version for a commit at pseudoTime with revision "hash".
const pseudoTests: [major: string, older: string, want: string][] = [
  ['', '', 'v0.0.0-20060102150405-hash'],
  ['v0', '', 'v0.0.0-20060102150405-hash'],
  ['v1', '', 'v1.0.0-20060102150405-hash'],
  ['v2', '', 'v2.0.0-20060102150405-hash'],
  ['unused', 'v0.0.0', 'v0.0.1-0.20060102150405-hash'],
  ['unused', 'v1.2.3', 'v1.2.4-0.20060102150405-hash'],
  ['unused', 'v1.2.99999999999999999', 'v1.2.100000000000000000-0.20060102150405-hash'],
  ['unused', 'v1.2.3-pre', 'v1.2.3-pre.0.20060102150405-hash'],
  ['unused', 'v1.3.0-pre', 'v1.3.0-pre.0.20060102150405-hash'],
  ['unused', 'v0.0.0--', 'v0.0.0--.0.20060102150405-hash'],
  ['unused', 'v1.0.0+metadata', 'v1.0.1-0.20060102150405-hash+metadata'],
  ['unused', 'v2.0.0+incompatible', 'v2.0.1-0.20060102150405-hash+incompatible'],
  ['unused', 'v2.3.0-pre+incompatible', 'v2.3.0-pre.0.20060102150405-hash+incompatible'],
];

describe('pseudo-versions, hand tables', () => {
  it.each(pseudoTests)('pseudoVersion(%j, %j) = %j and back', (maj, older, want) => {
    const v = pseudoVersion(maj, older, pseudoTime, 'hash');
    expect(v).toBe(want);
    expect(isPseudoVersion(v)).toBe(true);
    expect(pseudoVersionTime(v).getTime()).toBe(pseudoTime.getTime());
    expect(pseudoVersionRev(v)).toBe('hash');
    // The base is the older tag in canonical form, except that build metadata other than
    // +incompatible survives too (x/mod keeps whatever build suffix the pseudo-version has).
    expect(pseudoVersionBase(v)).toBe(older.startsWith('v') ? older : '');
  });

  it.each([
    ['v0.0.0', 'pseudo-version "v0.0.0" invalid: syntax error'],
    ['v0.0.0-20060102150405-hash+incompatible', 'pseudo-version "v0.0.0-20060102150405-hash+incompatible" invalid: lacks base version, but has build metadata "+incompatible"'],
    ['v0.0.0-0.20060102150405-hash', 'pseudo-version "v0.0.0-0.20060102150405-hash" invalid: version before v0.0.0 would have negative patch number'],
    // x/mod does not borrow from the minor version: a "-0." pseudo-version on a .0 patch has no base.
    ['v1.0.0-0.20060102150405-hash', 'pseudo-version "v1.0.0-0.20060102150405-hash" invalid: version before v1.0.0 would have negative patch number'],
    ['v1.2.3-0.20060102150405-hash', null],
  ])('pseudoVersionBase(%j) error', (v, err) => {
    expect(outcome(() => pseudoVersionBase(v))[1]).toBe(err);
  });

  it('errors are InvalidVersionErrors (and so ModuleErrors) flagged as pseudo', () => {
    try {
      pseudoVersionRev('v1.2.3');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidVersionError);
      expect(e).toBeInstanceOf(ModuleError);
      expect((e as InvalidVersionError).pseudo).toBe(true);
      expect((e as InvalidVersionError).version).toBe('v1.2.3');
    }
  });

  it('rejects impossible timestamps', () => {
    expect(outcome(() => pseudoVersionTime('v0.0.0-20190229000000-abcdef123456'))[1]).toBe(
      'pseudo-version "v0.0.0-20190229000000-abcdef123456" invalid: malformed time "20190229000000"',
    );
    expect(outcome(() => pseudoVersionTime('v0.0.0-20200101240000-abcdef123456'))[1]).toBe(
      'pseudo-version "v0.0.0-20200101240000-abcdef123456" invalid: malformed time "20200101240000"',
    );
    expect(outcome(() => pseudoVersionTime('v0.0.0-20200101006000-abcdef123456'))[1]).toBe(
      'pseudo-version "v0.0.0-20200101006000-abcdef123456" invalid: malformed time "20200101006000"',
    );
    expect(pseudoVersionTime('v0.0.0-20200229235959-abcdef123456').toISOString()).toBe('2020-02-29T23:59:59.000Z');
  });

  it('zero pseudo-versions use Go zero time', () => {
    expect(zeroPseudoVersion('v0')).toBe('v0.0.0-00010101000000-000000000000');
    expect(zeroPseudoVersion('')).toBe('v0.0.0-00010101000000-000000000000');
    expect(zeroPseudoVersion('v2')).toBe('v2.0.0-00010101000000-000000000000');
    expect(isZeroPseudoVersion('v2.0.0-00010101000000-000000000000')).toBe(true);
    expect(isZeroPseudoVersion('v2.0.0-00010101000000-000000000001')).toBe(false);
    expect(isZeroPseudoVersion('v0.0.0')).toBe(false);
  });

  it.each([
    ['v1.2.3', false],
    ['v1.2.3-pre', false],
    ['v0.0.0-20190101000000-abcdef123456', true],
    ['v0.0.0-2019010100000-abcdef123456', false],
    ['v1.2.3-pre.0.20190101000000-abcdef123456', true],
    ['v1.2.3-0.20190101000000-abc_def', false],
    ['v1.2.3-0.20190101000000-abc+incompatible', true],
  ] as const)('isPseudoVersion(%j) = %j', (v, want) => {
    expect(isPseudoVersion(v)).toBe(want);
  });
});

describe('pseudo-versions against golang.org/x/mod (golden data)', () => {
  it(`agrees on ${golden.pseudo.length} inputs`, () => {
    const mismatches = golden.pseudo.filter(([v, ...want]) => {
      const [t, terr] = outcome(() => pseudoVersionTime(v).getTime() / 1000);
      const got = [
        isPseudoVersion(v),
        isZeroPseudoVersion(v),
        ...outcome(() => pseudoVersionBase(v)),
        t,
        terr,
        ...outcome(() => pseudoVersionRev(v)),
      ];
      return JSON.stringify(got) !== JSON.stringify(want);
    });
    expect(mismatches).toEqual([]);
  });

  it(`agrees on building ${golden.pseudoVersion.length} pseudo-versions`, () => {
    const mismatches = golden.pseudoVersion.filter(
      ([maj, older, secs, rev, want]) => pseudoVersion(maj, older, new Date(secs * 1000), rev) !== want,
    );
    expect(mismatches).toEqual([]);
  });
});
