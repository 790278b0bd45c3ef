/**
 * Export of the graph: PNG and SVG of what is drawn (the whole graph, not just the viewport),
 * DOT as modgraphviz prints it, and JSON (the graph DTO). Files are offered as downloads.
 */
import cytoscape, { type Core } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import { toModgraphvizDot } from '../graph/dot';
import { PALETTES, type Theme } from '../graph/styles';

/** ExportFormat is one of the export choices. */
export type ExportFormat = 'png' | 'svg' | 'dot' | 'json';

let svgRegistered = false;

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** exportBaseName names files after the main module: example.com/demo → demo-graph. */
export function exportBaseName(graph: ModuleGraphDto): string {
  const main = graph.mainModules[0] ?? 'gomodx';
  const last = main.split('/').filter(Boolean).pop() ?? 'gomodx';
  return `${last.replace(/[^A-Za-z0-9._-]/g, '_')}-graph`;
}

/** exportGraph produces one export and offers it as a download. */
export function exportGraph(format: ExportFormat, graph: ModuleGraphDto, cy: Core | undefined, theme: Theme): void {
  const base = exportBaseName(graph);
  const bg = PALETTES[theme].background;
  switch (format) {
    case 'json':
      download(new Blob([JSON.stringify(graph, null, 2) + '\n'], { type: 'application/json' }), `${base}.json`);
      return;
    case 'dot':
      download(new Blob([toModgraphvizDot(graph)], { type: 'text/vnd.graphviz' }), `${base}.dot`);
      return;
    case 'png': {
      if (!cy) return;
      const blob = cy.png({ output: 'blob', full: true, scale: 2, bg, maxWidth: 16000, maxHeight: 16000 });
      download(blob, `${base}.png`);
      return;
    }
    case 'svg': {
      if (!cy) return;
      if (!svgRegistered) {
        cytoscape.use(cytoscapeSvg);
        svgRegistered = true;
      }
      const svg = (cy as Core & { svg(opts: { full: boolean; bg: string; scale: number }): string }).svg({ full: true, bg, scale: 1 });
      download(new Blob([svg], { type: 'image/svg+xml' }), `${base}.svg`);
      return;
    }
  }
}
