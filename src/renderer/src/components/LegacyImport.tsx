/**
 * Bringing a pre-module project in: a directory without go.mod whose lock file go mod init
 * (Go 1.11–1.21) could convert. Shows the go.mod go would write and the module graph it gives,
 * every entry that could not be converted with go's reason, and go's reminder that go mod tidy
 * must follow; nothing is written until Apply.
 */
import { useEffect, useState, type JSX } from 'react';
import type { LegacyPreviewDto } from '../../../shared/ipc/contract';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import { useAppStore } from '../store/app-store';
import { PreviewGraph } from './PreviewGraph';

function moduleUrl(path: string, version: string): string {
  const p = path.split('/').map(encodeURIComponent).join('/');
  return version === '' ? `https://pkg.go.dev/${p}` : `https://pkg.go.dev/${p}@${encodeURIComponent(version)}`;
}

/** BuildList is the preview graph as `go list -m all` would list it, with `go mod graph`'s edges on demand. */
function BuildList({ graph }: { readonly graph: ModuleGraphDto }): JSX.Element {
  const selected = graph.nodes.filter((n) => n.selected && (n.kind === 'main' || n.kind === 'module'));
  const main = selected.filter((n) => n.kind === 'main');
  const deps = selected.filter((n) => n.kind !== 'main').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const edges = graph.edges.filter((e) => e.kind === 'require');
  return (
    <section>
      <h3>
        Module graph <span className="count">{selected.length} modules, {edges.length} requirements</span>
      </h3>
      {graph.error && <pre className="error-text">{graph.error.message}</pre>}
      <PreviewGraph dto={graph} />
      <ul className="legacy-list" data-testid="legacy-build-list">
        {[...main, ...deps].map((n) => (
          <li key={n.id} className={n.kind === 'main' ? 'main' : n.dependency}>
            <code>{n.version === '' ? n.path : `${n.path} ${n.version}`}</code>
            {n.kind === 'module' && n.dependency === 'indirect' && <span className="muted"> (through another module)</span>}
          </li>
        ))}
      </ul>
      <details>
        <summary>Requirements (go mod graph)</summary>
        <pre className="legacy-edges" data-testid="legacy-edges">
          {edges.map((e) => `${e.from} ${e.to}`).join('\n')}
        </pre>
      </details>
    </section>
  );
}

