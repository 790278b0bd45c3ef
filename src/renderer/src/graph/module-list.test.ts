import { describe, expect, it } from 'vitest';
import { makeGraph } from '../test-support/module-graph-fixture';
import { listOpenByDefault, moduleRows, queryRows, rowOfSelection, type ListQuery } from './module-list';

// A workspace of two main modules; a has a lost version, b is replaced, c has two lost versions
// and an excluded one; go is a virtual module that the list leaves out.
const graph = makeGraph(
  [
    'example.com/tool',
    'example.com/main',
    { id: 'example.com/c@v0.9.0', excluded: true },
    'example.com/c@v1.0.0',
    'example.com/c@v1.1.0',
    'example.com/c@v1.2.0',
    'example.com/a@v1.0.0',
    { id: 'example.com/a@v1.1.0', dependency: 'direct' },
    { id: 'example.com/b@v1.0.0', replacement: { path: 'example.com/bfork', version: 'v1.0.1', fromFile: '/p/go.mod' } },
    'go@1.21',
  ],
  [
    'example.com/main -> example.com/a@v1.1.0',
    'example.com/main -> example.com/b@v1.0.0',
    'example.com/main -> go@1.21',
    'example.com/tool -> example.com/a@v1.0.0',
    'example.com/a@v1.1.0 -> example.com/c@v1.2.0',
    'example.com/a@v1.0.0 -> example.com/c@v1.1.0',
    'example.com/b@v1.0.0 -> example.com/c@v1.2.0',
    'example.com/b@v1.0.0 -x> example.com/c@v0.9.0',
  ],
);

const q = (over: Partial<ListQuery> = {}): ListQuery => ({ filter: '', sort: 'name', directOnly: false, ...over });
const paths = (rows: readonly { path: string }[]): string[] => rows.map((r) => r.path);

describe('moduleRows', () => {
  const rows = moduleRows(graph);

  it('lists one row per selected module, main modules first, go and toolchain left out', () => {
    expect(paths(rows)).toEqual(['example.com/main', 'example.com/tool', 'example.com/a', 'example.com/b', 'example.com/c']);
    expect(rows.map((r) => r.id)).toEqual(['example.com/main', 'example.com/tool', 'example.com/a@v1.1.0', 'example.com/b@v1.0.0', 'example.com/c@v1.2.0']);
  });

  it('counts requirers of the selected version, lost and excluded versions, and marks replacements', () => {
    const by = new Map(rows.map((r) => [r.path, r]));
    expect(by.get('example.com/a')).toEqual({
      id: 'example.com/a@v1.1.0',
      path: 'example.com/a',
      version: 'v1.1.0',
      dependency: 'direct',
      requirers: 1, // main; tool asks for the lost v1.0.0
      lost: 1,
      excluded: 0,
      replaced: false,
    });
    expect(by.get('example.com/b')).toMatchObject({ requirers: 1, lost: 0, excluded: 0, replaced: true, dependency: 'indirect' });
    // a@v1.1.0 and b require v1.2.0; a@v1.0.0's requirement is of a lost version; b's excluded edge does not count.
    expect(by.get('example.com/c')).toMatchObject({ requirers: 2, lost: 2, excluded: 1, replaced: false });
    expect(by.get('example.com/main')).toMatchObject({ version: '', dependency: 'main', requirers: 0, lost: 0 });
  });

  it('is computed once per graph', () => {
    expect(moduleRows(graph)).toBe(rows);
  });

  it('has as many rows as the status bar counts modules', () => {
    expect(rows).toHaveLength(graph.counts.modules);
  });
});

describe('queryRows', () => {
  const rows = moduleRows(graph);

  it('filters by a case-insensitive substring of the path, main modules included', () => {
    expect(paths(queryRows(rows, q({ filter: ' COM/C ' })))).toEqual(['example.com/c']);
    expect(paths(queryRows(rows, q({ filter: 'tool' })))).toEqual(['example.com/tool']);
    expect(queryRows(rows, q({ filter: 'nothing-like-this' }))).toEqual([]);
  });

  it('sorts by most requirers or most lost versions, ties by path, main modules on top', () => {
    expect(paths(queryRows(rows, q({ sort: 'requirers' })))).toEqual(['example.com/main', 'example.com/tool', 'example.com/c', 'example.com/a', 'example.com/b']);
    expect(paths(queryRows(rows, q({ sort: 'lost' })))).toEqual(['example.com/main', 'example.com/tool', 'example.com/c', 'example.com/a', 'example.com/b']);
    expect(paths(queryRows(rows, q({ sort: 'name' })))).toEqual(paths(rows));
  });

  it('keeps only main modules and direct requirements when asked', () => {
    expect(paths(queryRows(rows, q({ directOnly: true, sort: 'lost' })))).toEqual(['example.com/main', 'example.com/tool', 'example.com/a']);
  });

  it('leaves the cached rows as they were', () => {
    queryRows(rows, q({ sort: 'lost' }));
    expect(paths(moduleRows(graph))).toEqual(['example.com/main', 'example.com/tool', 'example.com/a', 'example.com/b', 'example.com/c']);
  });
});

describe('rowOfSelection', () => {
  const rows = queryRows(moduleRows(graph), q({ sort: 'lost' }));

  it('finds the row of the selected version, and of a lost version by its path', () => {
    expect(rowOfSelection(graph, rows, 'example.com/c@v1.2.0')).toBe(2);
    expect(rowOfSelection(graph, rows, 'example.com/c@v1.1.0')).toBe(2);
    expect(rowOfSelection(graph, rows, 'example.com/main')).toBe(0);
  });

  it('finds none for no selection, a collapsed family, a virtual module or a filtered-out row', () => {
    expect(rowOfSelection(graph, rows, undefined)).toBe(-1);
    expect(rowOfSelection(graph, rows, 'family:example.com/c')).toBe(-1);
    expect(rowOfSelection(graph, rows, 'go@1.21')).toBe(-1);
    expect(rowOfSelection(graph, queryRows(rows, q({ filter: 'com/a' })), 'example.com/b@v1.0.0')).toBe(-1);
  });
});

describe('listOpenByDefault', () => {
  it('opens the list only when the user left it open', () => {
    expect(listOpenByDefault(null)).toBe(false);
    expect(listOpenByDefault('closed')).toBe(false);
    expect(listOpenByDefault('open')).toBe(true);
    expect(listOpenByDefault('garbage')).toBe(false);
  });
});
