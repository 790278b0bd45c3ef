import { describe, expect, it } from 'vitest';
import { modCompare } from '../gover/gover';
import { RequirementGraph } from '../mvs/graph';
import { buildListChanges } from './build-list-changes';

const mv = (s: string) => {
  const [path, version = ''] = s.split('@');
  return { path: path!, version };
};

/** graphOf builds a requirement graph from "from -> to to ..." lines, the main module first. */
function graphOf(lines: string[]): RequirementGraph {
  const g = new RequirementGraph(modCompare, [mv('main')]);
  for (const l of lines) {
    const [from, to = ''] = l.split(' -> ');
    g.require(mv(from!), to.split(' ').filter(Boolean).map(mv));
  }
  return g;
}

describe('buildListChanges', () => {
  const before = ['main', 'a@v1.0.0', 'b@v1.0.0', 'gone@v1.0.0'].map(mv);
  const after = ['main', 'a@v1.1.0', 'b@v1.2.0', 'new@v0.1.0'].map(mv);
  const graph = graphOf(['main -> a@v1.1.0 b@v1.2.0', 'a@v1.1.0 -> b@v1.2.0 new@v0.1.0']);

  it('lists every move, go first, then by path, with go reasons where go reports the module', () => {
    const changes = buildListChanges(before, after, [{ path: 'a', old: 'v1.0.0', new: 'v1.1.0', kind: 'upgraded', reason: 'asked for by a@v1.1.0' }], graph);
    expect(changes.map((c) => [c.path, c.kind, c.old, c.new, c.reported])).toEqual([
      ['a', 'upgraded', 'v1.0.0', 'v1.1.0', true],
      ['b', 'upgraded', 'v1.0.0', 'v1.2.0', false],
      ['gone', 'removed', 'v1.0.0', '', false],
      ['new', 'added', '', 'v0.1.0', false],
    ]);
    expect(changes[0]!.reason).toBe('asked for by a@v1.1.0');
    expect(changes[2]!.reason).toBe('no longer required by any selected module');
  });

  it('names the dependency that raises a version, not the main module that lists it too', () => {
    const changes = buildListChanges(before, after, [], graph);
    const b = changes.find((c) => c.path === 'b')!;
    expect(b.reason).toBe('raised by a requirement of a@v1.1.0');
    expect(b.by).toEqual(mv('a@v1.1.0'));
    expect(changes.find((c) => c.path === 'new')!.by).toEqual(mv('a@v1.1.0'));
  });

  it('keeps go.mod lines go reports that the build list does not show as moves', () => {
    const changes = buildListChanges(before, before, [{ path: 'go', old: '1.21', new: '1.22', kind: 'upgraded', reason: 'asked for by go@1.22' }]);
    expect(changes).toEqual([{ path: 'go', old: '1.21', new: '1.22', kind: 'upgraded', reason: 'asked for by go@1.22', reported: true }]);
  });
});
