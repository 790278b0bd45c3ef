/**
 * The Cytoscape stylesheet: how each mark looks, per theme. Selected versions are solid and
 * coloured by how the main module depends on them (main, direct, indirect); lost versions are
 * ghosts; excluded are red and dashed; replaced carry a violet double border and a ⇒ line;
 * failing modules are red; go.mod files not read (pruned out) have a dotted border.
 */
import type { StylesheetJson } from 'cytoscape';
import { LABEL_FONT_SIZE } from './elements';

/** Theme is the colour scheme. */
export type Theme = 'light' | 'dark';

/** Palette holds every colour the graph uses, so the legend can show the same ones. */
export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly mutedText: string;
  readonly main: string;
  readonly mainText: string;
  readonly direct: string;
  readonly indirect: string;
  readonly nodeText: string;
  readonly border: string;
  readonly lost: string;
  readonly excluded: string;
  readonly replaced: string;
  readonly failing: string;
  readonly virtual: string;
  readonly group: string;
  readonly groupBorder: string;
  readonly edge: string;
  readonly edgeLost: string;
  readonly highlight: string;
  /** What-if previews: a version that would go up (or be added), or down (or be removed). */
  readonly up: string;
  readonly down: string;
  readonly removed: string;
  /** Known vulnerabilities (vuln-marks.ts): a glow under the node, so every other mark stays readable. */
  readonly vulnerable: string;
}

/** PALETTES are the two themes' colours. */
export const PALETTES: Readonly<Record<Theme, Palette>> = {
  light: {
    background: '#f7f8fa',
    text: '#1f2328',
    mutedText: '#6e7781',
    main: '#0b4f8a',
    mainText: '#ffffff',
    direct: '#cfe8ff',
    indirect: '#eef1f4',
    nodeText: '#1f2328',
    border: '#57606a',
    lost: '#ffffff',
    excluded: '#cf222e',
    replaced: '#8250df',
    failing: '#ffd6d9',
    virtual: '#fff4d6',
    group: '#eaeef2',
    groupBorder: '#afb8c1',
    edge: '#8c959f',
    edgeLost: '#c9d1d9',
    highlight: '#e36209',
    up: '#1a7f37',
    down: '#9a6700',
    removed: '#cf222e',
    vulnerable: '#d1242f',
  },
  dark: {
    background: '#1e1f22',
    text: '#e6edf3',
    mutedText: '#8b949e',
    main: '#2f81f7',
    mainText: '#ffffff',
    direct: '#1f3b5c',
    indirect: '#2d333b',
    nodeText: '#e6edf3',
    border: '#8b949e',
    lost: '#1e1f22',
    excluded: '#ff7b72',
    replaced: '#bc8cff',
    failing: '#5c1f24',
    virtual: '#3d3420',
    group: '#262a30',
    groupBorder: '#444c56',
    edge: '#6e7681',
    edgeLost: '#3d444d',
    highlight: '#f0883e',
    up: '#3fb950',
    down: '#d29922',
    removed: '#ff7b72',
    vulnerable: '#f85149',
  },
};

