/**
 * Layout choice and options. Small graphs get a layered layout (dagre, left to right: module
 * graphs are shallow and wide, and labels are wide, so ranks as columns read best); large ones
 * the columns layout (columns-layout.ts); fcose is there for those who want a force layout. Both run headless in a
 * worker (layout-worker.ts) so the window stays responsive; positions come back as a preset.
 */
import type { LayoutOptions } from 'cytoscape';

/** LayoutPreference is the user's choice: automatic by size, or one of the three. */
export type LayoutPreference = 'auto' | 'layered' | 'columns' | 'force';

/** LayoutKind is the algorithm actually run ('tree' is the layered one top to bottom, for short paths with wide labels). */
export type LayoutKind = 'layered' | 'columns' | 'force' | 'tree';

/** LayoutHints tune a layout to the window. */
export interface LayoutHints {
  /** Columns: how tall a column may grow, in model units. */
  readonly columnHeight?: number;
  /** Tree: the canvas's width over its height; the tree is laid out across or down, whichever fills it better. */
  readonly aspect?: number;
}

/**
 * The largest graph laid out by dagre when the choice is automatic: dagre's crossing
 * minimisation reads best but its cost grows fast with edges (minutes at 400 nodes and 1,500
 * edges on a CI machine), so larger graphs get the linear columns layout.
 */
export const LAYERED_MAX_NODES = 120;
export const LAYERED_MAX_EDGES = 300;

/** Positions maps node ids to model coordinates. */
export type Positions = Record<string, { x: number; y: number }>;

/**
 * The largest graph dagre lays out even when asked: past it, it runs for minutes (the window
 * stays responsive, but no picture comes), so the columns layout stands in.
 */
export const LAYERED_HARD_MAX_NODES = 400;

/** chooseLayout decides the algorithm for a graph of nodeCount nodes and edgeCount edges. */
export function chooseLayout(pref: LayoutPreference, nodeCount: number, edgeCount = 0): LayoutKind {
  if (pref === 'layered' && nodeCount > LAYERED_HARD_MAX_NODES) return 'columns';
  if (pref !== 'auto') return pref;
  return nodeCount <= LAYERED_MAX_NODES && edgeCount <= LAYERED_MAX_EDGES ? 'layered' : 'columns';
}

/** layoutOptions returns the Cytoscape layout options of a kind, tuned by graph size ('columns' is ours, not Cytoscape's). */
export function layoutOptions(kind: Exclude<LayoutKind, 'columns'>, nodeCount: number): LayoutOptions {
  if (kind === 'layered' || kind === 'tree') {
    return { name: 'dagre', rankDir: 'LR', nodeSep: 26, rankSep: kind === 'tree' ? 50 : 90, edgeSep: 10, ranker: 'network-simplex', fit: false, animate: false } as LayoutOptions;
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
    nodeRepulsion: () => 60000,
    idealEdgeLength: () => 220,
    gravity: 0.15,
    edgeElasticity: () => 0.45,
    nestingFactor: 0.1,
    nodeSeparation: 80,
    numIter: big ? 1200 : 2500,
    tile: true,
    tilingPaddingVertical: 20,
    tilingPaddingHorizontal: 20,
  } as LayoutOptions;
}
