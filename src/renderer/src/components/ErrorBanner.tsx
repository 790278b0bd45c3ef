/**
 * Load errors in the go command's words. A project that did not open at all gets the full
 * message in place of the graph; a partial graph gets a banner above it that names the failing
 * module and can select it.
 */
import { useState, type JSX } from 'react';
import { useAppStore } from '../store/app-store';

/** ErrorPanel replaces the graph when nothing could be loaded. */
export function ErrorPanel(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const reload = useAppStore((s) => s.reload);
  const close = useAppStore((s) => s.close);
  if (!graph?.error) return null;
  return (
    <div className="error-panel" data-testid="error-panel" role="alert">
      <h2>The go command would refuse this project</h2>
      <p className="muted">{graph.dir}</p>
      <pre className="error-text" data-testid="error-text">
        {graph.error.message}
      </pre>
      <p>Fix the file and it reloads by itself, or:</p>
      <div className="actions">
        <button onClick={() => void reload()}>Reload</button>
        <button onClick={() => close()}>Open another project</button>
      </div>
    </div>
  );
}

/** ErrorBanner sits above a partial graph. */
export function ErrorBanner(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const reveal = useAppStore((s) => s.reveal);
  const [hidden, setHidden] = useState<string>();
  const error = graph?.error;
  if (!error || hidden === error.message) return null;
  return (
    <div className="error-banner" data-testid="error-banner" role="alert">
      <div>
        <b>Only part of the graph loaded.</b>{' '}
        {error.failing && (
          <button className="link" data-testid="error-failing" onClick={() => reveal(error.failing!)}>
            Show {error.failing}
          </button>
        )}
        <pre className="error-text" data-testid="error-text">
          {error.message}
        </pre>
      </div>
      <button className="icon" aria-label="Hide this message" onClick={() => setHidden(error.message)}>
        ✕
      </button>
    </div>
  );
}
