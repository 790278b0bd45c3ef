/**
 * The change report `go get` prints on stderr (modget's reportChanges): version changes of
 * modules named on the command line and of modules required by go.mod before or after, plus
 * the go and toolchain lines; sorted go first, toolchain second, then by path.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { goCompare, isToolchainPath, modCompare } from '../gover/gover';
import { compareGoStrings } from '../gostrings/go-string-order';

/** ChangeKind says how a module's version changed. */
export type ChangeKind = 'added' | 'removed' | 'upgraded' | 'downgraded';

/** Change is one line of the report. */
export interface Change {
  readonly path: string;
  /** "" when the module was not in the build list before. */
  readonly old: string;
  /** "none" or "" when the module left the build list. */
  readonly new: string;
  readonly kind: ChangeKind;
}

/** ReportInput is what reportChanges compares. */
export interface ReportInput {
  /** resolvedVersion: the version each command-line argument fixed, by module path. */
  readonly resolved: ReadonlyMap<string, string>;
  /** initial: the build list before the command, by path. */
  readonly initial: ReadonlyMap<string, string>;
  /** final: the build list after the command, by path. */
  readonly final: ReadonlyMap<string, string>;
  /** oldReqs / newReqs: go.mod's require, go and toolchain lines before and after. */
  readonly oldReqs: readonly ModuleVersion[];
  readonly newReqs: readonly ModuleVersion[];
}

/** EXPLICIT_INDIRECT_VERSION is where go.mod starts to list every indirect dependency. */
const EXPLICIT_INDIRECT_VERSION = '1.17';

/** reportChanges computes the changes and go's stderr lines for them (each ending in "\n"). */
export function reportChanges(input: ReportInput): { changes: Change[]; lines: string[] } {
  const changes = new Map<string, { path: string; old: string; new: string }>();
  for (const [path, version] of input.resolved) {
    if (isToolchainPath(path)) continue;
    const old = input.initial.get(path) ?? '';
    if (old !== version && (old !== '' || version !== 'none')) changes.set(path, { path, old, new: version });
  }
  for (const req of input.oldReqs) {
    if (isToolchainPath(req.path)) continue;
    const now = input.final.get(req.path) ?? '';
    if (req.version !== now) changes.set(req.path, { path: req.path, old: req.version, new: now });
  }
  for (const req of input.newReqs) {
    if (isToolchainPath(req.path)) continue;
    const old = input.initial.get(req.path) ?? '';
    if (old !== req.version) changes.set(req.path, { path: req.path, old, new: req.version });
  }
  const lineOf = (reqs: readonly ModuleVersion[], path: string): string => {
    let v = '';
    for (const r of reqs) if (r.path === path) v = r.version;
    return v;
  };
  for (const p of ['go', 'toolchain']) {
    const oldV = lineOf(input.oldReqs, p);
    const newV = lineOf(input.newReqs, p);
    if (oldV !== newV) changes.set(p, { path: p, old: oldV, new: newV });
  }
  const rank = (p: string): number => (p === 'go' ? 0 : p === 'toolchain' ? 1 : 2);
  const sorted = [...changes.values()].sort((a, b) => rank(a.path) - rank(b.path) || compareGoStrings(a.path, b.path));

  const out: Change[] = [];
  const lines: string[] = [];
  for (const c of sorted) {
    let kind: ChangeKind;
    if (c.old === '') {
      kind = 'added';
      lines.push(`go: added ${c.path} ${c.new}\n`);
    } else if (c.new === 'none' || c.new === '') {
      kind = 'removed';
      lines.push(`go: removed ${c.path} ${c.old}\n`);
    } else if (modCompare(c.path, c.new, c.old) > 0) {
      kind = 'upgraded';
      lines.push(`go: upgraded ${c.path} ${c.old} => ${c.new}\n`);
      if (c.path === 'go' && goCompare(c.old, EXPLICIT_INDIRECT_VERSION) < 0 && goCompare(c.new, EXPLICIT_INDIRECT_VERSION) >= 0) {
        lines.push(`\tnote: expanded dependencies to upgrade to go ${EXPLICIT_INDIRECT_VERSION} or higher; run 'go mod tidy' to clean up\n`);
      }
    } else {
      kind = 'downgraded';
      lines.push(`go: downgraded ${c.path} ${c.old} => ${c.new}\n`);
    }
    out.push({ ...c, kind });
  }
  return { changes: out, lines };
}
