/** The status bar's vulnerability count: how many, from which database, and the fix of them all. */
import type { JSX } from 'react';
import { useAppStore } from '../store/app-store';

/** VulnStatus says what the scan found, and offers the fix preview. */
export function VulnStatus(): JSX.Element | null {
  const vuln = useAppStore((s) => s.vuln);
  const plan = useAppStore((s) => s.vulnPlan);
  const scan = useAppStore((s) => s.scanVulns);
  const fix = useAppStore((s) => s.previewVulnFix);
  const cancelFix = useAppStore((s) => s.cancelVulnFix);
  if (vuln.kind === 'idle') return null;
  if (vuln.kind === 'loading') return <span className="muted" data-testid="status-vuln" data-state="loading">checking known vulnerabilities…</span>;
  if (vuln.kind === 'error') {
    return (
      <span className="status-error" data-testid="status-vuln" data-state="error" title={vuln.message}>
        vulnerabilities not checked <button className="link" onClick={() => void scan(true)}>retry</button>
      </span>
    );
  }
  const { findings, database } = vuln.value;
  const entries = new Set(findings.map((f) => f.id)).size;
  const modules = new Set(findings.map((f) => f.nodeId ?? f.module)).size;
  const fixable = findings.some((f) => f.kind === 'module' && f.fixedVersion !== '');
  return (
    <span className={entries > 0 ? 'status-vuln found' : 'status-vuln'} data-testid="status-vuln" data-state="ready" data-count={entries} title={`${database}\nClick refresh to fetch the database again.`}>
      {entries > 0 ? (
        <>
          <b>⚠ {entries}</b> known vulnerabilit{entries === 1 ? 'y' : 'ies'} in {modules} module{modules === 1 ? '' : 's'}
        </>
      ) : (
        'no known vulnerabilities'
      )}
      {fixable && (
        <button className="link" data-testid="vuln-fix-all" disabled={plan.kind === 'loading'} onClick={() => void fix([])}>
          {plan.kind === 'loading' && plan.picks.length === 0 ? 'planning fix…' : 'preview fix'}
        </button>
      )}
      {plan.kind === 'loading' && (
        <button className="link" data-testid="vuln-fix-cancel" onClick={cancelFix}>
          cancel
        </button>
      )}
      <button className="link" aria-label="Fetch the vulnerability database again" onClick={() => void scan(true)}>
        ↻
      </button>
    </span>
  );
}
