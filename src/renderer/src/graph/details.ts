/**
 * What the details panel shows for one module version, derived from the graph DTO: what it
 * requires, who requires its path and which version each asks for, the other versions of the
 * path and of its family, and its pkg.go.dev page.
 */
import type { ModuleEdgeKind, ModuleGraphDto, ModuleNodeDto } from '../../../shared/model/module-graph';
import { indexGraph } from './visible-graph';

/** Requirement is one line of "requires". */
export interface Requirement {
  readonly id: string;
  readonly path: string;
  readonly version: string;
  readonly kind: ModuleEdgeKind;
  /** The version that was selected for the path, when it is not this one. */
  readonly selectedVersion?: string;
}

/** Requirer is one line of "required by": who asks for this path, and for which version. */
export interface Requirer {
  readonly id: string;
  readonly asks: string;
  readonly kind: ModuleEdgeKind;
  /** True when the requirer itself is a selected version (its requirement counts in the build). */
  readonly requirerSelected: boolean;
}

/** ModuleDetails is the content of the details panel. */
export interface ModuleDetails {
  readonly node: ModuleNodeDto;
  readonly requires: readonly Requirement[];
  readonly requiredBy: readonly Requirer[];
  /** Other versions of the same path in the graph, highest rank first. */
  readonly otherVersions: readonly ModuleNodeDto[];
  /** Other paths of the same family (foo/v2 for foo). */
  readonly familyPaths: readonly string[];
  readonly selectedVersion?: string;
  readonly pkgGoDevUrl?: string;
}

/** pkgGoDevUrl is the documentation page of a published module version. */
export function pkgGoDevUrl(n: ModuleNodeDto): string | undefined {
  if (n.kind !== 'module' || n.version === '') return undefined;
  const path = n.path.split('/').map(encodeURIComponent).join('/');
  return `https://pkg.go.dev/${path}@${encodeURIComponent(n.version)}`;
}

/** moduleDetails gathers the details of node id, or undefined if it is not in the graph. */
export function moduleDetails(dto: ModuleGraphDto, id: string): ModuleDetails | undefined {
  const index = indexGraph(dto);
  const node = index.byId.get(id);
  if (!node) return undefined;
  const selectedId = index.selectedOf.get(node.path);
  const selectedVersion = selectedId ? index.byId.get(selectedId)?.version : undefined;
  const requires: Requirement[] = (index.out.get(id) ?? []).map((e) => {
    const t = index.byId.get(e.to)!;
    const sel = index.selectedOf.get(t.path);
    const sv = sel ? index.byId.get(sel)?.version : undefined;
    return { id: t.id, path: t.path, version: t.version, kind: e.kind, ...(sv !== undefined && sv !== t.version ? { selectedVersion: sv } : {}) };
  });
  const requiredBy: Requirer[] = [];
  for (const other of dto.nodes) {
    if (other.path !== node.path) continue;
    for (const e of index.in.get(other.id) ?? []) {
      requiredBy.push({ id: e.from, asks: other.version, kind: e.kind, requirerSelected: index.byId.get(e.from)?.selected ?? false });
    }
  }
  requiredBy.sort((a, b) => Number(b.asks === node.version) - Number(a.asks === node.version) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const otherVersions = dto.nodes.filter((n) => n.path === node.path && n.id !== id).sort((a, b) => b.versionRank - a.versionRank);
  const familyPaths = [...new Set(dto.nodes.filter((n) => n.family === node.family && n.path !== node.path && n.kind === node.kind).map((n) => n.path))].sort();
  const url = pkgGoDevUrl(node);
  return {
    node,
    requires,
    requiredBy,
    otherVersions,
    familyPaths,
    ...(selectedVersion !== undefined ? { selectedVersion } : {}),
    ...(url ? { pkgGoDevUrl: url } : {}),
  };
}
