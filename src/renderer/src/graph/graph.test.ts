import { describe, expect, it } from 'vitest';
import { makeGraph } from '../test-support/module-graph-fixture';
import { moduleDetails, pkgGoDevUrl } from './details';
import { goQuote, toModgraphvizDot } from './dot';
import { groupId, nodeClasses, nodeLabel, toElements } from './elements';
import { columnsLayout } from './columns-layout';
import { computeLayout } from './compute-layout';
import { chooseLayout } from './layout';
import { searchNodes } from './search';
import { graphStylesheet, PALETTES } from './styles';
import { familyNodeId, visibleGraph, type ViewOptions } from './visible-graph';

// main requires a@v1.1.0 and b@v1.0.0; b requires a@v1.0.0 (lost) and c/v2; c/v2 requires c@v1.
const g = makeGraph(
  [
    'example.com/main',
    'example.com/a@v1.0.0',
    'example.com/a@v1.1.0',
    { id: 'example.com/b@v1.0.0', dependency: 'direct', replacement: { path: 'example.com/bfork', version: 'v1.0.1', fromFile: '/p/go.mod' } },
    'example.com/c@v1.0.0',
    'example.com/c/v2@v2.0.0',
    { id: 'example.com/x@v1.2.0', excluded: true, selected: false },
    'go@1.22',
    { id: 'example.com/broken@v0.1.0', failing: true, loaded: false, error: 'go: boom' },
  ],
  [
    'example.com/main -> example.com/a@v1.1.0',
    'example.com/main -> example.com/b@v1.0.0',
    'example.com/main -> go@1.22',
    'example.com/main -> example.com/broken@v0.1.0',
    'example.com/b@v1.0.0 -> example.com/a@v1.0.0',
    'example.com/b@v1.0.0 -> example.com/c/v2@v2.0.0',
    'example.com/c/v2@v2.0.0 -> example.com/c@v1.0.0',
    'example.com/b@v1.0.0 -x> example.com/x@v1.2.0',
  ],
);

const all: ViewOptions = { showUnselected: true, showToolchain: true, prefix: '', collapsed: [] };
const ids = (v: ReturnType<typeof visibleGraph>) => v.nodes.map((n) => n.id).sort();
const edgeIds = (v: ReturnType<typeof visibleGraph>) => v.edges.map((e) => e.id).sort();

describe('visibleGraph', () => {
  it('shows everything when asked to', () => {
    const v = visibleGraph(g, all);
    expect(v.nodes).toHaveLength(g.nodes.length);
    expect(v.edges).toHaveLength(g.edges.length);
    expect(v.hidden).toBe(0);
  });

  it('hides lost versions and redirects their requirements to the winner', () => {
    const v = visibleGraph(g, { ...all, showUnselected: false });
    expect(ids(v)).not.toContain('example.com/a@v1.0.0');
    expect(ids(v)).not.toContain('example.com/x@v1.2.0');
    expect(edgeIds(v)).toContain('example.com/b@v1.0.0 example.com/a@v1.1.0 upgraded');
    expect(v.hidden).toBe(2);
  });

  it('hides go and toolchain unless asked', () => {
    expect(ids(visibleGraph(g, { ...all, showToolchain: false }))).not.toContain('go@1.22');
  });

  it('filters by path prefix but keeps the main module', () => {
    expect(ids(visibleGraph(g, { ...all, prefix: 'example.com/c' }))).toEqual(['example.com/c/v2@v2.0.0', 'example.com/c@v1.0.0', 'example.com/main']);
  });

  it('focuses on a node with its requirers and requirements', () => {
    expect(ids(visibleGraph(g, { ...all, focus: { id: 'example.com/b@v1.0.0', mode: 'neighbors' } }))).toEqual([
      'example.com/a@v1.0.0',
      'example.com/b@v1.0.0',
      'example.com/c/v2@v2.0.0',
      'example.com/main',
      'example.com/x@v1.2.0',
    ]);
  });

  it('focuses on the paths from main to a node', () => {
    expect(ids(visibleGraph(g, { ...all, focus: { id: 'example.com/c@v1.0.0', mode: 'paths' } }))).toEqual([
      'example.com/b@v1.0.0',
      'example.com/c/v2@v2.0.0',
      'example.com/c@v1.0.0',
      'example.com/main',
    ]);
  });

  it('keeps a focused lost version even when lost versions are hidden', () => {
    expect(ids(visibleGraph(g, { ...all, showUnselected: false, focus: { id: 'example.com/a@v1.0.0', mode: 'neighbors' } }))).toContain('example.com/a@v1.0.0');
  });

  it('collapses a family into one node and merges its edges', () => {
    const v = visibleGraph(g, { ...all, collapsed: ['example.com/c'] });
    expect(ids(v)).toContain(familyNodeId('example.com/c'));
    expect(ids(v)).not.toContain('example.com/c@v1.0.0');
    expect(edgeIds(v)).toContain(`example.com/b@v1.0.0 ${familyNodeId('example.com/c')} require`);
    expect(edgeIds(v).some((e) => e.startsWith(familyNodeId('example.com/c') + ' '))).toBe(false); // the c/v2 → c self-loop is gone
  });
});

