/**
 * The "what if" part of the details panel: the module's published versions, newest first, with
 * what go says of each (retracted, excluded, the go version it needs), and the moves to try:
 * a version, the latest, the latest patch, or removing the module. Each click stages one go get
 * argument and previews the whole command; the preview panel shows what it would do.
 */
import { useEffect, type JSX } from 'react';
import type { ModuleNodeDto } from '../../../shared/model/module-graph';
import { useAppStore } from '../store/app-store';
import { argPath } from '../store/whatif-slice';

function day(time: string | undefined): string {
  return time ? time.slice(0, 10) : '';
}

/** WhatIfSection lists versions to try for one module; it asks the backend when the module changes. */
export function WhatIfSection({ node, selectedVersion }: { node: ModuleNodeDto; selectedVersion?: string }): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const versions = useAppStore((s) => s.versions);
  const staged = useAppStore((s) => s.staged);
  const loadVersions = useAppStore((s) => s.loadVersions);
  const stage = useAppStore((s) => s.stage);
  const path = node.kind === 'module' ? node.path : undefined;
  useEffect(() => {
    if (path && graph) void loadVersions(path);
  }, [path, graph, loadVersions]);
  if (!path) return null;
  const current = selectedVersion ?? (node.selected ? node.version : undefined);
  const mine = staged.find((a) => argPath(a) === path);
  const isStaged = (q: string): boolean => mine === `${path}@${q}`;
  return (
    <section className="whatif" data-testid="whatif">
      <h3>What if</h3>
      <div className="actions" role="group" aria-label={`Try another version of ${path}`}>
        <button data-testid="whatif-latest" aria-pressed={isStaged('latest')} onClick={() => void stage(`${path}@latest`)} title={`go get ${path}@latest`}>
          Latest
        </button>
        <button data-testid="whatif-patch" aria-pressed={isStaged('patch')} onClick={() => void stage(`${path}@patch`)} title={`go get ${path}@patch: the latest patch of the selected minor version`}>
          Latest patch
        </button>
        <button data-testid="whatif-none" aria-pressed={isStaged('none')} onClick={() => void stage(`${path}@none`)} title={`go get ${path}@none: remove it, and downgrade what needs it`}>
          Remove
        </button>
      </div>
      {versions.kind === 'loading' && versions.path === path && <p className="muted">Reading versions…</p>}
      {versions.kind === 'error' && versions.path === path && <p className="error-text">{versions.message}</p>}
      {versions.kind === 'ready' && versions.path === path && (
        <>
          {versions.value.deprecated && (
            <p className="deprecated" data-testid="whatif-deprecated">
              <span className="badge lost">deprecated</span> {versions.value.deprecated}
            </p>
          )}
          {versions.value.error && <p className="error-text">{versions.value.error}</p>}
          {versions.value.versions.length === 0 && !versions.value.error && <p className="muted">No published versions (only pseudo-versions, or a replacement).</p>}
          <ul className="plain versions" data-testid="whatif-versions">
            {versions.value.versions.map((v) => {
              const selected = v.version === current;
              return (
                <li key={v.version} className={selected ? 'current' : undefined}>
                  <button
                    className="link version"
                    data-testid="whatif-version"
                    data-version={v.version}
                    aria-pressed={isStaged(v.version)}
                    disabled={selected}
                    title={selected ? 'the selected version' : `preview go get ${path}@${v.version}`}
                    onClick={() => void stage(`${path}@${v.version}`)}
                  >
                    {v.version}
                  </button>
                  {selected && <span className="badge selected">selected</span>}
                  {v.retracted !== undefined && (
                    <span className="badge retracted" title={v.retracted || 'retracted by the module author'}>
                      retracted
                    </span>
                  )}
                  {v.excluded && <span className="badge excluded">excluded</span>}
                  {v.goVersion && <span className="muted small"> go {v.goVersion}</span>}
                  {v.time && <span className="muted small"> · {day(v.time)}</span>}
                  {v.retracted && <div className="muted small rationale">{v.retracted}</div>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
