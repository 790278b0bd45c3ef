/**
 * The what-if slice: the versions of the selected module, the go get arguments staged so far
 * (several changes stack into one command, as `go get a@v1 b@none` would run them), the preview
 * of that command, and apply / undo. A preview writes nothing; apply names the files the preview
 * was computed from, so a go.mod edited meanwhile is never overwritten.
 */
import type { StateCreator } from 'zustand';
import type { ModuleVersionsDto, UpgradeFlagDto, WhatIfPreviewDto } from '../../../shared/ipc/contract';
import { api } from '../bridge';
import type { AppState } from './app-store';

/** VersionsState is the version list of one module path. */
export type VersionsState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly path: string }
  | { readonly kind: 'ready'; readonly path: string; readonly value: ModuleVersionsDto }
  | { readonly kind: 'error'; readonly path: string; readonly message: string };

/**
 * PreviewState is the last answer about the staged command. While a new answer is computed
 * (previewJob), the last one stays here: the graph keeps its marks until the new ones replace
 * them, because clearing them restyles and redraws every element (about a second at 1,120
 * nodes), and a list arriving during that redraw would wait for it.
 */
export type PreviewState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ready'; readonly value: WhatIfPreviewDto }
  | { readonly kind: 'error'; readonly message: string };

/** AppliedChange is the last change written, which undo can take back. */
export interface AppliedChange {
  readonly dir: string;
  readonly command: string;
  readonly undoId: string;
  readonly files: readonly string[];
}

/** WhatIfSlice is the what-if part of the store. */
export interface WhatIfSlice {
  readonly versions: VersionsState;
  /** The staged go get arguments, at most one per module path. */
  readonly staged: readonly string[];
  readonly upgrade: UpgradeFlagDto;
  readonly preview: PreviewState;
  /** The job computing the preview of the staged command; preview is then out of date. */
  readonly previewJob?: string;
  /** A write or an undo is running. */
  readonly writing: boolean;
  readonly applied?: AppliedChange;
  /** What the last apply or undo said (success or refusal). */
  readonly whatIfMessage?: { readonly kind: 'ok' | 'error'; readonly text: string };
  loadVersions(path: string): Promise<void>;
  /** stage adds "path@query" (replacing a staged argument for the same path) and previews. */
  stage(arg: string): Promise<void>;
  unstage(arg: string): Promise<void>;
  setUpgrade(flag: UpgradeFlagDto): Promise<void>;
  /** upgradeAll previews `go get -u ./...` (or -u=patch): every package of the main module, upgraded. */
  upgradeAll(flag: Exclude<UpgradeFlagDto, ''>): Promise<void>;
  /** refreshPreview previews the staged command again (after go.mod changed on disk). */
  refreshPreview(): Promise<void>;
  discardPreview(): void;
  applyPreview(): Promise<void>;
  undoApplied(): Promise<void>;
  dismissWhatIfMessage(): void;
}

/** argPath is the module or package path of a go get argument. */
export function argPath(arg: string): string {
  const at = arg.indexOf('@');
  return at < 0 ? arg : arg.slice(0, at);
}

