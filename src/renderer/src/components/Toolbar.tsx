/** The toolbar: project, search, filter, what to show, layout, export, theme. */
import { useState, type JSX } from 'react';
import { useAppStore } from '../store/app-store';
import type { LayoutPreference } from '../graph/layout';
import { exportGraph, type ExportFormat } from './export-graph';
import { fitGraph, graphHandle } from './graph-handle';
import { SearchBox } from './SearchBox';
import { isLargeProject } from '../graph/scale';

/** Toolbar is the bar above the graph. */
export function Toolbar(): JSX.Element {
  const graph = useAppStore((s) => s.graph)!;
  const s = useAppStore();
  const [exportOpen, setExportOpen] = useState(false);
  const [whatIfOpen, setWhatIfOpen] = useState(false);
  const title = graph.source.example ? 'Example project' : graph.mainModules.join(', ') || graph.dir;
  // Overview and All versions are one picture on a small project: the switch is for large ones.
  const large = isLargeProject(graph);
  const doExport = (f: ExportFormat): void => {
    setExportOpen(false);
    exportGraph(f, graph, graphHandle.current, s.theme);
  };
  return (
    <header className="toolbar" data-testid="toolbar">
      <button className="icon" title="Back to the start page" aria-label="Back to the start page" onClick={() => s.close()}>
        ←
      </button>
      <span className="project-title" title={graph.dir} data-testid="project-title">
        {title}
      </span>
      {graph.nodes.length > 0 && (
        <>
      <button className="list-toggle" data-testid="toggle-list" title="The modules of the build as a list, beside the graph" aria-pressed={s.listOpen} onClick={() => s.toggleList()}>
        List
      </button>
      <SearchBox />
      <input
        className="prefix"
        data-testid="prefix-filter"
        type="text"
        placeholder="Filter: path prefix"
        aria-label="Show only modules whose path starts with"
        value={s.prefix}
        onChange={(e) => s.setPrefix(e.target.value)}
      />
      {large && (
        <div className="segmented" role="group" aria-label="What the graph draws">
          <button data-testid="mode-overview" aria-pressed={s.mode === 'overview'} title="One box per selected module; indirect modules in groups by path prefix (click a group to open it)" onClick={() => s.setMode('overview')}>
            Overview
          </button>
          <button data-testid="mode-full" aria-pressed={s.mode === 'full'} title="Every module version the graph reached" onClick={() => s.setMode('full')}>
            All versions
          </button>
        </div>
      )}
      <label className="toggle" title={s.mode === 'overview' ? 'The overview counts lost versions on each box; switch to All versions to draw them' : 'Versions that lost to a higher one (not selected)'}>
        <input type="checkbox" data-testid="toggle-unselected" disabled={s.mode === 'overview'} checked={s.showUnselected} onChange={(e) => s.setShowUnselected(e.target.checked)} />
        lost versions
      </label>
      <label className="toggle" title={s.mode === 'overview' ? 'Switch to All versions to draw go and toolchain versions' : 'The go and toolchain versions required by each go.mod'}>
        <input type="checkbox" data-testid="toggle-toolchain" disabled={s.mode === 'overview'} checked={s.showToolchain} onChange={(e) => s.setShowToolchain(e.target.checked)} />
        go/toolchain
      </label>
      <select aria-label="Layout" title="Layered is drawn with columns past 400 modules on screen (dagre would take minutes)" data-testid="layout" value={s.layout} onChange={(e) => s.setLayout(e.target.value as LayoutPreference)}>
        <option value="auto">Layout: auto</option>
        <option value="layered">Layered (dagre)</option>
        <option value="columns">Columns</option>
        <option value="force">Force-directed</option>
      </select>
      <button title="Fit the graph to the window (0)" onClick={() => graphHandle.current && fitGraph(graphHandle.current, s.legendOpen)}>
        Fit
      </button>
        </>
      )}
      <span className="spacer" />
      <button title="Read go.mod files again" onClick={() => void s.reload()}>
        Reload
      </button>
      {graph.mainModules.length > 0 && (
        <div className="menu">
          <button data-testid="whatif-menu" aria-haspopup="menu" aria-expanded={whatIfOpen} onClick={() => setWhatIfOpen(!whatIfOpen)} title="Preview upgrades of every dependency">
            What if ▾
          </button>
          {whatIfOpen && (
            <div className="menu-items" role="menu">
              <button role="menuitem" data-testid="whatif-upgrade-all" onClick={() => (setWhatIfOpen(false), void s.upgradeAll('upgrade'))}>
                Upgrade all (go get -u ./...)
              </button>
              <button role="menuitem" data-testid="whatif-upgrade-patches" onClick={() => (setWhatIfOpen(false), void s.upgradeAll('patch'))}>
                Upgrade all patches (go get -u=patch ./...)
              </button>
            </div>
          )}
        </div>
      )}
      <div className="menu">
        <button data-testid="export" aria-haspopup="menu" aria-expanded={exportOpen} onClick={() => setExportOpen(!exportOpen)}>
          Export ▾
        </button>
        {exportOpen && (
          <div className="menu-items" role="menu">
            <button role="menuitem" data-testid="export-png" onClick={() => doExport('png')}>PNG image</button>
            <button role="menuitem" data-testid="export-svg" onClick={() => doExport('svg')}>SVG image</button>
            <button role="menuitem" data-testid="export-dot" onClick={() => doExport('dot')}>DOT (modgraphviz)</button>
            <button role="menuitem" data-testid="export-json" onClick={() => doExport('json')}>JSON</button>
          </div>
        )}
      </div>
      <button className="icon" data-testid="theme" title="Light or dark theme" aria-label="Switch theme" onClick={() => s.toggleTheme()}>
        {s.theme === 'dark' ? '☀' : '☾'}
      </button>
      <button className="icon" title="Legend" aria-label="Show or hide the legend" aria-pressed={s.legendOpen} onClick={() => s.toggleLegend()}>
        ?
      </button>
    </header>
  );
}
