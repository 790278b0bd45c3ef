/**
 * Printing explanations: the JSON form (one object per module, Go's MarshalIndent layout, as
 * `go list -json` prints objects) and the text form, an inverted tree of requirers in the
 * manner of `cargo tree -i`.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { formatModule } from '../mvs/build-list-error';
import { keyOf } from '../mvs/graph';
import { marshalIndent, type GoJsonValue } from '../output/go-json';
import type { Explanation, GraphIndex } from './explain';

function moduleJson(m: ModuleVersion): GoJsonValue {
  return m.version === '' ? { Path: m.path } : { Path: m.path, Version: m.version };
}

/** explanationJson prints one explanation as `gomodx why -m -json` does. */
export function explanationJson(e: Explanation): string {
  const value: GoJsonValue = {
    Path: e.path,
    Version: e.version,
    Reasons: e.reasons.map((r) => ({
      Requirer: formatModule(r.requirer),
      Requires: r.requires,
      Chain: r.chain.map(formatModule),
      ...(r.allChains ? { AllChains: r.allChains.map((c) => c.map(formatModule)) } : {}),
    })),
    Requirers: e.requirers.map((r) => ({ Requirer: formatModule(r.requirer), Requires: r.requires })),
    Unselected: e.unselected.map((u) => ({ Version: u.version, Reason: u.reason })),
    Replace: e.replace ? { Old: moduleJson(e.replace.old), New: moduleJson(e.replace.new), Source: e.replace.source } : null,
  };
  return marshalIndent(value) + '\n';
}

function label(m: ModuleVersion, mains: ReadonlySet<string>): string {
  return mains.has(m.path) && m.version === '' ? `${m.path} (main module)` : `${m.path} ${m.version}`;
}

/**
 * explanationText prints an explanation for people: the selection and its replacement, the
 * inverted tree of requirers (each requirer expanded once; repeats are marked "(*)"), and the
 * versions that lost.
 */
export function explanationText(e: Explanation, index: GraphIndex, opts: { maxDepth?: number } = {}): string {
  const mains = new Set(index.loader.mainModules.versions.map((m) => m.path));
  const out: string[] = [];
  if (e.version === 'none') {
    out.push(`${e.path}: not in the build list`);
    if (e.absent) out.push(`  ${e.absent}`);
  } else {
    let head = label({ path: e.path, version: e.version }, mains);
    if (e.replace) {
      head += ` => ${formatModule(e.replace.new).replace('@', ' ')}`;
      head += ` (replaced${e.replace.old.version === '' ? ' at every version' : ''} in ${e.replace.source})`;
    }
    out.push(head);
    const maxDepth = opts.maxDepth ?? 12;
    const expanded = new Set<string>();
    const walk = (node: ModuleVersion, prefix: string, depth: number): void => {
      const edges = (index.into.get(node.path) ?? []).filter((x) => x.requires === node.version);
      const seen = new Set<string>();
      const kids = edges.filter((x) => {
        const k = keyOf(x.requirer);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      kids.forEach((x, i) => {
        const last = i === kids.length - 1;
        const k = keyOf(x.requirer);
        const repeat = expanded.has(k);
        const isMain = mains.has(x.requirer.path) && x.requirer.version === '';
        out.push(`${prefix}${last ? '└── ' : '├── '}${label(x.requirer, mains)}${repeat && !isMain ? ' (*)' : ''}`);
        if (repeat || isMain) return;
        expanded.add(k);
        if (depth + 1 >= maxDepth) {
          out.push(`${prefix}${last ? '    ' : '│   '}└── ...`);
          return;
        }
        walk(x.requirer, prefix + (last ? '    ' : '│   '), depth + 1);
      });
    };
    walk({ path: e.path, version: e.version }, '', 0);
    if (index.mg.graph.roots.some((r) => r.path === e.path && r.version === e.version) && !mains.has(e.path)) {
      out.push('selected as a root of the workspace (the go.work file)');
    }
    if (e.reasons.length > 0) {
      out.push('selected because:');
      for (const r of e.reasons) {
        out.push(`  ${formatModule(r.requirer)} requires ${e.path} ${r.requires}: ${r.chain.map(formatModule).join(' -> ')}`);
        for (const c of r.allChains ?? []) out.push(`    via ${c.map(formatModule).join(' -> ')}`);
      }
    }
  }
  const lower = e.requirers.filter((r) => r.requires !== e.version);
  if (lower.length > 0) {
    out.push('also required at other versions:');
    for (const r of lower) out.push(`  ${formatModule(r.requirer)} requires ${r.requires}`);
  }
  if (e.unselected.length > 0) {
    out.push('not selected:');
    for (const u of e.unselected) out.push(`  ${u.version}: ${u.reason}`);
  }
  return out.join('\n') + '\n';
}
