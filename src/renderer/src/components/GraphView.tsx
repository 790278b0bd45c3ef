/**
 * GraphView owns the one Cytoscape instance (graph-explorer's rule): it creates it, feeds it the
 * visible graph's elements, runs the layout in the worker only when the structure changes,
 * restyles on theme changes, and mirrors the selection. Everything it draws comes from the
 * store through pure functions in ../graph.
 *
 * The instance's cheap-drawing options are fixed when it is made, so a graph that crosses the
 * large-graph line gets a new canvas component (a React key): every effect of the old one is
 * gone with it, and none can reach an instance that was destroyed under it.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import { useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clusterId, toElements } from '../graph/elements';
import { chooseLayout, type LayoutHints, type LayoutKind, type Positions } from '../graph/layout';
import { layoutBox } from '../graph/layout-box';
import { cachedLayout, keepLayout, layoutKey } from '../graph/layout-cache';
import { LayoutClient, LayoutSuperseded } from '../graph/layout-client';
import { isLargeProject, READABLE_ZOOM } from '../graph/scale';
import { graphStylesheet } from '../graph/styles';
import { visibleGraph, type VisibleGraph } from '../graph/visible-graph';
import { onOverview, whatIfMarks } from '../graph/whatif-marks';
import { vulnMarks } from '../graph/vuln-marks';
import { selectVulnByNodeMemo } from '../store/vuln-slice';
import { edgeKey, whyHighlight } from '../graph/why-highlight';
import { useAppStore } from '../store/app-store';
import { selectShownView } from '../store/shown-view';
import { fitGraph, graphHandle, type Box } from './graph-handle';
import { Minimap } from './Minimap';
import { moveTo, readableStart, readableView, recalledViewport, rememberViewport } from './viewport';

/** LARGE_GRAPH is where drawing switches to cheaper edges and textures while moving. */
const LARGE_GRAPH = 600;

/**
 * webglAvailable tells whether WebGL runs on a GPU. A software implementation (SwiftShader,
 * llvmpipe: what Chromium falls back to without a GPU) draws a large graph several times slower
 * than the canvas renderer, so it does not count.
 */
function webglAvailable(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return !/swiftshader|llvmpipe|software|softpipe/i.test(renderer);
  } catch {
    return false;
  }
}

// Cytoscape adds an inline <style> for its container unless one with this id exists; our CSP
// forbids inline styles, so a placeholder keeps it from trying (styles.css has the rule).
export function preventCytoscapeInlineStyle(): void {
  const id = '__________cytoscape_stylesheet';
  if (!document.getElementById(id)) {
    const placeholder = document.createElement('meta');
    placeholder.id = id;
    document.head.appendChild(placeholder);
  }
}

/**
 * The one layout worker of the window, shared by every GraphView instance (one per size class)
 * and started early by warmLayoutWorker, so its start-up is not paid when a graph arrives.
 */
const layoutClient = new LayoutClient(() => new Worker(new URL('../graph/layout-worker.ts', import.meta.url), { type: 'module' }));

/** warmLayoutWorker starts the layout worker (call once the window shows). */
export function warmLayoutWorker(): void {
  layoutClient.warm();
}

/** GraphView draws the module graph: it decides what is shown and hands it to a canvas of the right size class. */
export function GraphView(): JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const options = useAppStore(useShallow(selectShownView));
  const layoutPref = useAppStore((s) => s.layout);
  const visible = useMemo(() => (graph ? visibleGraph(graph, options) : undefined), [graph, options]);
  const whyView = options.focus?.mode === 'why';
  const elements = useMemo(() => (visible ? toElements(visible, whyView) : []), [visible, whyView]);
  const leafCount = visible?.nodes.length ?? 0;
  const large = leafCount > LARGE_GRAPH;
  const readableFirst = isLargeProject(graph);
  // A why view is a few paths with wide labels, laid out to be read whole; a large project's
  // other views get window-tall columns, read from the main module on (unless the user chose).
  const layoutKind: LayoutKind =
    whyView && leafCount <= 120 ? 'tree' : readableFirst && layoutPref === 'auto' && !options.focus ? 'columns' : chooseLayout(layoutPref, leafCount, visible?.edges.length ?? 0);
  return <GraphCanvas key={large ? 'large' : 'small'} visible={visible} elements={elements} large={large} layoutKind={layoutKind} readableFirst={readableFirst} whyView={whyView} focused={!!options.focus} />;
}

