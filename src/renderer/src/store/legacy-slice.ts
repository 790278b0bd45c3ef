/**
 * The legacy slice: bringing a pre-module project in (issue 15). A directory without go.mod but
 * with a lock file (Gopkg.lock...) gets a preview of the go.mod go mod init (Go 1.21) would
 * write, with its module graph and the entries it could not convert; apply writes that go.mod
 * and opens the project as any other.
 */
import type { StateCreator } from 'zustand';
import type { LegacyPreviewDto, LegacyProgressDto } from '../../../shared/ipc/contract';
import { api } from '../bridge';
import type { AppState } from './app-store';

/** LegacyState is the conversion of one directory: asked, shown, being written, or failed. */
export type LegacyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly dir: string; readonly jobId: string; readonly progress?: LegacyProgressDto }
  | { readonly kind: 'ready'; readonly preview: LegacyPreviewDto; readonly applying?: boolean; readonly applyError?: string }
  | { readonly kind: 'error'; readonly dir: string; readonly message: string };

/** LegacySlice is the legacy part of the store. */
export interface LegacySlice {
  readonly legacy: LegacyState;
  /** previewLegacy asks what go mod init would write in dir (modulePath: as given, else inferred). */
  previewLegacy(dir: string, modulePath?: string): Promise<void>;
  cancelLegacy(): Promise<void>;
  /** applyLegacy writes the previewed go.mod, then opens the project. */
  applyLegacy(): Promise<void>;
  dismissLegacy(): void;
  /** watchLegacyProgress subscribes to progress events; returns the unsubscribe function. */
  watchLegacyProgress(): () => void;
}

function newJobId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `legacy-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** createLegacySlice builds the legacy slice. */
export const createLegacySlice: StateCreator<AppState, [], [], LegacySlice> = (set, get) => ({
  legacy: { kind: 'idle' },

  async previewLegacy(dir, modulePath) {
    const before = get().legacy;
    if (before.kind === 'loading') await api.cancelLegacy({ jobId: before.jobId });
    const jobId = newJobId();
    set({ legacy: { kind: 'loading', dir, jobId } });
    let next: LegacyState;
    try {
      const r = await api.previewLegacy({ jobId, dir, ...(modulePath ? { modulePath } : {}) });
      next = r.ok ? { kind: 'ready', preview: r.value } : { kind: 'error', dir, message: r.error.message };
    } catch (e) {
      next = { kind: 'error', dir, message: (e as Error).message };
    }
    const now = get().legacy;
    if (now.kind !== 'loading' || now.jobId !== jobId) return; // canceled or superseded
    set({ legacy: next });
  },

  async cancelLegacy() {
    const l = get().legacy;
    if (l.kind !== 'loading') return;
    set({ legacy: { kind: 'error', dir: l.dir, message: 'The conversion was canceled.' } });
    await api.cancelLegacy({ jobId: l.jobId });
  },

  async applyLegacy() {
    const l = get().legacy;
    if (l.kind !== 'ready' || !l.preview.ok || l.applying) return;
    set({ legacy: { ...l, applying: true, applyError: undefined } });
    const r = await api.applyLegacy({ dir: l.preview.dir, base: l.preview.base });
    if (!r.ok) {
      set({ legacy: { ...l, applying: false, applyError: r.error.message } });
      return;
    }
    set({ legacy: { kind: 'idle' } });
    await get().open({ kind: 'dir', dir: l.preview.dir });
  },

  dismissLegacy() {
    const l = get().legacy;
    if (l.kind === 'loading') void api.cancelLegacy({ jobId: l.jobId });
    set({ legacy: { kind: 'idle' } });
  },

  watchLegacyProgress() {
    return api.onLegacyProgress((p) => {
      const l = get().legacy;
      if (l.kind === 'loading' && l.jobId === p.jobId) set({ legacy: { ...l, progress: p } });
    });
  },
});
