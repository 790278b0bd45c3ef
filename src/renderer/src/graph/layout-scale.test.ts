// The layouts' large-graph rules: window-tall columns, opened groups cut into sub-columns,
// longest ranks for why views, narrow labels, and the cache of laid-out views.
import type { ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { columnsLayout } from './columns-layout';
import { narrowPath, NARROW_LINE } from './elements';
import { cachedLayout, keepLayout, layoutKey } from './layout-cache';

const node = (id: string, parent?: string): ElementDefinition => ({ group: 'nodes', data: { id, w: 100, h: 30, family: id, ...(parent ? { parent } : {}) } });
const edge = (s: string, t: string): ElementDefinition => ({ group: 'edges', data: { id: `${s} ${t}`, source: s, target: t } });

function overlaps(p: Record<string, { x: number; y: number }>): boolean {
  const ids = Object.keys(p);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = p[ids[i]!]!;
      const b = p[ids[j]!]!;
      if (Math.abs(a.x - b.x) < 100 && Math.abs(a.y - b.y) < 30) return true;
    }
  return false;
}

describe('columns layout at scale', () => {
  it('cuts an opened group taller than a column into side-by-side sub-columns, without overlaps', () => {
    const members = Array.from({ length: 40 }, (_, i) => node(`m${i}`, 'cluster:g'));
    const elements = [{ group: 'nodes', data: { id: 'cluster:g', family: 'g' } } as ElementDefinition, node('main'), ...members, ...members.map((m) => edge('main', m.data.id!))];
    (elements[1]!.classes as unknown) = 'main';
    const p = columnsLayout(elements, 400);
    const ys = members.map((m) => p[m.data.id!]!.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(400);
    expect(new Set(members.map((m) => p[m.data.id!]!.x)).size).toBeGreaterThan(1);
    expect(overlaps(p)).toBe(false);
  });

  it('ranks by the longest distance when asked, so a path reads to its end', () => {
    const elements = [{ ...node('main'), classes: 'main' }, node('a'), node('b'), edge('main', 'a'), edge('a', 'b'), edge('main', 'b')];
    const shortest = columnsLayout(elements);
    const longest = columnsLayout(elements, undefined, true);
    expect(shortest.b!.x).toBe(shortest.a!.x);
    expect(longest.b!.x).toBeGreaterThan(longest.a!.x);
  });
});

describe('narrowPath', () => {
  it('breaks long paths after slashes and keeps short ones', () => {
    expect(narrowPath('golang.org/x/net')).toBe('golang.org/x/net');
    const long = 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc';
    const lines = narrowPath(long).split('\n');
    expect(lines.join('')).toBe(long);
    for (const l of lines) expect(l.length <= NARROW_LINE || !l.slice(0, -1).includes('/')).toBe(true);
  });
});

describe('layout cache', () => {
  it('names a layout by what decides it, and keeps a few', () => {
    const a = [node('x'), node('y'), edge('x', 'y')];
    const k = layoutKey(a, 'columns', { columnHeight: 800 });
    expect(layoutKey(a, 'columns', { columnHeight: 800 })).toBe(k);
    expect(layoutKey(a, 'columns', { columnHeight: 900 })).not.toBe(k);
    expect(layoutKey([node('x'), node('y')], 'columns', { columnHeight: 800 })).not.toBe(k);
    keepLayout(k, { x: { x: 1, y: 2 } });
    expect(cachedLayout(k)).toEqual({ x: { x: 1, y: 2 } });
    for (let i = 0; i < 6; i++) keepLayout(`other ${i}`, {});
    expect(cachedLayout(k)).toBeUndefined();
  });
});
