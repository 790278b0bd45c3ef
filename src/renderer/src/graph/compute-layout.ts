/**
 * computeLayout runs a layout headless (no canvas): in the layout worker, in tests, and on the
 * main thread only when a worker cannot start.
 */
import cytoscape, { type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { columnsLayout } from './columns-layout';
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
  cy.layout(layoutOptions(kind, leaves.length)).run();
  const out: Positions = {};
  leaves.forEach((n) => {
    const p = n.position();
    out[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
  cy.destroy();
  return out;
}
