/**
 * computeLayout runs a layout headless (no canvas): in the layout worker, in tests, and on the
 * main thread only when a worker cannot start.
 */
import cytoscape, { type ElementDefinition, type LayoutOptions } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { columnsLayout } from './columns-layout';
import { layoutBox } from './layout-box';
import { layoutOptions, type LayoutHints, type LayoutKind, type Positions } from './layout';

let registered = false;

function register(): void {
  if (registered) return;
  cytoscape.use(dagre);
  cytoscape.use(fcose);
  registered = true;
}

/** computeLayout lays out elements headless and returns the position of every leaf node. */
export function computeLayout(elements: readonly ElementDefinition[], kind: LayoutKind, hints: LayoutHints = {}): Positions {
  if (kind === 'columns') return columnsLayout(elements, hints.columnHeight);
  register();
  if (kind !== 'tree') return runDagreOrFcose(elements, layoutOptions(kind, leafCount(elements)));
  // A tree (a why view) is laid out across, down, and in wrapped columns (for a fan of many
  // requirers), and the one read largest in a canvas of this shape wins.
  const candidates = [
    runDagreOrFcose(elements, layoutOptions(kind, 0)),
    runDagreOrFcose(elements, { ...layoutOptions(kind, 0), rankDir: 'TB' } as unknown as LayoutOptions),
    columnsLayout(elements, hints.columnHeight, true),
  ];
  const aspect = hints.aspect ?? 1.6;
  const scales = candidates.map((c) => fitScale(c, elements, aspect));
  return candidates[scales.indexOf(Math.max(...scales))]!;
}

function leafCount(elements: readonly ElementDefinition[]): number {
  return elements.filter((e) => e.group === 'nodes' && e.data.w !== undefined).length;
}

/** fitScale is how large positions' box is drawn when fitted into a canvas of the given aspect (relative units). */
function fitScale(positions: Positions, elements: readonly ElementDefinition[], aspect: number): number {
  const box = layoutBox(elements, positions, false);
  return Math.min(aspect / Math.max(box.w, 1), 1 / Math.max(box.h, 1));
}

function runDagreOrFcose(elements: readonly ElementDefinition[], options: LayoutOptions): Positions {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: elements as ElementDefinition[],
    style: [
      { selector: 'node[w]', style: { width: 'data(w)', height: 'data(h)', shape: 'round-rectangle' } },
      { selector: ':parent', style: { padding: '22px' } },
    ],
  });
  const leaves = cy.nodes().filter((n) => !n.isParent());
  cy.layout(options).run();
  const out: Positions = {};
  leaves.forEach((n) => {
    const p = n.position();
    out[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
  cy.destroy();
  return out;
}
