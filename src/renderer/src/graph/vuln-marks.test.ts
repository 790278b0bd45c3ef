import { describe, expect, it } from 'vitest';
import type { ModuleNodeDto } from '../../../shared/model/module-graph';
import type { VisibleGraph } from './visible-graph';
import { vulnMarks } from './vuln-marks';

const node = (id: string): ModuleNodeDto => ({ id }) as ModuleNodeDto;

describe('vulnMarks', () => {
  it('marks vulnerable versions, and boxes that hold one', () => {
    const g = {
      nodes: [
        { kind: 'module', id: 'a@v1', node: node('a@v1') },
        { kind: 'module', id: 'b@v1', node: node('b@v1') },
        { kind: 'family', id: 'family:c', family: 'c', members: [node('c@v1'), node('c@v2')] },
        { kind: 'group', id: 'group:d', key: 'd', members: [node('d@v1')], counts: { lost: 0, excluded: 0, replaced: 0 } },
      ],
      edges: [],
    } as unknown as VisibleGraph;
    expect([...vulnMarks(g, new Set(['a@v1', 'c@v2']))]).toEqual([
      ['a@v1', 'vulnerable'],
      ['family:c', 'has-vulnerable'],
    ]);
    expect(vulnMarks(g, new Set()).size).toBe(0);
  });
});
