import { describe, expect, it } from 'vitest';
import { GROUP_MAX, groupPaths } from './path-groups';

const keys = (paths: string[]): Record<string, number> => Object.fromEntries(groupPaths(paths, (p) => p).map((g) => [g.key, g.members.length]));

describe('groupPaths', () => {
  it('keeps a small prefix whole and cuts a big one where the cut makes real groups', () => {
    const aws = Array.from({ length: 10 }, (_, i) => `github.com/aws/m${i}`);
    const azure = Array.from({ length: 8 }, (_, i) => `github.com/Azure/m${i}`);
    const loners = ['github.com/a/x', 'github.com/b/y'];
    expect(keys([...aws, ...azure, ...loners, 'golang.org/x/net', 'golang.org/x/text'])).toEqual({
      'github.com/aws': 10,
      'github.com/Azure': 8,
      // What the cut left on its own stays together under the prefix it was cut from.
      'github.com/…': 2,
      'golang.org': 2,
    });
  });

  it('does not cut a prefix into nothing but loners', () => {
    const spread = Array.from({ length: GROUP_MAX + 5 }, (_, i) => `cloud.google.com/go/m${i}`);
    expect(keys(spread)).toEqual({ 'cloud.google.com/go': GROUP_MAX + 5 });
  });

  it('groups by family: foo and foo/v2 are cut by the same prefix', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ path: `github.com/o/m${i % 4}${i >= 4 ? `/v${i}` : ''}`, family: `github.com/o/m${i % 4}` }));
    const groups = groupPaths(items, (t) => t.family);
    for (const g of groups) for (const m of g.members) expect(m.family.startsWith(g.key.replace(/\/…$/, ''))).toBe(true);
    expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(20);
  });
});
