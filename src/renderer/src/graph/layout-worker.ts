/**
 * The layout worker: runs computeLayout off the main thread so that panning, the progress bar
 * and the rest of the window stay responsive while a large graph is laid out.
 */
import type { ElementDefinition } from 'cytoscape';
import { computeLayout } from './compute-layout';
import type { LayoutHints, LayoutKind } from './layout';

/** LayoutRequest is a message to the worker. */
export interface LayoutRequest {
  readonly id: number;
  readonly elements: readonly ElementDefinition[];
  readonly kind: LayoutKind;
  readonly hints?: LayoutHints;
}

// Typed by hand: the web project's DOM lib and the WebWorker lib cannot be loaded together.
const scope = self as unknown as { onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null; postMessage(message: unknown): void };
scope.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const { id, elements, kind, hints } = e.data;
  try {
    scope.postMessage({ id, positions: computeLayout(elements, kind, hints) });
  } catch (err) {
    scope.postMessage({ id, error: (err as Error).message });
  }
};
