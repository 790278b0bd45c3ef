/** The status bar: counts, where modules came from, errors. */
import { useMemo, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { visibleGraph } from '../graph/visible-graph';
import { useAppStore } from '../store/app-store';
import { selectViewOptions } from '../store/view-slice';
import { VulnStatus } from './VulnStatus';

function sourceText(fetched: Readonly<Record<string, number | undefined>>): string {
  const parts: string[] = [];
  if (fetched.proxy) parts.push(`${fetched.proxy} from proxy`);
  if (fetched.modcache) parts.push(`${fetched.modcache} from module cache`);
  if (fetched['gomodx-cache']) parts.push(`${fetched['gomodx-cache']} from gomodx cache`);
  if (fetched.directory) parts.push(`${fetched.directory} from directories`);
  return parts.join(', ');
}

/** StatusBar sits under the graph. */
export function StatusBar(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const options = useAppStore(useShallow(selectViewOptions));
  const info = useAppStore((s) => s.info);
  const reloadedFor = useAppStore((s) => s.reloadedFor);
  const shown = useMemo(() => (graph ? visibleGraph(graph, options) : undefined), [graph, options]);
  if (!graph) return null;
  const c = graph.counts;
  const proxy = graph.source.example ? 'bundled example proxy' : `GOPROXY=${graph.source.goproxy}`;
  return (
    <footer className="status" data-testid="status">
      <span data-testid="status-modules" data-count={c.modules} title="Selected modules: the lines of go list -m all">
        <b>{c.modules}</b> modules selected
      </span>
      <span data-testid="status-versions" data-count={c.versions} title="Every module version the graph reached">
        <b>{c.versions}</b> versions seen
      </span>
      <span data-testid="status-edges" data-count={c.edges} title="The lines of go mod graph">
        <b>{c.edges}</b> edges
      </span>
      {c.excluded > 0 && <span>{c.excluded} excluded</span>}
      {c.replaced > 0 && <span>{c.replaced} replaced</span>}
      {shown && shown.hidden > 0 && <span className="muted">{shown.hidden} hidden by the view</span>}
      <span className="muted" title={graph.source.goproxy} data-testid="status-source">
        {proxy}
        {sourceText(graph.source.fetched) ? ` · ${sourceText(graph.source.fetched)}` : ''}
      </span>
      {graph.toolchain && (
        <span
          className="muted status-toolchain"
          data-testid="status-toolchain"
          data-version={graph.toolchain.version}
          title={`${graph.toolchain.summary}\nThe Go version whose answers gomodx gives (the go your go command would run here).\nlocal go: ${graph.toolchain.localGo || 'none'} (${graph.toolchain.localGoSource})`}
        >
          {graph.toolchain.summary}
        </span>
      )}
      <span className="muted">{(graph.elapsedMs / 1000).toFixed(2)} s</span>
      {reloadedFor && reloadedFor !== 'reload' && <span className="muted">reloaded: {reloadedFor.split(/[\\/]/).pop()} changed</span>}
      <VulnStatus />
      <span className="spacer" />
      {graph.error && graph.nodes.length === 0 && graph.legacyConfig ? (
        // A lock file to convert is an offer, not a failure.
        <span className="muted" data-testid="status-error">
          no go.mod yet: {graph.legacyConfig} can be converted
        </span>
      ) : graph.error ? (
        <span className="status-error" data-testid="status-error">
          {graph.nodes.length === 0 ? 'not loaded: the go command would refuse this project' : 'partial graph: loading failed'}
        </span>
      ) : (
        <span className="status-ok">complete</span>
      )}
      {graph.warnings.length > 0 && <span title={graph.warnings.join('\n')}>{graph.warnings.length} warnings</span>}
      {info && <span className="muted">{info.transport === 'http' ? 'browser · gomodx serve' : 'desktop'}</span>}
    </footer>
  );
}
