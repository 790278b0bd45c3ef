/**
 * Laid-out views kept by what decides their layout (kind, hints, nodes with their sizes and
 * parents, edges), so going back to a view (Escape out of a why view, a toggle undone) draws
 * it at once and in the same places, without a trip to the worker.
 */
import type { ElementDefinition } from 'cytoscape';
import type { LayoutHints, LayoutKind, Positions } from './layout';

const KEPT = 6;
const cache = new Map<string, Positions>();

/** layoutKey names the layout of elements: equal keys lay out the same. */
export function layoutKey(elements: readonly ElementDefinition[], kind: LayoutKind, hints: LayoutHints): string {
  const parts: string[] = [kind, String(Math.round(hints.columnHeight ?? 0)), (hints.aspect ?? 0).toFixed(2)];
  for (const e of elements) {
    const d = e.data;
    parts.push(e.group === 'nodes' ? `${d.id}:${d.w ?? ''}:${d.h ?? ''}:${d.parent ?? ''}` : `${d.source}>${d.target}`);
  }
  return parts.join('\n');
}

/** cachedLayout is the layout kept under key. */
export function cachedLayout(key: string): Positions | undefined {
  const p = cache.get(key);
  if (p) {
    cache.delete(key);
    cache.set(key, p);
  }
  return p;
}

/** keepLayout keeps a layout (the oldest goes first). */
export function keepLayout(key: string, positions: Positions): void {
  cache.delete(key);
  cache.set(key, positions);
  if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
}
