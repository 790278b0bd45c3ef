import { describe, expect, it } from 'vitest';
import { makeGraph } from '../test-support/module-graph-fixture';
import { treeChildren } from './requirement-tree';
import { indexGraph } from './visible-graph';

describe('treeChildren', () => {
  const g = makeGraph(
    ['m', 'a@v1.0.0', 'b@v1.0.0', 'b@v1.1.0', 'c@v1.0.0'],
    ['m -> a@v1.0.0', 'm -> b@v1.1.0', 'a@v1.0.0 -> b@v1.0.0', 'b@v1.1.0 -> c@v1.0.0', 'c@v1.0.0 -> a@v1.0.0'],
  );
  const index = indexGraph(g);

  it('walks up to the main modules, selected requirers first', () => {
    expect(treeChildren(index, 'c@v1.0.0', 'requirers', [])).toEqual([{ id: 'b@v1.1.0', expandable: true, cycle: false }]);
    expect(treeChildren(index, 'b@v1.1.0', 'requirers', ['c@v1.0.0'])).toEqual([{ id: 'm', expandable: false, cycle: false }]);
  });

  it('walks down, and marks a node already on the branch as a cycle', () => {
    expect(treeChildren(index, 'a@v1.0.0', 'requirements', ['m', 'b@v1.1.0', 'c@v1.0.0'])).toEqual([{ id: 'b@v1.0.0', expandable: false, cycle: false }]);
    expect(treeChildren(index, 'c@v1.0.0', 'requirements', ['a@v1.0.0', 'b@v1.0.0'])).toEqual([{ id: 'a@v1.0.0', expandable: true, cycle: true }]);
  });
});