describe('toElements', () => {
  const els = toElements(visibleGraph(g, all));
  const byId = new Map(els.map((e) => [e.data.id, e]));

  it('puts the versions of a family in one compound node, before its children', () => {
    const group = groupId('example.com/c');
    expect(byId.get(group)?.classes).toBe('family-group');
    expect(byId.get('example.com/c@v1.0.0')?.data.parent).toBe(group);
    expect(byId.get('example.com/c/v2@v2.0.0')?.data.parent).toBe(group);
    expect(els.findIndex((e) => e.data.id === group)).toBeLessThan(els.findIndex((e) => e.data.id === 'example.com/c@v1.0.0'));
    expect(byId.get('example.com/main')?.data.parent).toBeUndefined();
  });

  it.each([
    ['example.com/main', 'main main selected-version'],
    ['example.com/a@v1.0.0', 'module indirect lost'],
    ['example.com/b@v1.0.0', 'module direct selected-version replaced'],
    ['example.com/x@v1.2.0', 'module indirect lost excluded'],
    ['example.com/broken@v0.1.0', 'module indirect selected-version failing not-loaded'],
    ['go@1.22', 'go indirect selected-version'],
  ])('marks %s with %s', (id, classes) => {
    expect(byId.get(id)?.classes).toBe(classes);
  });

  it('labels with path, version and replacement, and sizes by label', () => {
    const n = g.nodes.find((x) => x.id === 'example.com/b@v1.0.0')!;
    expect(nodeLabel(n)).toBe('example.com/b\nv1.0.0\n⇒ example.com/bfork v1.0.1');
    expect(byId.get(n.id)?.data.h).toBe(3 * 14 + 12);
    expect(nodeLabel(g.nodes.find((x) => x.id === 'example.com/x@v1.2.0')!)).toBe('example.com/x\nv1.2.0 (excluded)');
    expect(nodeLabel(g.nodes.find((x) => x.id === 'go@1.22')!)).toBe('go 1.22');
  });

  it('classes edges by kind, and edges to lost versions', () => {
    expect(byId.get('example.com/b@v1.0.0 example.com/x@v1.2.0 excluded')?.classes).toBe('excluded');
    expect(byId.get('example.com/b@v1.0.0 example.com/a@v1.0.0 require')?.classes).toBe('require to-lost');
  });

  it('every class used by an element has a style rule', () => {
    const selectors = graphStylesheet('light')
      .map((r) => ('selector' in r ? r.selector : ''))
      .join(' ');
    const used = new Set(els.flatMap((e) => String(e.classes ?? '').split(' ')).filter(Boolean));
    for (const c of used) {
      if (['module', 'indirect', 'selected-version', 'require'].includes(c)) continue; // the defaults
      expect(selectors, c).toContain(`.${c}`);
    }
    expect(nodeClasses(g.nodes[0])).toContain('main');
  });
});

describe('styles', () => {
  it('has both themes with the same colours named', () => {
    expect(Object.keys(PALETTES.dark).sort()).toEqual(Object.keys(PALETTES.light).sort());
    expect(graphStylesheet('dark')).toHaveLength(graphStylesheet('light').length);
  });

  it('uses cheaper edges for large graphs', () => {
    const edge = (s: ReturnType<typeof graphStylesheet>) => s.find((r) => 'selector' in r && r.selector === 'edge') as unknown as { style: Record<string, unknown> };
    expect(edge(graphStylesheet('light', { large: true })).style['curve-style']).toBe('haystack');
    expect(edge(graphStylesheet('light')).style['curve-style']).toBe('bezier');
  });
});