interface CanvasProps {
  readonly visible: VisibleGraph | undefined;
  readonly elements: readonly ElementDefinition[];
  /** Cheap drawing: textures while moving, straight edges, no arrows. */
  readonly large: boolean;
  readonly layoutKind: LayoutKind;
  /** A large project: columns as tall as the window at a readable zoom, and a readable first view. */
  readonly readableFirst: boolean;
  /** The selected module's why paths on their own. */
  readonly whyView: boolean;
  /** A part of the graph around one module (a why view, Focus, Paths from main). */
  readonly focused: boolean;
}

function GraphCanvas({ visible, elements, large, layoutKind, readableFirst, whyView, focused }: CanvasProps): JSX.Element {
  const selectedId = useAppStore((s) => s.selectedId);
  const why = useAppStore((s) => s.why);
  const whyPath = useAppStore((s) => s.whyPath);
  const revealRequest = useAppStore((s) => s.revealRequest);
  const preview = useAppStore((s) => s.preview);
  const theme = useAppStore((s) => s.theme);
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const toggleFamily = useAppStore((s) => s.toggleFamily);
  const toggleGroup = useAppStore((s) => s.toggleGroup);
  const container = useRef<HTMLDivElement>(null);
  const [cy, setCy] = useState<Core>();
  const [state, setState] = useState<'layout' | 'ready' | 'empty'>('empty');
  // Bumped each time a layout is drawn (the minimap redraws its picture then).
  const [drawnVersion, setDrawnVersion] = useState(0);
  // The view drawn now, by its layout key: its viewport is remembered when it is left.
  const shownKey = useRef<string | undefined>(undefined);
  // The why highlight as drawn (edge keys), for tests and assistive reading.
  const [whyDrawn, setWhyDrawn] = useState<{ nodes: string; edges: string }>();
  // The what-if marks as drawn (node id:classes), for the same reasons.
  const [whatIfDrawn, setWhatIfDrawn] = useState<string>();
  // The vulnerability marks as drawn (node id:class).
  const vulnByNode = useAppStore(selectVulnByNodeMemo);
  const [vulnDrawn, setVulnDrawn] = useState<string>();
  const leafCount = visible?.nodes.length ?? 0;

  useEffect(() => {
    if (!container.current) return;
    preventCytoscapeInlineStyle();
    const instance = cytoscape({
      container: container.current,
      style: graphStylesheet(useAppStore.getState().theme, { large }),
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : 'auto',
      ...(leafCount > 3000 && webglAvailable() ? { webgl: true } : {}),
    } as cytoscape.CytoscapeOptions);
    instance.on('tap', 'node', (e: EventObject) => {
      const n = e.target;
      if (n.hasClass('cluster-group') || n.hasClass('overview-group')) {
        toggleGroup(n.data('key') as string);
        return;
      }
      if (n.hasClass('family-group')) return;
      // A ghost stands for the version a preview would bring; its module is the one to show.
      if (n.hasClass('wi-ghost')) {
        const from = n.incomers('edge.wi-becomes').sources().first();
        if (from.nonempty()) select(from.id());
        return;
      }
      if (n.hasClass('collapsed-family')) toggleFamily(n.data('family') as string);
      else select(n.id());
    });
    instance.on('dbltap', 'node', (e: EventObject) => {
      const n = e.target;
      if (!n.hasClass('family-group') && !n.hasClass('collapsed-family') && !n.hasClass('overview-group')) focusOn(n.id(), 'neighbors');
    });
    instance.on('tap', (e: EventObject) => {
      if (e.target === instance) select(undefined);
    });
    graphHandle.current = instance;
    setCy(instance);
    return () => {
      layoutClient.cancel();
      if (shownKey.current && useAppStore.getState().graph) rememberViewport(shownKey.current, instance);
      if (graphHandle.current === instance) graphHandle.current = undefined;
      instance.destroy();
    };
    // Made once per canvas: the size class is this component's key, the rest is read when made.
  }, []);

  // Structure changed: new elements, new layout (off the main thread, or kept from before).
  useEffect(() => {
    if (!cy || cy.destroyed()) return;
    let live = true;
    if (shownKey.current && state === 'ready') rememberViewport(shownKey.current, cy);
    shownKey.current = undefined;
    if (elements.length === 0) {
      cy.batch(() => cy.elements().remove());
      setState('empty');
      return;
    }
    setState('layout');
    const hints: LayoutHints =
      layoutKind === 'tree'
        ? { aspect: cy.width() / Math.max(cy.height(), 1), columnHeight: Math.max(300, (cy.height() - 120) / READABLE_ZOOM) }
        : readableFirst && layoutKind === 'columns'
          ? { columnHeight: Math.max(600, (cy.height() - 60) / READABLE_ZOOM) }
          : {};
    const key = layoutKey(elements, layoutKind, hints);
    const apply = (positions: Positions): void => {
      if (!live || cy.destroyed()) return;
      keepLayout(key, positions);
      // The new elements are added only once laid out, each at its place: adding them first would
      // style and draw the whole graph piled at the origin, then move every node again.
      cy.batch(() => {
        cy.elements().remove();
        cy.add(elements.map((e) => (e.group === 'nodes' && positions[e.data.id!] ? { ...e, position: positions[e.data.id!] } : e)));
      });
      shownKey.current = key;
      placeCamera(cy, key, layoutBox(elements, positions));
      setState('ready');
      setDrawnVersion((v) => v + 1);
    };
    const kept = cachedLayout(key);
    if (kept) apply(kept);
    else
      layoutClient.layout(elements, layoutKind, hints).then(apply, (e: Error) => {
        if (e instanceof LayoutSuperseded || !live) return;
        // The worker could not run (old engine, blocked): lay out here instead.
        void import('../graph/compute-layout').then((m) => apply(m.computeLayout(elements, layoutKind, hints)));
      });
    return () => {
      live = false;
    };
    // state is read to know whether a viewport is worth remembering, not a reason to lay out again.
  }, [cy, elements, layoutKind, readableFirst]);

  /**
   * placeCamera: back to a view → where the user left it; a focus or why view → all of it, or
   * the selected module when all of it cannot be read; an opened group → its top left corner; a
   * large project → its readable left end; a small graph → all of it.
   */
  function placeCamera(c: Core, key: string, box: Box): void {
    const legendOpen = useAppStore.getState().legendOpen;
    const back = recalledViewport(key);
    if (back) {
      moveTo(c, back, false);
      return;
    }
    if (focused) {
      const sel = useAppStore.getState().selectedId;
      const v = readableView(c, c.nodes().filter((n) => !n.isParent()), sel ? c.$id(sel) : c.collection(), legendOpen, 0, true);
      if (v) moveTo(c, v, false);
      return;
    }
    const opened = useAppStore.getState().openedGroup;
    const cluster = opened ? c.$id(clusterId(opened)) : c.collection();
    if (cluster.nonempty()) {
      // An opened group is read from its top left corner, as the columns are.
      moveTo(c, readableStart(c, c.collection().union(cluster.children()).boundingBox(), legendOpen), false);
      return;
    }
    if (readableFirst) {
      moveTo(c, readableStart(c, box, legendOpen), false);
      return;
    }
    // Fitted from the layout's own numbers: asking Cytoscape for the bounding box would make it
    // compute every element's rendered style at once, ahead of the frame that needs it anyway.
    fitGraph(c, legendOpen, 30, box);
    const sel = useAppStore.getState().selectedId;
    if (sel && c.$id(sel).nonempty() && c.zoom() < 0.5) c.zoom({ level: 0.8, position: c.$id(sel).position() });
  }

  // The details panel opening or the window resizing changes the canvas size; Cytoscape only
  // watches the window.
  useEffect(() => {
    if (!cy || !container.current || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (cy.destroyed()) return;
      cy.resize();
      const id = useAppStore.getState().selectedId;
      const n = id ? cy.$id(id) : undefined;
      if (n && n.nonempty()) {
        const v = readableView(cy, n, n, useAppStore.getState().legendOpen);
        if (v) moveTo(cy, v, !large);
      }
    });
    ro.observe(container.current);
    return () => ro.disconnect();
  }, [cy, large]);

  // A theme change restyles every element; an instance is created with the theme of its time, so
  // the first run (right after creation) would restyle for nothing.
  const styledWith = useRef<string>(theme);
  useEffect(() => {
    if (!cy || cy.destroyed() || styledWith.current === theme) return;
    styledWith.current = theme;
    cy.style(graphStylesheet(theme, { large }));
  }, [cy, theme, large]);

  // Selection: highlight the paths from main that set its version once they are known (else
  // the node, its requirers and requirements); fade the rest; bring what is highlighted into
  // view at a size that can be read.
  useEffect(() => {
    if (!cy || cy.destroyed() || state !== 'ready') return;
    let drawn: { nodes: string; edges: string } | undefined;
    let shown: cytoscape.Collection | undefined;
    cy.batch(() => {
      cy.elements().removeClass('faded incident why-path');
      cy.$(':selected').unselect();
      if (!selectedId) return;
      const n = cy.$id(selectedId);
      if (n.empty()) return;
      n.select();
      const path = n.data('path') as string | undefined;
      if (why.kind === 'ready' && path === why.path && why.value.selectedId) {
        const h = whyHighlight(why.value, whyPath);
        const nodes = cy.nodes().filter((x) => h.nodes.has(x.id()));
        const edges = cy.edges().filter((x) => h.edges.has(edgeKey(x.source().id(), x.target().id())));
        nodes.addClass('why-path');
        edges.addClass('why-path');
        cy.nodes()
          .filter((x) => !x.isParent() && !h.nodes.has(x.id()) && x.id() !== selectedId)
          .addClass('faded');
        cy.edges().difference(edges).addClass('faded');
        drawn = {
          nodes: nodes.map((x) => x.id()).sort().join('|'),
          edges: edges.map((x) => edgeKey(x.data('source') as string, x.data('target') as string)).sort().join('|'),
        };
        shown = nodes.union(n);
        return;
      }
      const hood = n.closedNeighborhood();
      cy.nodes()
        .filter((x) => !x.isParent())
        .difference(hood)
        .addClass('faded');
      cy.edges().difference(hood).addClass('faded');
      n.connectedEdges().addClass('incident');
      shown = n;
    });
    setWhyDrawn(drawn);
    // While a preview is shown, the view belongs to it: an explanation arriving later must not pan away.
    if (shown && useAppStore.getState().preview.kind === 'idle') {
      const v = readableView(cy, shown, cy.$id(selectedId!), useAppStore.getState().legendOpen);
      if (v) moveTo(cy, v, !large);
    }
  }, [cy, selectedId, elements, state, why, whyPath, large]);

  // Known vulnerabilities: a mark on each vulnerable version drawn (or the box holding it). Only
  // marked nodes are touched, as for the what-if marks.
  useEffect(() => {
    if (!cy || state !== 'ready' || !visible) return;
    const marks = vulnMarks(visible, new Set(vulnByNode.keys()));
    cy.batch(() => {
      cy.nodes('.vulnerable, .has-vulnerable').removeClass('vulnerable has-vulnerable');
      for (const [id, cls] of marks) cy.$id(id).addClass(cls);
    });
    setVulnDrawn([...marks].map(([id, c]) => `${id}:${c}`).sort().join('|'));
  }, [cy, state, visible, elements, vulnByNode]);

  // A what-if preview: mark what would move, add ghosts for versions not drawn yet, dim the rest.
  // Nothing already drawn moves, so the picture stays the one the user knows. The marks restyle
  // thousands of elements on a large graph: they wait until the frame that shows the preview's
  // list has been painted (zustand's updates are synchronous, so an effect would delay it).
  useEffect(() => {
    if (!cy) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(mark, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [cy, preview, elements, state, large]);

  function mark(): void {
    if (!cy || cy.destroyed()) return;
    let drawn: string | undefined;
    let shown: cytoscape.Collection | undefined;
    cy.batch(() => {
      // Only what carries marks is touched: restyling every element costs a full redraw.
      cy.elements('.wi-ghost').remove();
      cy.elements('.wi-dim, .wi-from, .wi-to').removeClass('wi-dim wi-from wi-to wi-upgraded wi-downgraded wi-added wi-removed');
      if (preview.kind !== 'ready' || !preview.value.ok || preview.value.changes.length === 0 || state !== 'ready') return;
      const leaf = (id: string): boolean => {
        const n = cy.$id(id);
        return n.nonempty() && n.isNode() && !n.isParent();
      };
      const main = cy.nodes('.main').first();
      const groupOfPath = new Map<string, string>();
      for (const v of visible?.nodes ?? []) if (v.kind === 'group') for (const m of v.members) groupOfPath.set(m.path, v.id);
      const value = groupOfPath.size > 0 ? onOverview(preview.value, groupOfPath) : preview.value;
      const marks = whatIfMarks(value, leaf, (id) => cy.$id(id).position(), main.nonempty() ? main.id() : undefined);
      for (const [id, cls] of marks.classes) cy.$id(id).addClass(cls.join(' '));
      cy.add([...marks.ghosts]);
      const involved = cy.collection();
      for (const id of marks.involved) involved.merge(cy.$id(id));
      const keep = involved.union(cy.elements('.wi-ghost'));
      cy.nodes()
        .filter((x) => !x.isParent())
        .difference(keep)
        .addClass('wi-dim');
      cy.edges().difference(keep.edgesWith(keep)).difference(cy.edges('.wi-ghost')).addClass('wi-dim');
      drawn = [...marks.classes].map(([id, cls]) => `${id}:${cls.join(',')}`).concat(marks.ghosts.filter((g) => g.group === 'nodes').map((g) => `${g.data.id as string}:ghost`)).sort().join('|');
      shown = keep;
    });
    setWhatIfDrawn(drawn);
    // A large graph redraws slowly: jump there rather than animate through frames.
    // The preview panel covers the bottom of the graph (it does not shrink the canvas, which would
    // cost a resize and a full redraw at every preview): fit what moves into the part left visible.
    const covered = document.querySelector('.preview-panel')?.getBoundingClientRect().height ?? 0;
    if (!shown) return;
    if (!readableFirst) {
      fitGraph(cy, useAppStore.getState().legendOpen, 60, shown, !large, covered);
      return;
    }
    // A large project's moves rarely fit at a size that can be read: keep the module the user
    // acted on readable, and let the minimap and the dimming show the rest.
    const sel = useAppStore.getState().selectedId;
    const anchor = sel && cy.$id(sel).nonempty() ? cy.$id(sel) : (shown as cytoscape.Collection).nodes('.wi-from').first();
    const v = readableView(cy, shown, cy.collection().union(anchor), useAppStore.getState().legendOpen, covered);
    if (v) moveTo(cy, v, false);
  }

  // Search and links ask to see the node: centre it, zoomed in far enough to read labels. Once
  // per request: a view drawn later places its own camera (a why view shows all its paths).
  const revealed = useRef(revealRequest);
  useEffect(() => {
    if (!cy || cy.destroyed() || revealRequest === revealed.current || state !== 'ready') return;
    revealed.current = revealRequest;
    const id = useAppStore.getState().selectedId;
    const n = id ? cy.$id(id) : undefined;
    if (!n || n.empty()) return;
    const zoom = Math.max(cy.zoom(), 1);
    const p = n.position();
    moveTo(cy, { zoom, pan: { x: cy.width() / 2 - p.x * zoom, y: cy.height() / 2 - p.y * zoom } }, !large);
  }, [cy, revealRequest, state, large]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (!cy || cy.destroyed()) return;
    const sel = selectedId ? cy.$id(selectedId) : undefined;
    const move = (candidates: cytoscape.NodeCollection): void => {
      const next = candidates.filter((x) => !x.isParent()).first();
      if (next.nonempty()) select(next.id());
    };
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        if (sel?.nonempty()) move(sel.outgoers('node'));
        else move(cy.nodes('.main'));
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        if (sel?.nonempty()) move(sel.incomers('node'));
        break;
      case 'Tab': {
        const leaves = cy.nodes().filter((x) => !x.isParent());
        if (leaves.empty()) return;
        const ids = leaves.map((x) => x.id());
        const i = selectedId ? ids.indexOf(selectedId) : -1;
        const next = leaves[(i + (e.shiftKey ? -1 : 1) + leaves.length) % leaves.length];
        select(next.id());
        break;
      }
      case '+':
      case '=':
        cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        break;
      case '-':
        cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        break;
      case '0':
        fitGraph(cy, useAppStore.getState().legendOpen);
        break;
      case 'Enter':
        if (selectedId) focusOn(selectedId, e.shiftKey ? 'paths' : 'neighbors');
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <>
      <div
        ref={container}
        className="graph-canvas"
        data-testid="graph"
        data-state={state}
        data-nodes={leafCount}
        data-view={whyView ? 'why' : visible?.nodes.some((n) => n.kind === 'group' || (n.kind === 'module' && n.counts)) ? 'overview' : 'full'}
        data-why-nodes={whyDrawn?.nodes}
        data-why-edges={whyDrawn?.edges}
        data-whatif={whatIfDrawn}
        data-vuln={vulnDrawn}
        data-edges={visible?.edges.length ?? 0}
        data-layout={layoutKind}
        tabIndex={0}
        role="application"
        aria-label="Module graph. Arrow keys move along requirements, Tab to the next module, Enter focuses, + and - zoom, 0 fits, Escape goes back."
        onKeyDown={onKeyDown}
      />
      {cy && state === 'ready' && readableFirst && !focused && <Minimap cy={cy} drawnVersion={drawnVersion} />}
    </>
  );
}