function Preview({ p, applying, applyError }: { readonly p: LegacyPreviewDto; readonly applying?: boolean; readonly applyError?: string }): JSX.Element {
  const apply = useAppStore((s) => s.applyLegacy);
  const close = useAppStore((s) => s.close);
  const dismiss = useAppStore((s) => s.dismissLegacy);
  if (!p.ok) {
    return (
      <div role="alert">
        <p>go mod init would refuse:</p>
        <pre className="error-text" data-testid="legacy-output">
          {p.output}
        </pre>
      </div>
    );
  }
  return (
    <>
      <div className="legacy-columns">
        <section>
          <h3>
            go.mod <span className="count">{p.requirements.length} requirements from {p.lockFile?.entries ?? 0} entries</span>
          </h3>
          <pre className="legacy-gomod" data-testid="legacy-gomod">
            {p.goMod}
          </pre>
          <p className="legacy-note" data-testid="legacy-tidy">
            Run <code>go mod tidy</code> after applying: the lock file knew only its own pins, so go.mod still lacks what
            the packages import and go.sum is not written.
            {p.needsTidy ? ' go says so too ("go: to add module requirements and sums").' : ''}
          </p>
          {applyError && (
            <pre className="error-text" role="alert" data-testid="legacy-apply-error">
              {applyError}
            </pre>
          )}
          <div className="actions">
            <button className="primary" data-testid="legacy-apply" disabled={applying} onClick={() => void apply()}>
              {applying ? 'Writing go.mod…' : 'Apply: write go.mod'}
            </button>
            <button
              onClick={() => {
                dismiss();
                close();
              }}
            >
              Cancel
            </button>
          </div>
        </section>
        <div>
          <section>
            <h3>
              Not converted <span className="count">{p.dropped.length}</span>
            </h3>
            {p.dropped.length === 0 ? (
              <p className="muted">Every entry resolved.</p>
            ) : (
              <ul className="legacy-list" data-testid="legacy-dropped">
                {p.dropped.map((d, i) => (
                  <li key={`${d.path}@${d.rev}#${i}`}>
                    <code>
                      {d.path}@{d.rev}
                    </code>{' '}
                    <a href={d.docUrl} target="_blank" rel="noopener noreferrer" data-testid="legacy-doc-link">
                      pkg.go.dev ↗
                    </a>
                    <div className="legacy-reason">{d.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {p.graph && <BuildList graph={p.graph} />}
          {p.requirements.length > 0 && (
            <section>
              <h3>Converted</h3>
              <ul className="legacy-list">
                {p.requirements.map((r) => (
                  <li key={r.path}>
                    <a href={moduleUrl(r.path, r.version)} target="_blank" rel="noopener noreferrer">
                      {r.path} {r.version}
                    </a>
                    {r.replaces && <span className="muted"> (replaces {r.replaces})</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
      <details>
        <summary>What go mod init prints</summary>
        <pre className="legacy-output" data-testid="legacy-output">
          {p.output}
        </pre>
      </details>
    </>
  );
}

/** LegacyImport replaces the graph for a directory whose lock file can be converted. */
export function LegacyImport(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const legacy = useAppStore((s) => s.legacy);
  const previewLegacy = useAppStore((s) => s.previewLegacy);
  const cancel = useAppStore((s) => s.cancelLegacy);
  const watch = useAppStore((s) => s.watchLegacyProgress);
  const [modulePath, setModulePath] = useState('');
  const dir = graph?.dir;
  const lockFile = graph?.legacyConfig;
  useEffect(() => watch(), [watch]);
  useEffect(() => {
    if (!dir || !lockFile) return;
    const l = useAppStore.getState().legacy;
    const known = l.kind === 'loading' ? l.dir : l.kind === 'ready' ? l.preview.dir : l.kind === 'error' ? l.dir : undefined;
    if (known !== dir) void previewLegacy(dir);
  }, [dir, lockFile, previewLegacy]);
  if (!dir || !lockFile) return null;
  const shownPath = legacy.kind === 'ready' ? legacy.preview.modulePath : undefined;
  return (
    <div className="legacy-import" data-testid="legacy-import">
      <h2>No go.mod here, but a {lockFile}</h2>
      <p className="muted">{dir}</p>
      <p>
        Go 1.11 to 1.21 turned this lock file into go.mod in <code>go mod init</code>: each entry resolved to the module
        that provides the package at that revision. Here is what it would write, and the module graph that gives.
        Nothing is written until you apply.
      </p>
      <form
        className="legacy-path"
        onSubmit={(e) => {
          e.preventDefault();
          void previewLegacy(dir, modulePath.trim() || undefined);
        }}
      >
        <label>
          Module path{' '}
          <input
            data-testid="legacy-module-path"
            value={modulePath}
            placeholder={shownPath ?? 'inferred as go infers it'}
            onChange={(e) => setModulePath(e.target.value)}
          />
        </label>
        <button type="submit" disabled={legacy.kind === 'loading'}>
          Preview
        </button>
      </form>
      {legacy.kind === 'loading' && (
        <div className="legacy-progress" data-testid="legacy-progress" role="status">
          Resolving entries{legacy.progress ? `: ${legacy.progress.done} of ${legacy.progress.total}` : '…'}
          {legacy.progress?.current && <span className="muted"> ({legacy.progress.current})</span>}{' '}
          <button onClick={() => void cancel()}>Cancel</button>
        </div>
      )}
      {legacy.kind === 'error' && (
        <pre className="error-text" role="alert" data-testid="legacy-error">
          {legacy.message}
        </pre>
      )}
      {legacy.kind === 'ready' && <Preview p={legacy.preview} applying={legacy.applying} applyError={legacy.applyError} />}
    </div>
  );
}
