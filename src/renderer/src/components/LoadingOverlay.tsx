/** Progress while a graph loads: N of M go.mod files, the last one and its source; Cancel. */
import type { JSX } from 'react';
import { useAppStore } from '../store/app-store';

const SOURCE: Record<string, string> = { proxy: 'proxy', modcache: 'module cache', 'gomodx-cache': 'gomodx cache', directory: 'directory' };

/** LoadingOverlay covers the window while loading. */
export function LoadingOverlay(): JSX.Element | null {
  const load = useAppStore((s) => s.load);
  const cancel = useAppStore((s) => s.cancel);
  if (load.kind !== 'loading') return null;
  const p = load.progress;
  const what = load.target.kind === 'example' ? 'the example project' : load.target.dir;
  return (
    <div className="overlay" data-testid="loading" role="status" aria-live="polite">
      <div className="overlay-box">
        <h2>Loading {what}</h2>
        <progress max={p?.total || 1} value={p?.done ?? 0} />
        <p data-testid="loading-progress">
          {p ? `Read ${p.done} of ${p.total} go.mod files` : 'Reading go.mod…'}
          {p?.current && (
            <>
              <br />
              <span className="muted">
                {p.current}
                {p.source ? ` (${SOURCE[p.source] ?? p.source})` : ''}
              </span>
            </>
          )}
        </p>
        <button data-testid="cancel" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    </div>
  );
}
