/**
 * Package whatif: what a `go get` would do to the whole build list, for previews.
 *
 * Domain rules: go get reports (on stderr) only the modules named on its command line and those
 * its go.mod lists before or after, because that is what it changes on disk. A preview shows
 * more: every module whose selected version moves, including those that appear or vanish only
 * inside the graph. Each change carries a reason: go's own where go reports it, otherwise the
 * requirement in the new graph that raises it, or the loss of the requirements that held it up.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { goCompare, modCompare } from '../gover/gover';
import type { RequirementGraph } from '../mvs/graph';
import { requirerIndex } from '../mvs/first-requirer';
import { compareGoStrings } from '../gostrings/go-string-order';

/** ChangeKind says how a module's selected version moves. */
export type ChangeKind = 'added' | 'removed' | 'upgraded' | 'downgraded';

/** ReportedChange is one change as go get reports it, with the preview's reason. */
export interface ReportedChange {
  readonly path: string;
  readonly old: string;
  readonly new: string;
  readonly kind: ChangeKind;
  readonly reason: string;
}

/** BuildListChange is one module whose selected version the command moves. */
export interface BuildListChange {
  readonly path: string;
  /** The version before ("" when the module was not in the build list). */
  readonly old: string;
  /** The version after ("" when the module leaves the build list). */
  readonly new: string;
  readonly kind: ChangeKind;
  readonly reason: string;
  /** True when go get's own report mentions it. */
  readonly reported: boolean;
  /** A selected module of the new graph that asks for exactly the new version. */
  readonly by?: ModuleVersion;
}

/** RAISED_BY starts the reason of a change that a requirement raised (go-get.ts words it the same). */
const RAISED_BY = 'raised by a requirement of ';

function compareVersions(path: string, a: string, b: string): number {
  if (path === 'go' || path === 'toolchain') return goCompare(a.replace(/^go/, ''), b.replace(/^go/, ''));
  return modCompare(path, a, b);
}

function kindOf(path: string, old: string, now: string): ChangeKind {
  if (old === '') return 'added';
  if (now === '' || now === 'none') return 'removed';
  return compareVersions(path, now, old) > 0 ? 'upgraded' : 'downgraded';
}

function order(a: BuildListChange, b: BuildListChange): number {
  const rank = (p: string): number => (p === 'go' ? 0 : p === 'toolchain' ? 1 : 2);
  return rank(a.path) - rank(b.path) || compareGoStrings(a.path, b.path);
}

/**
 * buildListChanges compares the build lists before and after a go get and explains each move:
 * with go's reason where go reports the module, else from the graph after the command. Main
 * modules (version "") never move and are skipped.
 */
export function buildListChanges(
  before: readonly ModuleVersion[],
  after: readonly ModuleVersion[],
  reported: readonly ReportedChange[],
  graphAfter?: RequirementGraph,
): BuildListChange[] {
  const was = new Map<string, string>();
  const now = new Map<string, string>();
  for (const m of before) if (m.version !== '') was.set(m.path, m.version);
  for (const m of after) if (m.version !== '') now.set(m.path, m.version);
  const byPath = new Map(reported.map((c) => [c.path, c]));
  const requirerOf = graphAfter ? requirerIndex(graphAfter) : () => undefined;
  const out: BuildListChange[] = [];
  for (const path of new Set([...was.keys(), ...now.keys()])) {
    const old = was.get(path) ?? '';
    const v = now.get(path) ?? '';
    if (old === v) continue;
    const kind = kindOf(path, old, v);
    const by = kind === 'added' || kind === 'upgraded' ? requirerOf({ path, version: v }) : undefined;
    const go = byPath.get(path);
    let reason: string;
    if (go) reason = go.reason;
    else if (by) reason = `${RAISED_BY}${by.version === '' ? by.path : `${by.path}@${by.version}`}`;
    else if (kind === 'added' || kind === 'upgraded') reason = 'raised by the edit';
    else if (kind === 'removed') reason = 'no longer required by any selected module';
    else reason = 'lowered: the modules that required the higher version were lowered or removed';
    out.push({ path, old, new: v, kind, reason, reported: go !== undefined, ...(by ? { by } : {}) });
  }
  // go reports go.mod lines (go, toolchain, and requirements that stay unselected) the build list
  // does not show as moves; keep them, as go prints them.
  for (const c of reported) {
    if (out.some((x) => x.path === c.path)) continue;
    out.push({ path: c.path, old: c.old, new: c.new === 'none' ? '' : c.new, kind: c.kind, reason: c.reason, reported: true });
  }
  return out.sort(order);
}
