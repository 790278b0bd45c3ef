/**
 * Runs layouts in the worker, one at a time per client: a newer request supersedes an older
 * one (its promise rejects with LayoutSuperseded), so a fast sequence of filter changes lays out
 * only the last. Falls back to the main thread where workers are unavailable.
 */
import type { ElementDefinition } from 'cytoscape';
import type { LayoutHints, LayoutKind, Positions } from './layout';

/** LayoutSuperseded is the rejection of a layout request replaced by a newer one. */
export class LayoutSuperseded extends Error {
  constructor() {
    super('layout superseded');
    this.name = 'LayoutSuperseded';
  }
}

interface Pending {
  readonly id: number;
  readonly resolve: (p: Positions) => void;
  readonly reject: (e: Error) => void;
}

/** LayoutClient owns one layout worker. */
export class LayoutClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: Pending | undefined;

  constructor(private readonly makeWorker?: () => Worker) {}

  /** layout lays out elements with kind and resolves with the positions. */
  layout(elements: readonly ElementDefinition[], kind: LayoutKind, hints: LayoutHints = {}): Promise<Positions> {
    if (this.pending) {
      // The worker is still busy with a layout nobody wants any more: stop it rather than queue.
      this.pending.reject(new LayoutSuperseded());
      this.pending = undefined;
      this.worker?.terminate();
      this.worker = undefined;
    }
    const worker = this.ensureWorker();
    if (!worker) return import('./compute-layout').then((m) => m.computeLayout(elements, kind, hints));
    const id = this.nextId++;
    return new Promise<Positions>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      // Elements are plain data; structured clone copies them to the worker.
      worker.postMessage({ id, elements, kind, hints });
    });
  }

  /**
   * warm starts the worker before the first graph arrives and has it lay out a tiny graph once
   * per kind (an id the client ignores), so the worker's start-up and the layout code's first
   * compilation are off the path from "graph loaded" to "graph drawn".
   */
  warm(kinds: readonly LayoutKind[] = ['columns', 'layered', 'force']): void {
    if (this.worker || this.pending) return;
    const worker = this.ensureWorker();
    if (!worker) return;
    const elements: ElementDefinition[] = [
      { group: 'nodes', data: { id: 'a', w: 40, h: 20 } },
      { group: 'nodes', data: { id: 'b', w: 40, h: 20 } },
      { group: 'edges', data: { id: 'a-b', source: 'a', target: 'b' } },
    ];
    for (const kind of kinds) worker.postMessage({ id: 0, elements, kind });
  }

  /** cancel drops the pending layout (its promise rejects with LayoutSuperseded); the worker stays. */
  cancel(): void {
    if (!this.pending) return;
    this.pending.reject(new LayoutSuperseded());
    this.pending = undefined;
    // The worker is busy with a layout nobody wants: a fresh one is faster than waiting.
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** dispose stops the worker. */
  dispose(): void {
    this.pending?.reject(new LayoutSuperseded());
    this.pending = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!this.makeWorker || typeof Worker === 'undefined') return undefined;
    try {
      this.worker = this.makeWorker();
    } catch {
      return undefined;
    }
    this.worker.onmessage = (e: MessageEvent<{ id: number; positions?: Positions; error?: string }>) => {
      const p = this.pending;
      if (!p || p.id !== e.data.id) return;
      this.pending = undefined;
      if (e.data.positions) p.resolve(e.data.positions);
      else p.reject(new Error(e.data.error ?? 'layout failed'));
    };
    this.worker.onerror = (e) => {
      const p = this.pending;
      this.pending = undefined;
      this.worker?.terminate();
      this.worker = undefined;
      p?.reject(new Error(`layout worker failed: ${e.message}`));
    };
    return this.worker;
  }
}
