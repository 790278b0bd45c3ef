/** useVulnScan scans each graph the window loads for known vulnerabilities (issue 16). */
import { useEffect } from 'react';
import { useAppStore } from '../store/app-store';

/** useVulnScan starts a scan whenever a new graph is shown (a reload after a write included). */
export function useVulnScan(): void {
  const graph = useAppStore((s) => s.graph);
  useEffect(() => {
    if (graph && graph.nodes.length > 0) void useAppStore.getState().scanVulns();
  }, [graph]);
}
