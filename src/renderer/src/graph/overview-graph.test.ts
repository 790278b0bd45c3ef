import { describe, expect, it } from 'vitest';
import { makeGraph } from '../test-support/module-graph-fixture';
import { groupNodeId, overviewGraph } from './overview-graph';
import { GROUP_MIN } from './path-groups';
import { visibleGraph } from './visible-graph';

// main requires d (direct) and, as go >= 1.17 lists them, every indirect module; d requires the
// three x/* modules (one at a lost version) and lone; x/a requires x/b.
const g = makeGraph(
  [
    'example.com/main',
    { id: 'example.com/d@v1.0.0', dependency: 'direct' },
    'example.com/x/a@v1.0.0',
    'example.com/x/a@v1.1.0',
    { id: 'example.com/x/b@v1.0.0', replacement: { path: 'fork/b', version: 'v1.0.1', fromFile: '/p/go.mod' } },
    { id: 'example.com/x/c@v0.9.0', excluded: true, selected: false },
    'example.com/x/c@v1.0.0',
    'other.org/lone@v1.0.0',
  ],
  [
    'example.com/main -> example.com/d@v1.0.0',
    'example.com/main -> example.com/x/a@v1.1.0',
    'example.com/main -> other.org/lone@v1.0.0',
    'example.com/d@v1.0.0 -> example.com/x/a@v1.0.0',
    'example.com/d@v1.0.0 -> example.com/x/c@v1.0.0',
    'example.com/d@v1.0.0 -> other.org/lone@v1.0.0',
    'example.com/x/a@v1.1.0 -> example.com/x/b@v1.0.0',
  ],
);

describe('overviewGraph', () => {
  it('draws main and direct modules one box each, gathers indirect ones by prefix, counts what it does not draw', () => {
    const v = overviewGraph(g, '', []);
    // Three modules under example.com/x make a group only if a group may be that small.
    expect(GROUP_MIN).toBeLessThanOrEqual(3);
    const ids = v.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(['example.com/d@v1.0.0', 'example.com/main', groupNodeId('example.com'), 'other.org/lone@v1.0.0'].sort());
    const group = v.nodes.find((n) => n.kind === 'group');
    expect(group && group.kind === 'group' && group.members.map((m) => m.id).sort()).toEqual(['example.com/x/a@v1.1.0', 'example.com/x/b@v1.0.0', 'example.com/x/c@v1.0.0']);
    expect(group && group.kind === 'group' && group.counts).toEqual({ lost: 1, excluded: 1, replaced: 1 });
    expect(v.hidden).toBe(g.nodes.length - (1 + 1 + 3 + 1));
  });

  it('draws requirements between what stands for their ends, to the winner, without the main module\'s indirect lines', () => {
    const v = overviewGraph(g, '', []);
    expect(v.edges.map((e) => `${e.from} -> ${e.to}`).sort()).toEqual(
      ['example.com/main -> example.com/d@v1.0.0', `example.com/d@v1.0.0 -> ${groupNodeId('example.com')}`, 'example.com/d@v1.0.0 -> other.org/lone@v1.0.0'].sort(),
    );
    expect(v.edges.every((e) => e.kind === 'summary')).toBe(true);
  });

  it('draws an opened group member by member, and filters by prefix', () => {
    const open = overviewGraph(g, '', ['example.com']);
    const members = open.nodes.filter((n) => n.kind === 'module' && n.group === 'example.com').map((n) => n.id);
    expect(members.sort()).toEqual(['example.com/x/a@v1.1.0', 'example.com/x/b@v1.0.0', 'example.com/x/c@v1.0.0']);
    expect(open.edges.map((e) => `${e.from} -> ${e.to}`)).toContain('example.com/x/a@v1.1.0 -> example.com/x/b@v1.0.0');
    const filtered = overviewGraph(g, 'other.org', []);
    expect(filtered.nodes.map((n) => n.id).sort()).toEqual(['example.com/main', 'other.org/lone@v1.0.0']);
  });

  it('is what visibleGraph draws in overview mode, unless a focus narrows the graph', () => {
    const base = { showUnselected: true, showToolchain: false, prefix: '', collapsed: [], mode: 'overview' as const };
    expect(visibleGraph(g, base).nodes.length).toBe(4);
    const why = visibleGraph(g, { ...base, focus: { id: 'example.com/x/b@v1.0.0', mode: 'why', nodes: ['example.com/main', 'example.com/x/a@v1.1.0', 'example.com/x/b@v1.0.0'], edges: ['example.com/main example.com/x/a@v1.1.0', 'example.com/x/a@v1.1.0 example.com/x/b@v1.0.0'] } });
    expect(why.nodes.map((n) => n.id).sort()).toEqual(['example.com/main', 'example.com/x/a@v1.1.0', 'example.com/x/b@v1.0.0']);
    // Only the paths' edges: not main's direct line to x/b's requirer's siblings.
    expect(why.edges.map((e) => `${e.from} -> ${e.to}`).sort()).toEqual(['example.com/main -> example.com/x/a@v1.1.0', 'example.com/x/a@v1.1.0 -> example.com/x/b@v1.0.0']);
  });
});
