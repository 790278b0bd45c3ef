/** The details panel of the selected module version. */
import { useMemo, type JSX } from 'react';
import type { ModuleNodeDto } from '../../../shared/model/module-graph';
import { moduleDetails } from '../graph/details';
import { indexGraph } from '../graph/visible-graph';
import { RequirementTree } from './RequirementTree';
import { useAppStore } from '../store/app-store';
import { WhatIfSection } from './WhatIfSection';
import { WhySection } from './WhySection';
import { VulnSection } from './VulnSection';

const SOURCE_TEXT: Record<ModuleNodeDto['source'], string> = {
  main: 'main module (go.mod on disk)',
  modcache: 'module cache (GOMODCACHE)',
  'gomodx-cache': 'gomodx download cache',
  proxy: 'module proxy (GOPROXY)',
  directory: 'replacement directory',
  virtual: 'virtual module (the go command itself)',
  'not-loaded': 'not read: its requirements are pruned out of this graph',
};

function ModuleLink({ id, label, lost }: { id: string; label?: string; lost?: boolean }): JSX.Element {
  const reveal = useAppStore((s) => s.reveal);
  return (
    <button className={lost ? 'link lost' : 'link'} onClick={() => reveal(id)} title={id}>
      {label ?? id}
    </button>
  );
}

