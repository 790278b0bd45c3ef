import { configMessage, findingMessage, osvMessage, progressMessage, sbomMessage } from '../../core/vuln/govulncheck-json';
import { describeStep } from '../../core/vuln/fix-plan';
import { summarize, type VulnFinding } from '../../core/vuln/match-build-list';
import { entryUrl } from '../../core/vuln/osv-entry';
import { semverToGoTag } from '../../core/vuln/osv-range';
import { unifiedDiff } from '../../core/whatif/unified-diff';
import { applyPlan, previewGet, splitAfterWrite } from '../../services/get-modules';
import { formatFailure } from '../../services/list-modules';
import { chooseFindings, planProjectFixes, scanProject, type VulnScan, type VulnScanOptions } from '../../services/vuln-scan';
import type { CliContext } from '../run';

const SCANNER_VERSION = 'v0.1.0';

interface VulnFlags {
  json: boolean;
  dryRun: boolean;
  refresh: boolean;
  db?: string;
  rest: string[];
}

function parseFlags(ctx: CliContext, args: readonly string[], fix: boolean): VulnFlags | number {
  const f: VulnFlags = { json: false, dryRun: false, refresh: false, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = a.replace(/^--?/, '-');
    if (flag === '-json' || flag === '-format=json') f.json = true;
    else if (flag === '-format' && args[i + 1] === 'json') {
      f.json = true;
      i++;
    } else if (flag === '-refresh') f.refresh = true;
    else if (fix && (flag === '-dry-run' || flag === '-n')) f.dryRun = true;
    else if (flag.startsWith('-db=')) f.db = flag.slice(4);
    else if (flag === '-db' && args[i + 1] !== undefined) f.db = args[++i];
    else if (flag === '-scan=module' || (flag === '-scan' && args[i + 1] === 'module' && ++i)) continue;
    else if (a.startsWith('-')) {
      ctx.stderr(`gomodx vuln: flag ${a} is not supported (supported: -json, --db=URL|proxy, --refresh${fix ? ', --dry-run' : ''})\n`);
      return 2;
    } else if (fix) f.rest.push(a);
    else {
      ctx.stderr(`gomodx vuln: unexpected argument ${JSON.stringify(a)}: the whole build list is scanned (gomodx vuln fix [ID|MODULE...] picks what to fix)\n`);
      return 2;
    }
  }
  return f;
}

function goSpelled(f: VulnFinding, v: string): string {
  return f.target.kind === 'module' ? `${f.target.path}@${v}` : semverToGoTag(v);
}

