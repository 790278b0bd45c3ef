/**
 * The selected version's known vulnerabilities: each entry with its aliases, severity, summary,
 * fixed version and pkg.go.dev page, the direct requirements that pull the module in (from the
 * why explanation), and the fix plan of the module previewed as a what-if.
 */
import { useMemo, type JSX } from 'react';
import type { ModuleNodeDto } from '../../../shared/model/module-graph';
import { useAppStore } from '../store/app-store';
import { selectVulnByNodeMemo } from '../store/vuln-slice';

/** VulnSection lists the findings of node, if it has any. */
export function VulnSection({ node }: { node: ModuleNodeDto }): JSX.Element | null {
  const byNode = useAppStore(selectVulnByNodeMemo);
  const plan = useAppStore((s) => s.vulnPlan);
  const why = useAppStore((s) => s.why);
  const previewVulnFix = useAppStore((s) => s.previewVulnFix);
  const findings = byNode.get(node.id) ?? [];
  // The direct requirements through which the module is required: the second node of each chain.
  const through = useMemo(() => {
    if (why.kind !== 'ready' || why.path !== node.path) return [];
    const ids = new Set<string>();
    // A chain of one is the main module itself: go.mod requires the module directly.
    for (const r of why.value.reasons) for (const c of r.allChains.length > 0 ? r.allChains : [r.chain]) ids.add(c.length > 1 ? c[1]! : 'go.mod itself');
    return [...ids].filter((id) => id !== node.id);
  }, [why, node]);
  if (findings.length === 0) return null;
  const mine = plan.kind !== 'idle' && plan.picks.length === 1 && plan.picks[0] === node.path ? plan : undefined;
  return (
    <section className="vuln-section" data-testid="vuln-section" aria-label="Known vulnerabilities">
      <h3>
        Known vulnerabilities <span className="count">{findings.length}</span>
      </h3>
      <ul className="plain vuln-list">
        {findings.map((f) => (
          <li key={f.id} data-testid="vuln-finding" data-id={f.id}>
            <a href={f.url} target="_blank" rel="noopener noreferrer" data-testid="vuln-link">
              {f.id} ↗
            </a>
            {f.severity && <span className="badge vulnerable">{f.severity}</span>}
            {f.aliases.length > 0 && <div className="muted">{f.aliases.join(' · ')}</div>}
            <div>{f.summary}</div>
            <div className="muted" data-testid="vuln-fixed">
              {f.fixedVersion ? `fixed in ${f.fixedVersion}` : 'no fixed version known'}
              {f.path !== f.module ? ` · built as ${f.path} ${f.version}` : ''}
            </div>
          </li>
        ))}
      </ul>
      {through.length > 0 && (
        <p className="muted" data-testid="vuln-through">
          Pulled in by: {through.join(', ')}
        </p>
      )}
      <div className="actions">
        <button data-testid="vuln-fix-module" disabled={!findings.some((f) => f.fixedVersion !== '') || plan.kind === 'loading'} onClick={() => void previewVulnFix([node.path])}>
          {mine?.kind === 'loading' ? 'Planning…' : 'Preview fix'}
        </button>
      </div>
      {mine?.kind === 'ready' && (
        <ul className="plain" data-testid="vuln-plan">
          {mine.value.steps.map((s) => (
            <li key={s.module} className={s.kind === 'unfixable' ? 'muted' : undefined}>
              {s.text}
            </li>
          ))}
        </ul>
      )}
      {mine?.kind === 'error' && <p className="error-text">{mine.message}</p>}
    </section>
  );
}