function newJobId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `preview-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** createWhatIfSlice builds the what-if slice. */
export const createWhatIfSlice: StateCreator<AppState, [], [], WhatIfSlice> = (set, get) => {
  const runPreview = async (): Promise<void> => {
    const { graph, staged, upgrade, previewJob } = get();
    if (previewJob !== undefined) void api.cancelPreview({ jobId: previewJob });
    if (!graph || (staged.length === 0 && upgrade === '')) {
      set({ preview: { kind: 'idle' }, previewJob: undefined });
      return;
    }
    const jobId = newJobId();
    set({ previewJob: jobId });
    let next: PreviewState;
    try {
      const r = await api.previewGet({ jobId, dir: graph.dir, args: [...staged], upgrade });
      if (!r.ok && r.error.code === 'canceled') return;
      next = r.ok ? { kind: 'ready', value: r.value } : { kind: 'error', message: r.error.message };
    } catch (e) {
      next = { kind: 'error', message: (e as Error).message };
    }
    if (get().previewJob !== jobId) return; // a newer preview or a discard won
    set({ preview: next, previewJob: undefined });
  };

  return {
    versions: { kind: 'idle' },
    staged: [],
    upgrade: '',
    preview: { kind: 'idle' },
    writing: false,

    async loadVersions(path) {
      const { graph, versions } = get();
      if (!graph) return;
      if ((versions.kind === 'loading' || versions.kind === 'ready') && versions.path === path) return;
      set({ versions: { kind: 'loading', path } });
      let next: VersionsState;
      try {
        const r = await api.listVersions({ dir: graph.dir, path });
        next = r.ok ? { kind: 'ready', path, value: r.value } : { kind: 'error', path, message: r.error.message };
      } catch (e) {
        next = { kind: 'error', path, message: (e as Error).message };
      }
      const now = get().versions;
      if (now.kind === 'loading' && now.path === path) set({ versions: next });
    },

    async stage(arg) {
      const path = argPath(arg);
      set({ staged: [...get().staged.filter((a) => argPath(a) !== path), arg], whatIfMessage: undefined });
      await runPreview();
    },

    async unstage(arg) {
      set({ staged: get().staged.filter((a) => a !== arg) });
      await runPreview();
    },

    async setUpgrade(flag) {
      set({ upgrade: flag, whatIfMessage: undefined });
      await runPreview();
    },

    async upgradeAll(flag) {
      set({ staged: ['./...'], upgrade: flag, whatIfMessage: undefined });
      await runPreview();
    },

    refreshPreview: () => runPreview(),

    discardPreview() {
      const job = get().previewJob;
      if (job !== undefined) void api.cancelPreview({ jobId: job });
      set({ staged: [], upgrade: '', preview: { kind: 'idle' }, previewJob: undefined });
    },

    async applyPreview() {
      const { graph, preview, previewJob, staged, upgrade, writing } = get();
      // A preview still computing is of a command the user has not seen yet.
      if (!graph || preview.kind !== 'ready' || previewJob !== undefined || !preview.value.ok || writing) return;
      set({ writing: true, whatIfMessage: undefined });
      try {
        const r = await api.applyGet({ dir: graph.dir, base: preview.value.base, args: [...staged], upgrade });
        if (!r.ok) {
          set({ writing: false, whatIfMessage: { kind: 'error', text: r.error.message } });
          return;
        }
        const wrote = r.value.files.length > 0;
        set({
          writing: false,
          staged: [],
          upgrade: '',
          preview: { kind: 'idle' },
          applied: wrote ? { dir: graph.dir, command: r.value.command, undoId: r.value.undoId, files: r.value.files } : get().applied,
          whatIfMessage: { kind: 'ok', text: wrote ? `Applied ${r.value.command}.` : `${r.value.command} changes no file.` },
        });
        if (wrote) await get().reload(`applied ${r.value.command}`);
      } catch (e) {
        set({ writing: false, whatIfMessage: { kind: 'error', text: (e as Error).message } });
      }
    },

    async undoApplied() {
      const { applied, writing } = get();
      if (!applied || writing) return;
      set({ writing: true, whatIfMessage: undefined });
      try {
        const r = await api.undoGet({ dir: applied.dir, undoId: applied.undoId });
        if (!r.ok) {
          set({ writing: false, whatIfMessage: { kind: 'error', text: r.error.message } });
          return;
        }
        set({ writing: false, applied: undefined, whatIfMessage: { kind: 'ok', text: `Undid ${applied.command}.` } });
        await get().reload(`undid ${applied.command}`);
      } catch (e) {
        set({ writing: false, whatIfMessage: { kind: 'error', text: (e as Error).message } });
      }
    },

    dismissWhatIfMessage() {
      set({ whatIfMessage: undefined });
    },
  };
};
