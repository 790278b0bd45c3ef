import { describe, expect, it } from 'vitest';
import type { ModuleExplanationDto } from '../../../shared/ipc/contract';
import { whyChains, whyHighlight, type PathChoice } from './why-highlight';

// example.com/log in the bundled example: main asks v1.3.0 directly and through web.
const log: ModuleExplanationDto = {
  path: 'example.com/log',
  version: 'v1.3.0',
  selectedId: 'example.com/log@v1.3.0',
  reasons: [
    { requirer: 'main', requires: 'v1.3.0', chain: ['main'], allChains: [['main']] },
    {
      requirer: 'web@v1.4.0',
      requires: 'v1.3.0',
      chain: ['main', 'web@v1.4.0'],
      allChains: [
        ['main', 'web@v1.4.0'],
        ['main', 'api@v1.0.0', 'web@v1.4.0'],
      ],
    },
  ],
  requirers: [{ requirer: 'db@v1.2.0', requires: 'v1.1.0' }],
  unselected: [{ version: 'v1.1.0', reason: 'lower than the selected v1.3.0' }],
  replace: null,
};
const L = 'example.com/log@v1.3.0';

describe('whyChains', () => {
  it('lists every chain, each ending at the selected version', () => {
    expect(whyChains(log)).toEqual([
      { reason: 0, nodes: ['main', L] },
      { reason: 1, nodes: ['main', 'web@v1.4.0', L] },
      { reason: 1, nodes: ['main', 'api@v1.0.0', 'web@v1.4.0', L] },
    ]);
  });
  it('is empty for a module that is not in the build', () => {
    expect(whyChains({ ...log, version: 'none', selectedId: undefined })).toEqual([]);
  });
});

describe('whyHighlight', () => {
  it.each<[PathChoice, string[], string[]]>([
    ['shortest', ['main', L, 'web@v1.4.0'], [`main ${L}`, 'main web@v1.4.0', `web@v1.4.0 ${L}`]],
    ['all', ['main', L, 'web@v1.4.0', 'api@v1.0.0'], [`main ${L}`, 'main web@v1.4.0', `web@v1.4.0 ${L}`, 'main api@v1.0.0', 'api@v1.0.0 web@v1.4.0']],
    [0, ['main', L], [`main ${L}`]],
    [2, ['main', L, 'api@v1.0.0', 'web@v1.4.0'], ['main api@v1.0.0', 'api@v1.0.0 web@v1.4.0', `web@v1.4.0 ${L}`]],
    [9, [L], []],
  ])('%s highlights the chosen chains', (choice, nodes, edges) => {
    const h = whyHighlight(log, choice);
    expect([...h.nodes].sort()).toEqual([...nodes].sort());
    expect([...h.edges].sort()).toEqual([...edges].sort());
  });
  it('highlights nothing for an absent module', () => {
    const h = whyHighlight({ ...log, version: 'none', selectedId: undefined }, 'all');
    expect(h.nodes.size + h.edges.size).toBe(0);
  });
});
