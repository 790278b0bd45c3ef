/**
 * The module graph of a go.mod not written yet, drawn small and read-only beside the preview of
 * a conversion (LegacyImport). GraphView owns the window's graph; this canvas exists only while
 * no project is open, so there is still one Cytoscape instance at a time.
 */
import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, type JSX } from 'react';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import { computeLayout } from '../graph/compute-layout';
import { toElements } from '../graph/elements';
import { graphStylesheet } from '../graph/styles';
import { visibleGraph } from '../graph/visible-graph';
import { useAppStore } from '../store/app-store';
import { preventCytoscapeInlineStyle } from './GraphView';

/** PREVIEW_MAX_NODES bounds what is laid out on the main thread; larger previews are listed only. */
export const PREVIEW_MAX_NODES = 150;

/** PreviewGraph draws dto (every version, lost ones as ghosts) laid out in layers. */
export function PreviewGraph({ dto }: { readonly dto: ModuleGraphDto }): JSX.Element | null {
  const container = useRef<HTMLDivElement>(null);
  const theme = useAppStore((s) => s.theme);
  const elements = useMemo(() => toElements(visibleGraph(dto, { showUnselected: true, showToolchain: false, prefix: '', collapsed: [] })), [dto]);
  const leaves = elements.filter((e) => e.group === 'nodes').length;
  useEffect(() => {
    if (!container.current || leaves > PREVIEW_MAX_NODES) return;
    preventCytoscapeInlineStyle();
    const positions = computeLayout(elements, 'layered');
    const cy = cytoscape({
      container: container.current,
      style: graphStylesheet(theme),
      elements: elements.map((e) => (e.group === 'nodes' && positions[e.data.id!] ? { ...e, position: positions[e.data.id!] } : e)),
      layout: { name: 'preset' },
      autoungrabify: true,
      boxSelectionEnabled: false,
      minZoom: 0.05,
      maxZoom: 2,
    } as cytoscape.CytoscapeOptions);
    cy.fit(undefined, 16);
    return () => cy.destroy();
  }, [elements, leaves, theme]);
  if (leaves > PREVIEW_MAX_NODES) return null;
  return <div className="legacy-graph" ref={container} data-testid="legacy-graph" data-nodes={leaves} />;
}
