/**
 * The project slice: what is open, loading progress, the loaded graph, recent projects, and
 * the backend's capabilities. Async actions call the bridge and put every failure into state
 * (nothing throws into React).
 */
import type { StateCreator } from 'zustand';
import type { AppInfoDto, GraphProgressDto, LoadTarget, RecentProjectDto } from '../../../shared/ipc/contract';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import { api } from '../bridge';
import type { AppState } from './app-store';

/** LoadStatus says whether a graph is being loaded, and how far it got. */
export type LoadStatus = { readonly kind: 'idle' } | { readonly kind: 'loading'; readonly jobId: string; readonly target: LoadTarget; readonly progress?: GraphProgressDto };

/** ProjectSlice is the project part of the store. */
export interface ProjectSlice {
  readonly info?: AppInfoDto;
  readonly recent: readonly RecentProjectDto[];
  readonly graph?: ModuleGraphDto;
  readonly target?: LoadTarget;
  readonly load: LoadStatus;
  /** A message about the last action that failed (not a graph error: those are in graph.error). */
  readonly notice?: string;
  /** The file whose change triggered the last automatic reload. */
  readonly reloadedFor?: string;
  init(): Promise<() => void>;
  open(target: LoadTarget, reason?: string): Promise<void>;
  pickFolder(): Promise<void>;
  openDropped(file: unknown): Promise<void>;
  cancel(): Promise<void>;
  reload(reason?: string): Promise<void>;
  close(): void;
  forgetRecent(dir: string): Promise<void>;
  dismissNotice(): void;
}

function newJobId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `job-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** createProjectSlice builds the project slice. */
export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => ({
  recent: [],
  load: { kind: 'idle' },

  async init() {
    const [info, recent] = await Promise.all([api.getInfo({}), api.listRecent({})]);
    if (info.ok) set({ info: info.value });
    else set({ notice: info.error.message });
    if (recent.ok) set({ recent: recent.value });
    const offProgress = api.onGraphProgress((p) => {
      const load = get().load;
      if (load.kind === 'loading' && load.jobId === p.jobId) set({ load: { ...load, progress: p } });
    });
    const offChanged = api.onProjectChanged((c) => {
      const { graph, load, target } = get();
      if (graph && graph.dir === c.dir && load.kind === 'idle' && target?.kind === 'dir') void get().reload(c.file);
    });
    if (info.ok && info.value.initialDir) await get().open({ kind: 'dir', dir: info.value.initialDir });
    return () => {
      offProgress();
      offChanged();
    };
  },

  async open(target, reason) {
    const previous = get().load;
    if (previous.kind === 'loading') await api.cancelGraph({ jobId: previous.jobId });
    const jobId = newJobId();
    set({ load: { kind: 'loading', jobId, target }, notice: undefined });
    const r = await api.loadGraph({ jobId, target });
    const load = get().load;
    if (load.kind !== 'loading' || load.jobId !== jobId) return; // superseded by a newer open
    if (!r.ok) {
      set({ load: { kind: 'idle' }, notice: r.error.code === 'canceled' ? undefined : r.error.message });
      return;
    }
    const sameProject = get().graph?.dir === r.value.dir && reason !== undefined;
    set({ load: { kind: 'idle' }, graph: r.value, target, reloadedFor: reason });
    if (!sameProject) {
      get().resetView();
      get().discardPreview();
      set({ versions: { kind: 'idle' } });
    } else {
      get().keepSelectionIfPresent();
      // The files changed under a staged command: preview it again against the new go.mod.
      if (get().preview.kind !== 'idle' || get().previewJob !== undefined) void get().refreshPreview();
    }
    const recent = await api.listRecent({});
    if (recent.ok) set({ recent: recent.value });
  },

  async pickFolder() {
    const r = await api.pickFolder({});
    if (!r.ok) set({ notice: r.error.message });
    else if (r.value.dir) await get().open({ kind: 'dir', dir: r.value.dir });
  },

  async openDropped(file) {
    const dir = api.pathForFile(file);
    if (!dir) {
      set({ notice: 'This window cannot read the path of a dropped folder; type the path instead.' });
      return;
    }
    await get().open({ kind: 'dir', dir });
  },

  async cancel() {
    const load = get().load;
    if (load.kind !== 'loading') return;
    set({ load: { kind: 'idle' } });
    await api.cancelGraph({ jobId: load.jobId });
  },

  async reload(reason) {
    const target = get().target;
    if (target) await get().open(target, reason ?? 'reload');
  },

  close() {
    get().discardPreview();
    set({ graph: undefined, target: undefined, notice: undefined, reloadedFor: undefined, versions: { kind: 'idle' } });
    get().resetView();
  },

  async forgetRecent(dir) {
    const r = await api.removeRecent({ dir });
    if (r.ok) set({ recent: r.value });
  },

  dismissNotice() {
    set({ notice: undefined });
  },
});
