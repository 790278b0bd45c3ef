/** The window: the start page, or the graph with its toolbar, details, legend and status bar. */
import { useEffect, type JSX } from 'react';
import { useFolderDrop } from '../hooks/use-folder-drop';
import { useGlobalShortcuts } from '../hooks/use-global-shortcuts';
import { useVulnScan } from '../hooks/use-vuln-scan';
import { useAppStore } from '../store/app-store';
import { DetailsPanel } from './DetailsPanel';
import { ErrorBanner, ErrorPanel } from './ErrorBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { FocusChip } from './FocusChip';
import { GraphView, warmLayoutWorker } from './GraphView';
import { Legend } from './Legend';
import { LegacyImport } from './LegacyImport';
import { LoadingOverlay } from './LoadingOverlay';
import { ModuleList } from './ModuleList';
import { PreviewPanel } from './PreviewPanel';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { Welcome } from './Welcome';

function Notice(): JSX.Element | null {
  const notice = useAppStore((s) => s.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{notice}</span>
      <button className="icon" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}

/** App is the root component. */
export function App(): JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const theme = useAppStore((s) => s.theme);
  const resetView = useAppStore((s) => s.resetView);
  const discardPreview = useAppStore((s) => s.discardPreview);
  const select = useAppStore((s) => s.select);
  useGlobalShortcuts();
  useFolderDrop();
  useVulnScan();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => warmLayoutWorker(), []);
  useEffect(() => {
    let off: (() => void) | undefined;
    void useAppStore
      .getState()
      .init()
      .then((f) => (off = f));
    return () => off?.();
  }, []);
  useEffect(() => {
    document.title = graph ? `${graph.source.example ? 'Example' : graph.mainModules.join(', ') || graph.dir} — Go Module Explorer` : 'Go Module Explorer';
  }, [graph]);

  const nothingLoaded = graph && graph.nodes.length === 0;
  return (
    <div className="app">
      {graph ? (
        <>
          <Toolbar />
          <div className="workspace">
            <ModuleList />
            <div className="graph-area">
              {nothingLoaded ? (
                graph.legacyConfig ? <LegacyImport /> : <ErrorPanel />
              ) : (
                <ErrorBoundary part="graph" onReset={resetView}>
                  <GraphView />
                  <FocusChip />
                  <ErrorBanner />
                  <Legend />
                </ErrorBoundary>
              )}
              <ErrorBoundary part="preview" onReset={discardPreview}>
                <PreviewPanel />
              </ErrorBoundary>
            </div>
            <ErrorBoundary part="details" onReset={() => select(undefined)}>
              <DetailsPanel />
            </ErrorBoundary>
          </div>
          <StatusBar />
        </>
      ) : (
        <Welcome />
      )}
      <Notice />
      <LoadingOverlay />
    </div>
  );
}
