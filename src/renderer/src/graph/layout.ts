/**
 * Layout choice and options. Small graphs get a layered layout (dagre, left to right: module
 * graphs are shallow and wide, and labels are wide, so ranks as columns read best); large ones
 * a force-directed layout (fcose) that stays fast past a thousand nodes. Both run headless in a
 * worker (layout-worker.ts) so the window stays responsive; positions come back as a preset.
 */
import type { LayoutOptions } from 'cytoscape';

/** LayoutPreference is the user's choice: automatic by size, or one of the two. */
export type LayoutPreference = 'auto' | 'layered' | 'force';

/** LayoutKind is the algorithm actually run. */
export type LayoutKind = 'layered' | 'force';

/** LAYERED_MAX_NODES is the largest graph laid out in layers when the choice is automatic. */
export const LAYERED_MAX_NODES = 250;

/** Positions maps node ids to model coordinates. */
export type Positions = Record<string, { x: number; y: number }>;

/** chooseLayout decides the algorithm for a graph of nodeCount nodes. */
export function chooseLayout(pref: LayoutPreference, nodeCount: number): LayoutKind {
  if (pref !== 'auto') return pref;
  return nodeCount <= LAYERED_MAX_NODES ? 'layered' : 'force';
}

/** layoutOptions returns the Cytoscape layout options of a kind, tuned by graph size. */
export function layoutOptions(kind: LayoutKind, nodeCount: number): LayoutOptions {
  if (kind === 'layered') {
    return { name: 'dagre', rankDir: 'LR', nodeSep: 14, rankSep: 90, edgeSep: 8, ranker: 'network-simplex', fit: false, animate: false } as LayoutOptions;
  }
  const big = nodeCount > 1500;
  return {
    name: 'fcose',
    quality: big ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    uniformNodeDimensions: false,
    packComponents: true,
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 90,
    edgeElasticity: () => 0.45,
    nestingFactor: 0.1,
    nodeSeparation: 80,
    numIter: big ? 1200 : 2500,
    tile: true,
    tilingPaddingVertical: 20,
    tilingPaddingHorizontal: 20,
  } as LayoutOptions;
}
