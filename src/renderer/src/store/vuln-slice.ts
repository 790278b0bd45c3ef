/**
 * Known vulnerabilities of the open project (issue 16): the scan of its build list, and the fix
 * plan for the findings the user picks, shown as the what-if preview of its go get (so apply and
 * undo are the what-if's own).
 */
import type { StateCreator } from 'zustand';
import type { VulnFindingDto, VulnPlanDto, VulnScanDto } from '../../../shared/ipc/contract';
import { api } from '../bridge';
import type { AppState } from './app-store';

/** VulnScanState is the scan of the open project. */
export type VulnScanState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly dir: string }
  | { readonly kind: 'ready'; readonly value: VulnScanDto }
  | { readonly kind: 'error'; readonly message: string };

/** VulnPlanState is the fix plan last asked for. */
export type VulnPlanState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly picks: readonly string[] }
  | { readonly kind: 'ready'; readonly picks: readonly string[]; readonly value: VulnPlanDto }
  | { readonly kind: 'error'; readonly picks: readonly string[]; readonly message: string };

/** VulnSlice holds the scan, the plan and their actions. */
export interface VulnSlice {
  readonly vuln: VulnScanState;
  readonly vulnPlan: VulnPlanState;
  readonly vulnJob?: string;
  /** The job planning a fix (planning tries go get previews and can take a while on a large project). */
  readonly vulnPlanJob?: string;
  /** scanVulns scans the open project (refresh: fetch the database again). */
  scanVulns(refresh?: boolean): Promise<void>;
  /** previewVulnFix plans the fix of picks (IDs or module paths; none: all fixable) and previews its go get. */
  previewVulnFix(picks: readonly string[]): Promise<void>;
  /** cancelVulnFix stops the planning of a fix. */
  cancelVulnFix(): void;
}

function newJobId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `vuln-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** selectVulnByNode groups the scan's findings by graph node id. */
export function selectVulnByNode(s: Pick<AppState, 'vuln'>): ReadonlyMap<string, readonly VulnFindingDto[]> {
  const out = new Map<string, VulnFindingDto[]>();
  if (s.vuln.kind !== 'ready') return out;
  for (const f of s.vuln.value.findings) if (f.nodeId) out.set(f.nodeId, [...(out.get(f.nodeId) ?? []), f]);
  return out;
}

let byNodeCache: { scan?: VulnScanDto; map: ReadonlyMap<string, readonly VulnFindingDto[]> } = { map: new Map() };

/** selectVulnByNodeMemo is selectVulnByNode, computed once per scan (stable for React selectors). */
export function selectVulnByNodeMemo(s: Pick<AppState, 'vuln'>): ReadonlyMap<string, readonly VulnFindingDto[]> {
  const scan = s.vuln.kind === 'ready' ? s.vuln.value : undefined;
  if (byNodeCache.scan !== scan) byNodeCache = { scan, map: selectVulnByNode(s) };
  return byNodeCache.map;
}

/** createVulnSlice builds the vulnerability slice. */
export const createVulnSlice: StateCreator<AppState, [], [], VulnSlice> = (set, get) => ({
  vuln: { kind: 'idle' },
  vulnPlan: { kind: 'idle' },

  async scanVulns(refresh = false) {
    const { graph, vulnJob } = get();
    if (vulnJob !== undefined) void api.cancelVuln({ jobId: vulnJob });
    if (!graph || graph.mainModules.length === 0) {
      set({ vuln: { kind: 'idle' }, vulnJob: undefined });
      return;
    }
    const jobId = newJobId();
    set({ vuln: { kind: 'loading', dir: graph.dir }, vulnJob: jobId, vulnPlan: { kind: 'idle' } });
    let next: VulnScanState;
    try {
      const r = await api.scanVulns({ jobId, dir: graph.dir, refresh });
      if (!r.ok && r.error.code === 'canceled') return;
      next = r.ok ? { kind: 'ready', value: r.value } : { kind: 'error', message: r.error.message };
    } catch (e) {
      next = { kind: 'error', message: (e as Error).message };
    }
    if (get().vulnJob !== jobId) return;
    set({ vuln: next, vulnJob: undefined });
  },

  async previewVulnFix(picks) {
    const { graph } = get();
    if (!graph) return;
    const previous = get().vulnPlanJob;
    if (previous !== undefined) void api.cancelVuln({ jobId: previous });
    const jobId = newJobId();
    set({ vulnPlan: { kind: 'loading', picks }, vulnPlanJob: jobId });
    let next: VulnPlanState;
    try {
      const r = await api.planVulnFix({ jobId, dir: graph.dir, picks: [...picks] });
      if (!r.ok && r.error.code === 'canceled') return;
      next = r.ok ? { kind: 'ready', picks, value: r.value } : { kind: 'error', picks, message: r.error.message };
    } catch (e) {
      next = { kind: 'error', picks, message: (e as Error).message };
    }
    if (get().vulnPlanJob !== jobId) return;
    set({ vulnPlan: next, vulnPlanJob: undefined });
    if (next.kind === 'ready' && next.value.args.length > 0) {
      // The plan's go get becomes the staged command: the what-if previews, applies and undoes it.
      set({ staged: [...next.value.args], upgrade: '', whatIfMessage: undefined });
      await get().refreshPreview();
    }
  },

  cancelVulnFix() {
    const job = get().vulnPlanJob;
    if (job !== undefined) void api.cancelVuln({ jobId: job });
    set({ vulnPlan: { kind: 'idle' }, vulnPlanJob: undefined });
  },
});