describe('layout', () => {
  it('chooses layered for small graphs and force for large ones', () => {
    expect(chooseLayout('auto', 40, 80)).toBe('layered');
    expect(chooseLayout('auto', 100, 1000)).toBe('columns');
    expect(chooseLayout('auto', 1000, 1000)).toBe('columns');
    expect(chooseLayout('force', 10)).toBe('force');
    expect(chooseLayout('layered', 400)).toBe('layered');
    expect(chooseLayout('layered', 401)).toBe('columns');
  });

  it.each(['layered', 'columns', 'force'] as const)('%s gives every leaf node a distinct position', (kind) => {
    const els = toElements(visibleGraph(g, all));
    const pos = computeLayout(els, kind);
    const leaves = els.filter((e) => e.group === 'nodes' && e.classes !== 'family-group').map((e) => e.data.id!);
    expect(Object.keys(pos).sort()).toEqual(leaves.sort());
    expect(new Set(Object.values(pos).map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)).size).toBe(leaves.length);
  });

  it('layered puts requirements to the right of their requirers', () => {
    const pos = computeLayout(toElements(visibleGraph(g, { ...all, collapsed: [] })), 'layered');
    expect(pos['example.com/b@v1.0.0'].x).toBeGreaterThan(pos['example.com/main'].x);
    expect(pos['example.com/c@v1.0.0'].x).toBeGreaterThan(pos['example.com/c/v2@v2.0.0'].x);
  });
});

describe('columns layout', () => {
  // A hub requiring 200 modules, each in two versions (the lower one lost), some with a /v2 twin.
  const names = [...Array(200).keys()].map((i) => `example.com/m${String(i).padStart(3, '0')}${i % 20 === 3 ? '/v2' : ''}`);
  const big = makeGraph(
    ['main', ...names.flatMap((p) => [`${p}@v1.0.0`, `${p}@v1.1.0`])],
    [...names.map((p) => `main -> ${p}@v1.1.0`), ...names.map((p, i) => `${p}@v1.1.0 -> ${names[(i * 7 + 3) % 200]}@v1.0.0`)],
  );
  const els = toElements(visibleGraph(big, all));

  it('never overlaps two nodes, and is fast', () => {
    const started = performance.now();
    const pos = columnsLayout(els);
    expect(performance.now() - started).toBeLessThan(200);
    const boxes = els
      .filter((e) => e.group === 'nodes' && e.classes !== 'family-group')
      .map((e) => ({ x: pos[e.data.id!].x, y: pos[e.data.id!].y, w: Number(e.data.w), h: Number(e.data.h) }));
    expect(boxes).toHaveLength(401);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h;
        expect(overlap, `${i} ${j}`).toBe(false);
      }
  });

  it('puts main first and keeps the versions of a family together', () => {
    const pos = columnsLayout(els);
    const xs = Object.values(pos).map((p) => p.x);
    expect(pos.main.x).toBe(Math.min(...xs));
    expect(pos['example.com/m010@v1.0.0'].x).toBe(pos['example.com/m010@v1.1.0'].x);
    expect(Math.abs(pos['example.com/m010@v1.0.0'].y - pos['example.com/m010@v1.1.0'].y)).toBeLessThan(60);
  });
});

