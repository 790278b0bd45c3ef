import { describe, expect, it } from 'vitest';
import type { WhatIfPreviewDto } from '../../../shared/ipc/contract';
import { GHOST_PREFIX, onOverview, whatIfMarks } from './whatif-marks';

const preview: WhatIfPreviewDto = {
  command: 'go get a@v1.2.0',
  ok: true,
  output: '',
  goModDiff: '',
  goSumAdded: [],
  base: '0'.repeat(64),
  buildListBefore: 3,
  buildListAfter: 4,
  elapsedMs: 1,
  changes: [
    { path: 'a', old: 'v1.0.0', new: 'v1.2.0', kind: 'upgraded', reason: 'asked', reported: true, fromId: 'a@v1.0.0', toId: 'a@v1.2.0', requires: ['b@v1.1.0', 'n@v0.1.0'] },
    { path: 'b', old: 'v1.0.0', new: 'v1.1.0', kind: 'upgraded', reason: 'raised', reported: true, fromId: 'b@v1.0.0', toId: 'b@v1.1.0', byId: 'a@v1.2.0' },
    { path: 'n', old: '', new: 'v0.1.0', kind: 'added', reason: 'raised', reported: false, toId: 'n@v0.1.0', byId: 'a@v1.2.0' },
    { path: 'r', old: 'v1.0.0', new: '', kind: 'removed', reason: 'gone', reported: true, fromId: 'r@v1.0.0' },
  ],
};

describe('whatIfMarks', () => {
  const drawn = new Set(['main', 'a@v1.0.0', 'b@v1.0.0', 'b@v1.1.0', 'r@v1.0.0']);
  const at = (id: string) => (drawn.has(id) ? { x: 100, y: id.length * 10 } : undefined);
  const m = whatIfMarks(preview, (id) => drawn.has(id), at, 'main');

  it('marks drawn versions on both sides of a move, and the removed one', () => {
    expect(Object.fromEntries(m.classes)).toEqual({
      'a@v1.0.0': ['wi-from', 'wi-upgraded'],
      'b@v1.0.0': ['wi-from', 'wi-upgraded'],
      'b@v1.1.0': ['wi-to', 'wi-upgraded'],
      'r@v1.0.0': ['wi-from', 'wi-removed'],
    });
  });

  it('adds ghosts for versions not drawn, beside their anchor, joined to what they require', () => {
    const nodes = m.ghosts.filter((g) => g.group === 'nodes');
    expect(nodes.map((g) => g.data.id)).toEqual([`${GHOST_PREFIX}a@v1.2.0`, `${GHOST_PREFIX}n@v0.1.0`]);
    expect(nodes[0]!.position!.x).toBeGreaterThan(100);
    expect(nodes[0]!.data.label).toBe('a\nv1.2.0 (was v1.0.0)');
    expect(nodes[1]!.data.label).toBe('n\nv0.1.0 (new)');
    const edges = m.ghosts.filter((g) => g.group === 'edges').map((g) => `${g.data.source} -> ${g.data.target}`);
    expect(edges).toEqual([
      `a@v1.0.0 -> ${GHOST_PREFIX}a@v1.2.0`,
      `${GHOST_PREFIX}a@v1.2.0 -> b@v1.1.0`,
      `${GHOST_PREFIX}a@v1.2.0 -> ${GHOST_PREFIX}n@v0.1.0`,
    ]);
    expect(new Set(m.ghosts.map((g) => g.data.id)).size).toBe(m.ghosts.length);
    expect(m.ghosts.every((g) => String(g.classes).includes('wi-ghost'))).toBe(true);
  });

  it('involves every drawn node it marks or joins', () => {
    expect([...m.involved].sort()).toEqual(['a@v1.0.0', 'b@v1.0.0', 'b@v1.1.0', 'r@v1.0.0']);
  });
});

describe('onOverview', () => {
  it('marks the box of a closed group for the modules it holds, before and after, and leaves the rest', () => {
    const groups = new Map([
      ['b', 'group-of:g'],
      ['r', 'group-of:g'],
    ]);
    const mapped = onOverview(preview, groups);
    const drawn = new Set(['a@v1.0.0', 'group-of:g']);
    const marks = whatIfMarks(mapped, (id) => drawn.has(id), () => ({ x: 0, y: 0 }));
    expect(marks.classes.get('group-of:g')).toEqual(expect.arrayContaining(['wi-from', 'wi-to', 'wi-upgraded', 'wi-removed']));
    // b's new version is the group itself: no ghost for it; a and n still get theirs.
    expect(marks.ghosts.filter((g) => g.group === 'nodes').map((g) => g.data.id)).toEqual([`${GHOST_PREFIX}a@v1.2.0`, `${GHOST_PREFIX}n@v0.1.0`]);
    expect(mapped.changes[0]!.requires).toEqual(['group-of:g', 'n@v0.1.0']);
  });
});