/** findingsText prints findings grouped by entry, as govulncheck's text output reads. */
export function findingsText(scan: VulnScan): string {
  let out = '';
  const byId = new Map<string, VulnFinding[]>();
  for (const f of scan.findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  let n = 0;
  for (const [id, fs] of byId) {
    const e = fs[0]!.entry;
    const aliases = (e.aliases ?? []).length > 0 ? ` (${e.aliases!.join(', ')})` : '';
    out += `Vulnerability #${++n}: ${id}${aliases}\n    ${(e.summary ?? e.details ?? '').split('\n')[0]}\n  More info: ${entryUrl(e)}\n`;
    for (const f of fs) {
      const label = f.target.kind === 'module' ? `Module: ${f.target.required}${f.target.path !== f.target.required ? ` => ${f.target.path}` : ''}` : f.target.kind === 'stdlib' ? 'Standard library' : 'Go toolchain';
      out += `  ${label}\n    Found in: ${goSpelled(f, f.target.version)}\n    Fixed in: ${f.fixedVersion ? goSpelled(f, f.fixedVersion) : 'N/A'}\n`;
    }
    out += '\n';
  }
  const s = summarize(scan.findings);
  const modules = scan.targets.filter((t) => t.kind === 'module').length;
  if (s.findings === 0) out += `No known vulnerabilities in ${modules} modules of the build list and go${scan.goVersion}.\n`;
  else {
    const fixable = chooseFindings(scan.findings, []).length;
    out += `Your build list has ${s.entries} known vulnerabilit${s.entries === 1 ? 'y' : 'ies'} in ${s.modules} module version${s.modules === 1 ? '' : 's'} (${modules} modules and go${scan.goVersion} scanned); ${fixable} finding${fixable === 1 ? '' : 's'} can be fixed by go get: gomodx vuln fix --dry-run\n`;
  }
  return out;
}

/** scanJson prints the scan as govulncheck -scan module -format json prints its messages. */
export function scanJson(scan: VulnScan): string {
  let out = configMessage({ scannerVersion: SCANNER_VERSION, db: scan.db.url, dbModified: scan.db.state.modified, goVersion: scan.goVersion });
  const modules = scan.targets.filter((t) => t.kind === 'module');
  out += sbomMessage(scan.goVersion, [...scan.buildList.filter((m) => m.version === '').map((m) => ({ path: m.path, version: '' })), ...modules, { path: 'stdlib', version: scan.targets.find((t) => t.kind === 'stdlib')?.version ?? '' }]);
  out += progressMessage(`Scanning ${modules.length} modules of the build list and go${scan.goVersion} for known vulnerabilities...`);
  out += progressMessage('Fetching vulnerabilities from the database...');
  const printed = new Set<string>();
  for (const t of scan.targets) {
    for (const e of scan.entries.get(t.path) ?? []) {
      if (printed.has(e.id)) continue;
      printed.add(e.id);
      out += osvMessage(e);
    }
  }
  out += progressMessage('Checking the build list against the vulnerabilities...');
  for (const f of scan.findings) out += findingMessage(f);
  return out;
}

function scanOptions(ctx: CliContext, f: VulnFlags): VulnScanOptions {
  return { dir: ctx.dir, env: ctx.env, db: f.db, refresh: f.refresh, signal: ctx.signal, warn: (l) => ctx.stderr(l + '\n') };
}

/** runVulnCommand is `gomodx vuln [-json] [--db=URL|proxy] [--refresh]` and `gomodx vuln fix [--dry-run] [ID|MODULE...]`. */
export async function runVulnCommand(ctx: CliContext): Promise<number> {
  const fix = ctx.args[0] === 'fix';
  const f = parseFlags(ctx, fix ? ctx.args.slice(1) : ctx.args, fix);
  if (typeof f === 'number') return f;
  let scan: VulnScan;
  try {
    scan = await scanProject(scanOptions(ctx, f));
  } catch (e) {
    ctx.stderr(formatFailure(e as Error).replace(/^go: (vulnerability database)/, 'gomodx: $1'));
    return 1;
  }
  ctx.stderr(scan.db.ageLine() + '\n');
  if (!fix) {
    if (f.json) {
      ctx.stdout(scanJson(scan));
      return 0;
    }
    ctx.stdout(findingsText(scan));
    // As govulncheck: exit status 3 when vulnerabilities were found.
    return scan.findings.length > 0 ? 3 : 0;
  }
  const chosen = chooseFindings(scan.findings, f.rest);
  if (chosen.length === 0) {
    ctx.stdout(f.rest.length > 0 ? `No module finding matches ${f.rest.join(' ')}.\n` : 'Nothing to fix: no known vulnerability with a fixed version in the build list.\n');
    return 0;
  }
  const { project, plan } = await planProjectFixes(scanOptions(ctx, f), chosen, f.rest.length === 0 ? scan : undefined);
  if (f.json && plan.args.length === 0) {
    ctx.stdout(JSON.stringify({ args: [], steps: plan.steps, goMod: null, goSumAdded: [], stderr: '' }, null, 2) + '\n');
    return 0;
  }
  for (const s of plan.steps) ctx.stdout(`${describeStep(s)}\n`);
  if (plan.args.length === 0) {
    ctx.stdout('No go get fixes these.\n');
    return 1;
  }
  ctx.stdout(`go get ${plan.args.join(' ')}\n`);
  // The planning session's previews read go.mod files for versions they tried and dropped; a
  // preview still adds to go.sum only what its own go get reads (Loader.startAskLog).
  const get = await previewGet(project, { args: plan.args });
  if (!get.ok) {
    ctx.stderr(get.stderr);
    return 1;
  }
  if (f.json) {
    ctx.stdout(JSON.stringify({ args: plan.args, steps: plan.steps, goMod: get.goModAfter ?? null, goSumAdded: get.addedSumLines, stderr: get.stderr }, null, 2) + '\n');
    return 0;
  }
  if (f.dryRun) {
    if (get.goModAfter !== undefined) ctx.stdout(unifiedDiff(get.goModBefore, get.goModAfter, 'go.mod', 'go.mod'));
    ctx.stdout(get.addedSumLines.map((l) => `go.sum: + ${l}\n`).join(''));
    ctx.stderr(get.stderr);
    return 0;
  }
  const report = splitAfterWrite(get.stderr);
  try {
    await applyPlan(project, get);
  } catch (e) {
    ctx.stderr(report.before + formatFailure(e as Error));
    return 1;
  }
  ctx.stderr(get.stderr);
  return 0;
}