describe('DOT export', () => {
  it('prints what modgraphviz prints for the same go mod graph', () => {
    expect(toModgraphvizDot(g)).toBe(
      [
        'digraph gomodgraph {',
        '\tnode [ shape=rectangle fontsize=12 ]',
        '\t"example.com/main" -> "example.com/a@v1.1.0"',
        '\t"example.com/main" -> "example.com/b@v1.0.0"',
        '\t"example.com/main" -> "go@1.22"',
        '\t"example.com/main" -> "example.com/broken@v0.1.0"',
        '\t"example.com/b@v1.0.0" -> "example.com/a@v1.0.0"',
        '\t"example.com/b@v1.0.0" -> "example.com/c/v2@v2.0.0"',
        '\t"example.com/c/v2@v2.0.0" -> "example.com/c@v1.0.0"',
        '\t"example.com/a@v1.1.0" [style = filled, fillcolor = green]',
        '\t"example.com/b@v1.0.0" [style = filled, fillcolor = green]',
        '\t"example.com/broken@v0.1.0" [style = filled, fillcolor = green]',
        '\t"example.com/c/v2@v2.0.0" [style = filled, fillcolor = green]',
        '\t"example.com/c@v1.0.0" [style = filled, fillcolor = green]',
        '\t"go@1.22" [style = filled, fillcolor = green]',
        '\t"example.com/a@v1.0.0" [style = filled, fillcolor = gray]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('moves the old maximum to unpicked when a higher version comes later, as modgraphviz does', () => {
    const h = makeGraph(['m', 'x@v1.0.0', 'x@v1.1.0', 'x@v1.2.0', 'go@1.21', 'go@1.22'], ['m -> x@v1.0.0', 'm -> go@1.21', 'x@v1.0.0 -> x@v1.1.0', 'x@v1.1.0 -> x@v1.2.0', 'x@v1.2.0 -> go@1.22']);
    const dot = toModgraphvizDot(h);
    expect(dot).toContain('\t"go@1.21" [style = filled, fillcolor = green]\n\t"x@v1.2.0" [style = filled, fillcolor = green]\n');
    expect(dot).toContain('\t"x@v1.0.0" [style = filled, fillcolor = gray]\n\t"x@v1.1.0" [style = filled, fillcolor = gray]\n\t"go@1.22" [style = filled, fillcolor = gray]\n}');
  });

  it('quotes as Go %q', () => {
    expect(goQuote('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
  });
});

describe('search', () => {
  it('ranks exact, prefix, element-boundary, then substring matches', () => {
    expect(searchNodes(g.nodes, 'example.com/c').map((h) => h.id)).toEqual(['example.com/c@v1.0.0', 'example.com/c/v2@v2.0.0']);
    expect(searchNodes(g.nodes, 'broken').map((h) => h.id)).toEqual(['example.com/broken@v0.1.0']);
    expect(searchNodes(g.nodes, 'a@v1.0').map((h) => h.id)).toEqual(['example.com/a@v1.0.0']);
    expect(searchNodes(g.nodes, '  ')).toEqual([]);
    expect(searchNodes(g.nodes, 'example', 3)).toHaveLength(3);
  });
});

describe('moduleDetails', () => {
  it('lists requirers of the path with the version each asks for, this version first', () => {
    const d = moduleDetails(g, 'example.com/a@v1.1.0')!;
    expect(d.requiredBy).toEqual([
      { id: 'example.com/main', asks: 'v1.1.0', kind: 'require', requirerSelected: true },
      { id: 'example.com/b@v1.0.0', asks: 'v1.0.0', kind: 'require', requirerSelected: true },
    ]);
    expect(d.otherVersions.map((n) => n.id)).toEqual(['example.com/a@v1.0.0']);
    expect(d.pkgGoDevUrl).toBe('https://pkg.go.dev/example.com/a@v1.1.0');
  });

  it('lists requirements with the version that won', () => {
    const d = moduleDetails(g, 'example.com/b@v1.0.0')!;
    expect(d.requires.find((r) => r.path === 'example.com/a')).toEqual({ id: 'example.com/a@v1.0.0', path: 'example.com/a', version: 'v1.0.0', kind: 'require', selectedVersion: 'v1.1.0' });
    expect(d.requires.find((r) => r.kind === 'excluded')?.id).toBe('example.com/x@v1.2.0');
  });

  it('names the family twins', () => {
    expect(moduleDetails(g, 'example.com/c@v1.0.0')!.familyPaths).toEqual(['example.com/c/v2']);
  });

  it('has no pkg.go.dev link for main modules and go', () => {
    expect(pkgGoDevUrl(g.nodes[0])).toBeUndefined();
    expect(pkgGoDevUrl(g.nodes.find((n) => n.kind === 'go')!)).toBeUndefined();
    expect(moduleDetails(g, 'nope')).toBeUndefined();
  });
});
