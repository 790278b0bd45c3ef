/**
 * The "why this version" part of the details panel: the winning requirements and their paths
 * from a main module (highlighted on the graph, one at a time or together), every requirer
 * with the version it asks for (requested -> selected), and every version that lost, and why.
 */
import { useEffect, type JSX } from 'react';
import type { ModuleNodeDto } from '../../../shared/model/module-graph';
import { whyChains } from '../graph/why-highlight';
import { useAppStore } from '../store/app-store';

function Link({ id }: { id: string }): JSX.Element {
  const reveal = useAppStore((s) => s.reveal);
  return (
    <button className="link" onClick={() => reveal(id)} title={id}>
      {id}
    </button>
  );
}

/** WhySection explains the selected module's version; it asks the backend when the selection changes. */
export function WhySection({ node }: { node: ModuleNodeDto }): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const why = useAppStore((s) => s.why);
  const whyPath = useAppStore((s) => s.whyPath);
  const explain = useAppStore((s) => s.explain);
  const setWhyPath = useAppStore((s) => s.setWhyPath);
  const path = node.kind === 'module' ? node.path : undefined;
  useEffect(() => {
    if (path && graph) void explain(path);
  }, [path, graph, explain]);
  if (!path) return null;
  if (why.kind === 'idle' || why.path !== path) return null;
  if (why.kind === 'loading') return <p className="muted">Asking why…</p>;
  if (why.kind === 'error') return <p className="error-text">{why.message}</p>;
  const e = why.value;
  const chains = whyChains(e);
  const selected = e.version === 'none' ? 'none' : e.version;
  return (
    <section data-testid="why" data-why-path={String(whyPath)}>
      <h3>Why {selected}</h3>
      {e.absent && <p className="muted">{e.absent}</p>}
      {e.replace && (
        <p className="muted" data-testid="why-replace">
          replaced by {e.replace.new} in {e.replace.source}
        </p>
      )}
      {chains.length > 0 && (
        <>
          <div className="actions" role="group" aria-label="Paths from main">
            <button aria-pressed={whyPath === 'shortest'} onClick={() => setWhyPath('shortest')} title="The shortest path to each requirement that sets the version">
              Shortest paths
            </button>
            <button aria-pressed={whyPath === 'all'} onClick={() => setWhyPath('all')} title="Every path from a main module (bounded)">
              {chains.length === 1 ? 'The 1 path' : `All ${chains.length} paths`}
            </button>
          </div>
          <ol className="plain why-chains" data-testid="why-chains">
            {chains.map((c, i) => (
              <li key={c.nodes.join(' ')}>
                <button className={whyPath === i ? 'link chain active' : 'link chain'} aria-pressed={whyPath === i} onClick={() => setWhyPath(i)} data-testid="why-chain">
                  {c.nodes.join(' → ')}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>
        Requirers <span className="count">{e.requirers.length}</span>
      </h3>
      <ul className="plain" data-testid="why-requirers">
        {e.requirers.map((r) => (
          <li key={`${r.requirer} ${r.requires}`}>
            <Link id={r.requirer} />
            <span className={r.requires === e.version ? 'asks same' : 'asks'}>
              {' '}
              {r.requires} → {selected}
            </span>
          </li>
        ))}
      </ul>
      {e.unselected.length > 0 && (
        <>
          <h3>Versions that lost</h3>
          <ul className="plain" data-testid="why-unselected">
            {e.unselected.map((u) => (
              <li key={u.version}>
                <strong>{u.version}</strong> <span className="muted">{u.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
