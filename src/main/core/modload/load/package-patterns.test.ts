import { describe, expect, it } from 'vitest';
import { matchPattern, treeCanMatchPattern } from './package-patterns';

describe('package patterns', () => {
  it('matches "..." as pkgpattern.MatchPattern does', () => {
    const m = matchPattern('example.com/x/...');
    expect(m('example.com/x')).toBe(true);
    expect(m('example.com/x/y/z')).toBe(true);
    expect(m('example.com/xy')).toBe(false);
    expect(matchPattern('example.com/x...')('example.com/xy/z')).toBe(true);
    expect(matchPattern('./...')('./.')).toBe(true);
    expect(matchPattern('./...')('./a/b')).toBe(true);
    // A wildcard does not reach into a vendor directory, but a package named vendor matches.
    expect(m('example.com/x/vendor/y')).toBe(false);
    expect(m('example.com/x/vendor')).toBe(true);
    expect(matchPattern('example.com/x/vendor/...')('example.com/x/vendor/y')).toBe(true);
    expect(matchPattern('a/.../b')('a/c/d/b')).toBe(true);
    expect(matchPattern('a/.../b')('a/c/d/bb')).toBe(false);
  });

  it('prunes trees as pkgpattern.TreeCanMatchPattern does', () => {
    const t = treeCanMatchPattern('example.com/x/y/...');
    expect(t('example.com')).toBe(true);
    expect(t('example.com/x')).toBe(true);
    expect(t('example.com/x/y/z')).toBe(true);
    expect(t('example.com/w')).toBe(false);
    expect(treeCanMatchPattern('example.com/x')('example.com/x/y')).toBe(false);
    expect(treeCanMatchPattern('example.com/x')('example.com')).toBe(true);
  });
});
