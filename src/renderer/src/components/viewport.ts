/**
 * Where the graph view puts the camera: a readable first view of a large graph (anchored at the
 * main module, never below the readable zoom), a set of nodes brought into view at a readable
 * size, and the viewports remembered per view so that going back (Escape) lands where the user
 * was.
 */
import type { Collection, Core } from 'cytoscape';
import { READABLE_ZOOM } from '../graph/scale';
import { usableArea, type Box } from './graph-handle';

/** Viewport is a zoom and pan. */
export interface Viewport {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
}

/** The largest zoom a fit may use: a small graph would look like a poster. */
const MAX_FIT_ZOOM = 1.5;

/**
 * readableStart is the first view of a large graph: all of it when that is readable, else its
 * left end (the main module's column and the direct requirements beside it) at the readable zoom,
 * centred vertically.
 */
export function readableStart(cy: Core, box: Box, legendOpen: boolean): Viewport {
  const a = usableArea(cy, legendOpen, 30);
  const fit = Math.min(a.w / Math.max(box.w, 1), a.h / Math.max(box.h, 1), MAX_FIT_ZOOM);
  const zoom = Math.max(fit, READABLE_ZOOM);
  const x = box.w * zoom <= a.w ? a.x + (a.w - box.w * zoom) / 2 - box.x1 * zoom : a.x - box.x1 * zoom;
  const y = box.h * zoom <= a.h ? a.y + (a.h - box.h * zoom) / 2 - box.y1 * zoom : a.y - box.y1 * zoom;
  return { zoom, pan: { x, y } };
}

/**
 * readableView shows eles whole when that is possible at a readable zoom; else it centres
 * anchor at the readable zoom. undefined when eles are already in view and readable (unless
 * placing is asked: a view just drawn has no camera of its own yet).
 */
export function readableView(cy: Core, eles: Collection, anchor: Collection, legendOpen: boolean, coveredBelow = 0, placing = false): Viewport | undefined {
  if (eles.empty()) return undefined;
  const bb = eles.boundingBox();
  const ext = cy.extent();
  const inView = bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2 - coveredBelow / cy.zoom();
  if (!placing && inView && cy.zoom() >= READABLE_ZOOM) return undefined;
  const a = usableArea(cy, legendOpen, 40, coveredBelow);
  const fit = Math.min(a.w / Math.max(bb.w, 1), a.h / Math.max(bb.h, 1), MAX_FIT_ZOOM);
  if (fit >= READABLE_ZOOM) {
    return { zoom: fit, pan: { x: a.x + (a.w - bb.w * fit) / 2 - bb.x1 * fit, y: a.y + (a.h - bb.h * fit) / 2 - bb.y1 * fit } };
  }
  const p = (anchor.nonempty() ? anchor : eles).boundingBox();
  const cx = (p.x1 + p.x2) / 2;
  const cy0 = (p.y1 + p.y2) / 2;
  return { zoom: READABLE_ZOOM, pan: { x: a.x + a.w / 2 - cx * READABLE_ZOOM, y: a.y + a.h / 2 - cy0 * READABLE_ZOOM } };
}

/** moveTo sets the viewport, animated on small graphs (a large one redraws too slowly to animate). */
export function moveTo(cy: Core, v: Viewport, animate: boolean): void {
  cy.stop();
  if (animate) cy.animate({ zoom: v.zoom, pan: v.pan }, { duration: 220 });
  else cy.viewport({ zoom: v.zoom, pan: { ...v.pan } });
}

const remembered = new Map<string, Viewport>();

/** rememberViewport keeps cy's viewport for the view named key (a few views back). */
export function rememberViewport(key: string, cy: Core): void {
  remembered.delete(key);
  remembered.set(key, { zoom: cy.zoom(), pan: { ...cy.pan() } });
  if (remembered.size > 8) remembered.delete(remembered.keys().next().value!);
}

/** recalledViewport is the viewport last kept for the view named key. */
export function recalledViewport(key: string): Viewport | undefined {
  return remembered.get(key);
}