/** DetailsPanel shows version, source, go version, requirements and requirers of one module. */
export function DetailsPanel(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const toggleFamily = useAppStore((s) => s.toggleFamily);
  const collapsed = useAppStore((s) => s.collapsed);
  const d = useMemo(() => (graph && selectedId ? moduleDetails(graph, selectedId) : undefined), [graph, selectedId]);
  if (!d) return null;
  const n = d.node;
  const lostById = new Map(graph!.nodes.map((x) => [x.id, !x.selected]));
  return (
    <aside className="details" data-testid="details" aria-label={`Details of ${n.id}`}>
      <header>
        <h2 data-testid="details-path">{n.path}</h2>
        <button className="icon" aria-label="Close details" onClick={() => select(undefined)}>
          ✕
        </button>
      </header>
      {n.version && (
        <p className="version-line">
          <span data-testid="details-version">{n.version}</span>
          {n.excluded && <span className="badge excluded">excluded</span>}
        </p>
      )}
      <p className="badges" data-testid="details-badges">
        {n.kind === 'main' && <span className="badge main">main module</span>}
        {n.kind !== 'main' && n.kind !== 'module' && <span className="badge virtual">{n.kind}</span>}
        {n.kind === 'module' && <span className={`badge ${n.dependency}`}>{n.dependency}</span>}
        {n.selected ? <span className="badge selected">selected</span> : !n.excluded && <span className="badge lost">lost to {d.selectedVersion ?? 'none'}</span>}
        {n.replacement && <span className="badge replaced">replaced</span>}
        {n.failing && <span className="badge failing">failed to load</span>}
        {n.deprecated && <span className="badge lost">deprecated</span>}
      </p>
      {n.error && <pre className="error-text">{n.error}</pre>}
      <dl>
        {!n.selected && d.selectedVersion && (
          <>
            <dt>Selected version</dt>
            <dd>
              <ModuleLink id={`${n.path}@${d.selectedVersion}`} label={d.selectedVersion} />
            </dd>
          </>
        )}
        {n.replacement && (
          <>
            <dt>Replaced by</dt>
            <dd data-testid="details-replacement">
              {n.replacement.version ? `${n.replacement.path} ${n.replacement.version}` : `${n.replacement.path} (${n.replacement.dir})`}
              <div className="muted">in {n.replacement.fromFile}</div>
            </dd>
          </>
        )}
        <dt>Source</dt>
        <dd data-testid="details-source">
          {n.failing ? 'could not be read (see the error above)' : SOURCE_TEXT[n.source]}
          {n.sourceUrl && <div className="muted break">{n.sourceUrl}</div>}
        </dd>
        {n.goVersion && (
          <>
            <dt>Go version</dt>
            <dd data-testid="details-go">go {n.goVersion}</dd>
          </>
        )}
        {n.pruning && (
          <>
            <dt>Module graph</dt>
            <dd>{n.pruning === 'pruned' ? 'pruned (go ≥ 1.17): only its direct requirements count' : n.pruning === 'unpruned' ? 'unpruned (go < 1.17): all its requirements count' : 'workspace'}</dd>
          </>
        )}
        {n.deprecated && (
          <>
            <dt>Deprecated</dt>
            <dd>{n.deprecated}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        <button onClick={() => focusOn(n.id, 'neighbors')} title="Show only this module, its requirers and its requirements (Enter)">
          Focus
        </button>
        <button onClick={() => focusOn(n.id, 'paths')} title="Show every path from a main module to this one (Shift+Enter)">
          Paths from main
        </button>
        {n.kind === 'module' && (
          <button onClick={() => toggleFamily(n.family)} title="Draw every version of this module (and its /vN twins) as one node">
            {collapsed.includes(n.family) ? 'Expand family' : 'Collapse family'}
          </button>
        )}
        {d.pkgGoDevUrl && (
          <a className="button" href={d.pkgGoDevUrl} target="_blank" rel="noopener noreferrer" data-testid="pkg-go-dev">
            pkg.go.dev ↗
          </a>
        )}
      </div>
      <VulnSection node={n} />
      <WhySection node={n} />
      <WhatIfSection node={n} selectedVersion={n.selected ? n.version : d.selectedVersion} />
      <section>
        <h3>
          Requires <span className="count">{d.requires.length}</span>
        </h3>
        {d.requires.length === 0 ? (
          <p className="muted">{n.loaded ? 'nothing' : 'unknown: its go.mod was not read'}</p>
        ) : (
          <ul className="plain" data-testid="details-requires">
            {d.requires.map((r) => (
              <li key={`${r.id} ${r.kind}`}>
                <ModuleLink id={r.id} lost={lostById.get(r.id)} />
                {r.kind === 'excluded' && <span className="badge excluded">excluded</span>}
                {r.selectedVersion && r.kind === 'require' && <span className="muted"> → {r.selectedVersion} selected</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>
          Required by <span className="count">{d.requiredBy.length}</span>
        </h3>
        {d.requiredBy.length === 0 ? (
          <p className="muted">{n.kind === 'main' ? 'this is a main module' : 'nothing'}</p>
        ) : (
          <ul className="plain" data-testid="details-required-by">
            {d.requiredBy.map((r) => (
              <li key={`${r.id} ${r.asks} ${r.kind}`}>
                <ModuleLink id={r.id} lost={!r.requirerSelected} />
                <span className={r.asks === n.version ? 'asks same' : 'asks'}>
                  {' '}
                  asks {r.asks}
                  {r.kind === 'excluded' ? ' (excluded)' : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {n.kind !== 'main' && d.requiredBy.length > 0 && (
        <details className="tree-section" data-testid="who-requires">
          <summary>Who requires this, up to the main module</summary>
          <RequirementTree index={indexGraph(graph!)} id={n.id} dir="requirers" />
        </details>
      )}
      {d.requires.length > 0 && (
        <details className="tree-section" data-testid="what-requires">
          <summary>What this requires, all the way down</summary>
          <RequirementTree index={indexGraph(graph!)} id={n.id} dir="requirements" />
        </details>
      )}
      {d.otherVersions.length > 0 && (
        <section>
          <h3>Other versions in the graph</h3>
          <ul className="plain">
            {d.otherVersions.map((o) => (
              <li key={o.id}>
                <ModuleLink id={o.id} label={o.version} lost={!o.selected} />
                {o.selected && <span className="badge selected">selected</span>}
                {o.excluded && <span className="badge excluded">excluded</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.familyPaths.length > 0 && (
        <section>
          <h3>Same module, other major versions</h3>
          <ul className="plain">
            {d.familyPaths.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
