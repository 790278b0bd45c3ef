/**
 * The box around laid-out leaves, from the layout's own numbers (their w and h data): asking
 * Cytoscape for a bounding box would make it compute every element's rendered style at once.
 */
import type { ElementDefinition } from 'cytoscape';
import type { Positions } from './layout';

/** FAMILY_PAD is the room a family box leaves around its members (styles.ts: padding 22px, its label). */
export const FAMILY_PAD = 40;

/** LaidOutBox is a box in model coordinates. */
export interface LaidOutBox {
  readonly x1: number;
  readonly y1: number;
  readonly w: number;
  readonly h: number;
}

/** layoutBox is the box around the laid-out leaves, with room for family boxes when padParents. */
export function layoutBox(elements: readonly ElementDefinition[], positions: Positions, padParents = true): LaidOutBox {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const e of elements) {
    const p = e.group === 'nodes' ? positions[e.data.id!] : undefined;
    if (!p) continue;
    const pad = padParents && e.data.parent ? FAMILY_PAD : 0;
    const w = Number(e.data.w ?? 60) / 2 + pad;
    const h = Number(e.data.h ?? 30) / 2 + pad;
    x1 = Math.min(x1, p.x - w);
    x2 = Math.max(x2, p.x + w);
    y1 = Math.min(y1, p.y - h);
    y2 = Math.max(y2, p.y + h);
  }
  return x1 === Infinity ? { x1: 0, y1: 0, w: 1, h: 1 } : { x1, y1, w: x2 - x1, h: y2 - y1 };
}
