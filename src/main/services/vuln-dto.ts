/** Scans and fix plans as the window receives them (plain, serialisable, readonly). */
import type { VulnFindingDto, VulnPlanDto, VulnScanDto } from '../../shared/ipc/contract';
import { moduleKey } from '../../shared/model/module-version';
import { describeStep, type FixPlan } from '../core/vuln/fix-plan';
import type { VulnFinding } from '../core/vuln/match-build-list';
import { entryUrl, severityOf } from '../core/vuln/osv-entry';
import type { VulnScan } from './vuln-scan';

function findingDto(f: VulnFinding): VulnFindingDto {
  const severity = severityOf(f.entry);
  return {
    id: f.id,
    aliases: f.entry.aliases ?? [],
    summary: (f.entry.summary || f.entry.details || '').split('\n')[0] ?? '',
    ...(severity ? { severity } : {}),
    url: entryUrl(f.entry),
    kind: f.target.kind,
    module: f.target.required,
    path: f.target.path,
    version: f.target.version,
    fixedVersion: f.fixedVersion,
    ...(f.target.kind === 'module' ? { nodeId: moduleKey({ path: f.target.required, version: f.target.selected }) } : {}),
  };
}

/** scanDto is a scan for the window. */
export function scanDto(dir: string, scan: VulnScan): VulnScanDto {
  return {
    dir,
    database: scan.db.ageLine(),
    goVersion: scan.goVersion,
    findings: scan.findings.map(findingDto),
    modulesScanned: scan.targets.filter((t) => t.kind === 'module').length,
  };
}

/** planDto is a fix plan for the window. */
export function planDto(plan: FixPlan): VulnPlanDto {
  return { args: plan.args, steps: plan.steps.map((s) => ({ kind: s.kind, module: s.module, ids: s.ids, text: describeStep(s) })) };
}