/** graphStylesheet returns the stylesheet for a theme; large graphs get cheaper edges. */
export function graphStylesheet(theme: Theme, opts: { large?: boolean } = {}): StylesheetJson {
  const p = PALETTES[theme];
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        'font-size': LABEL_FONT_SIZE,
        'line-height': 1.25,
        color: p.nodeText,
        'background-color': p.indirect,
        'border-width': 1,
        'border-color': p.border,
        'min-zoomed-font-size': opts.large ? 9 : 5,
      },
    },
    // Compound family boxes size themselves from their children; only leaves carry w and h.
    { selector: 'node[w]', style: { width: 'data(w)', height: 'data(h)' } },
    { selector: 'node.direct', style: { 'background-color': p.direct, 'border-width': 1.5 } },
    { selector: 'node.main', style: { 'background-color': p.main, color: p.mainText, 'font-weight': 'bold', 'border-width': 3, 'border-color': p.main, 'font-size': LABEL_FONT_SIZE + 1 } },
    { selector: 'node.go, node.toolchain', style: { 'background-color': p.virtual, 'border-color': p.border, 'font-style': 'italic' } },
    {
      selector: 'node.lost',
      style: { 'background-color': p.lost, 'background-opacity': 0.6, 'border-style': 'dashed', color: p.mutedText, opacity: 0.55 },
    },
    { selector: 'node.not-loaded', style: { 'border-style': 'dotted', 'border-width': 2 } },
    { selector: 'node.replaced', style: { 'border-color': p.replaced, 'border-width': 4, 'border-style': 'double' } },
    { selector: 'node.excluded', style: { 'border-color': p.excluded, 'border-style': 'dashed', 'border-width': 2, color: p.excluded, opacity: 0.8 } },
    { selector: 'node.failing', style: { 'background-color': p.failing, 'border-color': p.excluded, 'border-width': 3, 'border-style': 'solid', opacity: 1, color: p.nodeText } },
    {
      selector: 'node.family-group',
      style: {
        shape: 'round-rectangle',
        'background-color': p.group,
        'background-opacity': 0.7,
        'border-color': p.groupBorder,
        'border-width': 1,
        'border-style': 'solid',
        label: 'data(label)',
        // The family name sits inside the box's top padding, not above it where it would
        // collide with the box above.
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': 16,
        color: p.mutedText,
        'font-size': LABEL_FONT_SIZE - 1,
        padding: '22px',
      },
    },
    // Overview (overview-graph.ts): a group of modules under a prefix, and the marks it carries.
    {
      selector: 'node.overview-group',
      style: { 'background-color': p.group, 'border-color': p.groupBorder, 'border-width': 3, 'border-style': 'double', 'font-weight': 'bold' },
    },
    { selector: 'node.has-replaced', style: { 'border-color': p.replaced } },
    { selector: 'node.has-excluded', style: { 'border-color': p.excluded } },
    { selector: 'node.cluster-group', style: { 'border-style': 'dashed', 'border-width': 2, color: p.text } },
    { selector: 'node.collapsed-family', style: { 'background-color': p.group, 'border-style': 'double', 'border-width': 4, 'border-color': p.groupBorder } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': p.edge,
        'target-arrow-color': p.edge,
        'target-arrow-shape': opts.large ? 'none' : 'triangle',
        'arrow-scale': 0.8,
        'curve-style': opts.large ? 'haystack' : 'bezier',
        opacity: 0.85,
      },
    },
    { selector: 'edge.excluded', style: { 'line-color': p.excluded, 'target-arrow-color': p.excluded, 'line-style': 'dashed', 'target-arrow-shape': 'tee', 'curve-style': 'bezier' } },
    { selector: 'edge.upgraded', style: { 'line-style': 'dotted', width: 1.5, 'curve-style': opts.large ? 'haystack' : 'bezier' } },
    // The overview's edges stand for many requirements each; hundreds of them would hide the boxes.
    // Straight and arrowless: the columns read left to right, and boxes one above the other in a
    // column leave a bezier's arrows no room (Cytoscape warns of every such edge).
    { selector: 'edge.summary', style: { opacity: 0.3, width: 1, 'curve-style': 'haystack', 'target-arrow-shape': 'none' } },
    { selector: 'edge.to-lost', style: { 'line-color': p.edgeLost, 'target-arrow-color': p.edgeLost } },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: 'node:selected', style: { 'border-color': p.highlight, 'border-width': 4, 'border-style': 'solid', opacity: 1 } },
    { selector: 'edge.incident', style: { 'line-color': p.highlight, 'target-arrow-color': p.highlight, width: 2.2, opacity: 1, 'z-index': 10 } },
    { selector: 'node.why-path', style: { 'border-color': p.highlight, 'border-width': 3, 'border-style': 'solid', opacity: 1 } },
    { selector: 'edge.why-path', style: { 'line-color': p.highlight, 'target-arrow-color': p.highlight, width: 3.5, opacity: 1, 'z-index': 20 } },
    { selector: 'node.match', style: { 'overlay-color': p.highlight, 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    // What-if previews (whatif-marks.ts): the version that would move, where it would go, and ghosts for versions not drawn yet.
    { selector: '.wi-dim', style: { opacity: 0.15 } },
    { selector: 'node.wi-from', style: { 'border-width': 4, 'border-style': 'solid', opacity: 1 } },
    { selector: 'node.wi-from.wi-upgraded, node.wi-from.wi-downgraded', style: { 'border-style': 'dashed' } },
    { selector: 'node.wi-upgraded, node.wi-added', style: { 'border-color': p.up } },
    { selector: 'node.wi-downgraded', style: { 'border-color': p.down } },
    { selector: 'node.wi-removed', style: { 'border-color': p.removed, 'border-style': 'dashed', color: p.removed, opacity: 0.9 } },
    { selector: 'node.wi-to', style: { 'border-width': 4, 'border-style': 'solid', opacity: 1, 'background-opacity': 1 } },
    { selector: 'node.wi-to.wi-upgraded, node.wi-to.wi-added', style: { 'background-color': theme === 'light' ? '#dafbe1' : '#12361f' } },
    { selector: 'node.wi-to.wi-downgraded', style: { 'background-color': theme === 'light' ? '#fff8c5' : '#3b2e0a' } },
    { selector: 'node.wi-ghost', style: { width: 'data(w)', height: 'data(h)', 'border-style': 'double', 'border-width': 5, color: p.nodeText } },
    { selector: 'edge.wi-becomes', style: { 'line-style': 'dashed', 'line-color': p.border, 'target-arrow-color': p.border, 'target-arrow-shape': 'triangle', width: 2.5, 'curve-style': 'bezier', opacity: 1, 'z-index': 30 } },
    // Known vulnerabilities (vuln-marks.ts): a red glow under a vulnerable version, a red corner count on a box that holds one.
    { selector: 'node.vulnerable', style: { 'underlay-color': p.vulnerable, 'underlay-opacity': 0.55, 'underlay-padding': 6, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.has-vulnerable', style: { 'underlay-color': p.vulnerable, 'underlay-opacity': 0.3, 'underlay-padding': 4, 'underlay-shape': 'round-rectangle' } },
    { selector: 'edge.wi-requires', style: { 'line-color': p.up, 'target-arrow-color': p.up, 'target-arrow-shape': 'triangle', width: 2, 'curve-style': 'bezier', opacity: 1, 'z-index': 25 } },
  ];
}
