import { describe, expect, it } from 'vitest';
import type { OsvRange } from './osv-entry';
import { affects, earliestFix, goTagToSemver, latestFix, rangeContains } from './osv-range';

const semver = (...events: Record<string, string>[]): OsvRange => ({ type: 'SEMVER', events });

describe('rangeContains', () => {
  const cases: [string, OsvRange, string, boolean][] = [
    ['introduced 0 is before every version', semver({ introduced: '0' }, { fixed: '1.2.0' }), 'v0.0.1', true],
    ['the fixed version itself is not affected', semver({ introduced: '0' }, { fixed: '1.2.0' }), 'v1.2.0', false],
    ['below introduced', semver({ introduced: '1.1.0' }, { fixed: '1.2.0' }), 'v1.0.9', false],
    ['at introduced', semver({ introduced: '1.1.0' }, { fixed: '1.2.0' }), 'v1.1.0', true],
    ['events out of order are sorted', semver({ fixed: '1.2.0' }, { introduced: '1.1.0' }), 'v1.1.5', true],
    ['reintroduced after a fix', semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.4.0' }), 'v1.5.0', true],
    ['between fix and reintroduction', semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.4.0' }), 'v1.3.0', false],
    ['a pseudo-version is a prerelease of its base', semver({ introduced: '0' }, { fixed: '1.2.0' }), 'v1.2.0-0.20200101000000-abcdefabcdef', true],
    ['a pseudo-version after the fix', semver({ introduced: '0' }, { fixed: '1.2.0' }), 'v1.2.1-0.20200101000000-abcdefabcdef', false],
    ['pseudo-version bounds', semver({ introduced: '0.0.0-20250721152936-fe86ceb2c3fa' }, { fixed: '0.0.0-20260626085133-7cb96ac80a6d' }), 'v0.0.0-20260101000000-aaaaaaaaaaaa', true],
    ['+incompatible is ignored by the order', semver({ introduced: '0' }, { fixed: '2.1.0+incompatible' }), 'v2.0.9+incompatible', true],
    ['+incompatible at the fix', semver({ introduced: '0' }, { fixed: '2.1.0' }), 'v2.1.0+incompatible', false],
    ['no events: every version', semver(), 'v9.9.9', true],
    ['last_affected is inclusive', semver({ introduced: '1.0.0' }, { last_affected: '1.3.0' }), 'v1.3.0', true],
    ['above last_affected', semver({ introduced: '1.0.0' }, { last_affected: '1.3.0' }), 'v1.3.1', false],
    ['a go release as stdlib', semver({ introduced: '1.22.0-0' }, { fixed: '1.22.5' }), 'v1.22.0-rc.1', true],
    ['ECOSYSTEM ranges contain nothing', { type: 'ECOSYSTEM', events: [{ introduced: '0' }] }, 'v1.0.0', false],
  ];
  for (const [name, r, v, want] of cases) it(name, () => expect(rangeContains(r, v)).toBe(want));
});

describe('affects', () => {
  it('no ranges, or no SEMVER range, means every version', () => {
    expect(affects(undefined, 'v1.0.0')).toBe(true);
    expect(affects([{ type: 'GIT', events: [{ introduced: '0' }] }], 'v1.0.0')).toBe(true);
  });
  it('any SEMVER range containing the version', () => {
    expect(affects([semver({ introduced: '0' }, { fixed: '1.0.0' }), semver({ introduced: '2.0.0' }, { fixed: '2.1.0' })], 'v2.0.5')).toBe(true);
    expect(affects([semver({ introduced: '0' }, { fixed: '1.0.0' }), semver({ introduced: '2.0.0' }, { fixed: '2.1.0' })], 'v1.5.0')).toBe(false);
  });
});

describe('earliestFix', () => {
  const a = (...ranges: OsvRange[]) => ({ package: { name: 'm', ecosystem: 'Go' }, ranges });
  it('the lowest fix above the version, with a v', () => {
    expect(earliestFix([a(semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }))], 'v1.0.0')).toBe('v1.2.0');
    expect(earliestFix([a(semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }))], 'v2.0.0')).toBe('v2.1.0');
  });
  it('a fix that another item puts back in the affected span is skipped', () => {
    expect(earliestFix([a(semver({ introduced: '1.0.0' }, { fixed: '1.5.0' })), a(semver({ introduced: '1.4.0' }, { fixed: '1.6.0' }))], 'v1.0.0')).toBe('v1.6.0');
  });
  it('no fix', () => expect(earliestFix([a(semver({ introduced: '0' }))], 'v1.0.0')).toBe(''));
});

describe('latestFix', () => {
  it('the last fix, unless reintroduced after it', () => {
    expect(latestFix([semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' })])).toBe('2.1.0');
    expect(latestFix([semver({ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' })])).toBe('');
  });
});

describe('goTagToSemver', () => {
  const cases: [string, string][] = [
    ['go1.21.3', 'v1.21.3'],
    ['go1.21', 'v1.21.0'],
    ['go1.22rc1', 'v1.22.0-rc.1'],
    ['go1.19beta2', 'v1.19.0-beta.2'],
    ['go1', 'v1.0.0'],
    ['go1.0', ''],
    ['devel go1.23-abc', ''],
  ];
  for (const [tag, want] of cases) it(tag, () => expect(goTagToSemver(tag)).toBe(want));
});
