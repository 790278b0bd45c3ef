/**
 * The why slice: the explanation of the selected module (asked of the backend, which keeps the
 * loaded project) and which of its requirement paths the graph highlights.
 */
import type { StateCreator } from 'zustand';
import type { ModuleExplanationDto } from '../../../shared/ipc/contract';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import type { PathChoice } from '../graph/why-highlight';
import { api } from '../bridge';
import type { AppState } from './app-store';

/** WhyState is the explanation of one module path, while asked, once known, or why it failed. */
export type WhyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly path: string }
  | { readonly kind: 'ready'; readonly path: string; readonly value: ModuleExplanationDto }
  | { readonly kind: 'error'; readonly path: string; readonly message: string };

/** WhySlice is the why part of the store. */
export interface WhySlice {
  readonly why: WhyState;
  readonly whyPath: PathChoice;
  /** The graph the explanation belongs to (a reload asks again). */
  readonly whyGraph?: ModuleGraphDto;
  /** explain asks why path is at its version in the open project (no-op when already known or asked). */
  explain(path: string): Promise<void>;
  setWhyPath(choice: PathChoice): void;
  clearWhy(): void;
}

/** createWhySlice builds the why slice. */
export const createWhySlice: StateCreator<AppState, [], [], WhySlice> = (set, get) => ({
  why: { kind: 'idle' },
  whyPath: 'shortest',
  explain: async (path) => {
    const { graph, why, whyGraph } = get();
    if (!graph) return;
    if (whyGraph === graph && (why.kind === 'loading' || why.kind === 'ready') && why.path === path) return;
    set({ why: { kind: 'loading', path }, whyPath: 'shortest', whyGraph: graph });
    let next: WhyState;
    try {
      const r = await api.explainModule({ dir: graph.dir, path });
      next = r.ok ? { kind: 'ready', path, value: r.value } : { kind: 'error', path, message: r.error.message };
    } catch (e) {
      next = { kind: 'error', path, message: (e as Error).message };
    }
    // A later selection or another graph wins over this answer.
    const now = get();
    if (now.whyGraph !== graph || now.why.kind !== 'loading' || now.why.path !== path) return;
    set({ why: next });
  },
  setWhyPath: (choice) => set({ whyPath: choice }),
  clearWhy: () => set({ why: { kind: 'idle' }, whyPath: 'shortest', whyGraph: undefined }),
});
