/**
 * The Cytoscape instance that GraphView owns, for the few outside readers that need the drawn
 * graph itself (image export). Only GraphView sets it.
 */
import type { Collection, Core } from 'cytoscape';

/** graphHandle holds the current instance, or undefined while no graph is drawn. */
export const graphHandle: { current: Core | undefined } = { current: undefined };

/** Box is a bounding box in model coordinates. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly w: number;
  readonly h: number;
}

/** LEGEND_INSET is the room kept free on the left for the legend when it is open. */
export const LEGEND_INSET = 290;

/** usableArea is the part of the canvas, inside pad, not covered by the legend (left) and the preview panel (below). */
export function usableArea(cy: Core, legendOpen: boolean, pad: number, coveredBelow = 0): { x: number; y: number; w: number; h: number } {
  const inset = legendOpen && cy.width() > 900 ? LEGEND_INSET : 0;
  return { x: inset + pad, y: pad, w: Math.max(cy.width() - inset - 2 * pad, 50), h: Math.max(cy.height() - coveredBelow - 2 * pad, 50) };
}

/**
 * fitGraph fits the whole graph (or eles) into the view, leaving room on the left for the legend
 * when it is open (and coveredBelow pixels at the bottom), and never zooming a small graph past
 * 1.5 (it would look like a poster).
 */
export function fitGraph(cy: Core, legendOpen: boolean, pad = 30, eles: Collection | Box = cy.elements(), animate = false, coveredBelow = 0): void {
  if ('empty' in eles && eles.empty()) return;
  const bb = 'empty' in eles ? eles.boundingBox() : eles;
  const a = usableArea(cy, legendOpen, pad, coveredBelow);
  const zoom = Math.max(cy.minZoom(), Math.min(a.w / Math.max(bb.w, 1), a.h / Math.max(bb.h, 1), 1.5, cy.maxZoom()));
  const viewport = { zoom, pan: { x: a.x + (a.w - bb.w * zoom) / 2 - bb.x1 * zoom, y: a.y + (a.h - bb.h * zoom) / 2 - bb.y1 * zoom } };
  if (!animate) {
    cy.viewport(viewport);
    return;
  }
  cy.stop();
  cy.animate(viewport, { duration: 250 });
}
