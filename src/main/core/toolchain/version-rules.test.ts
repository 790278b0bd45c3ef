import { describe, expect, it } from 'vitest';
import { NEWEST_GO, knownReleases, releaseKnowledge } from './go-releases';
import { goLineRule, hasRule, type VersionRule } from './version-rules';

describe('NEWEST_GO', () => {
  it('is go 1.27.3, the release test/differential/toolchain.test.ts checks gomodx against', () => {
    // Raising it means: fetch that release in .ci/run, point test/helpers/go-toolchain.ts at it,
    // run both on the same universes, and add what differs to version-rules.ts.
    expect(NEWEST_GO).toBe('1.27.3');
  });
  it('is a release gomodx knows', () => {
    expect(releaseKnowledge(NEWEST_GO)).toBe('exists');
    expect(knownReleases()).toContain(NEWEST_GO);
  });
});

describe('version rules (what differs between Go versions)', () => {
  // [rule, versions that have it, versions that do not]
  const table: [VersionRule, string[], string[]][] = [
    ['get-adds-toolchain-line', ['1.21.0', '1.22.5', '1.24.13'], ['1.20.14', '1.25.0', '1.26.8', '1.27.3']],
    ['mod-edit-json-omits-empty', ['1.27.0', '1.27.3'], ['1.26.8', '1.26rc1', '1.21.0']],
    ['work-edit-json-toolchain-godebug', ['1.27.0', '1.27.3'], ['1.26.11', '1.25.0']],
  ];
  for (const [rule, yes, no] of table) {
    it(rule, () => {
      for (const v of yes) expect(hasRule(v, rule), v).toBe(true);
      for (const v of no) expect(hasRule(v, rule), v).toBe(false);
    });
  }
  it('require-at-most-two-blocks follows the go line', () => {
    expect(goLineRule('1.27', 'require-at-most-two-blocks')).toBe(true);
    expect(goLineRule('1.27.0', 'require-at-most-two-blocks')).toBe(true);
    expect(goLineRule('1.26.8', 'require-at-most-two-blocks')).toBe(false);
  });
});

describe('releaseKnowledge', () => {
  it.each([
    ['1.27.3', 'exists'],
    ['1.27.0', 'exists'],
    ['1.21.0', 'exists'],
    ['1.26rc1', 'exists'],
    ['1.27', 'absent'],
    ['1.23.40', 'absent'],
    ['1.27.9', 'unknown'],
    ['1.26.30', 'unknown'],
    ['1.30.0', 'unknown'],
    ['1.28rc1', 'unknown'],
  ])('%s: %s', (v, want) => {
    expect(releaseKnowledge(v)).toBe(want);
  });
});
