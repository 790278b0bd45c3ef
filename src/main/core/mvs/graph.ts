/**
 * Package mvs: Minimal Version Selection over a requirement graph.
 *
 * Domain rules (the go command's cmd/go/internal/mvs):
 * - Every module version that is reachable from a root raises the selected version of its
 *   path, whether or not that version is itself selected in the end: requirements of versions
 *   that lose still count (mvs_test cross8).
 * - A version is only ever compared with versions of the same path; the comparison is injected
 *   so that main modules (version "") beat every published version and "none" loses to all.
 * - The build list is the selected version of each root path in root order, then every other
 *   selected path sorted by path and version.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { modSort } from '../gover/module-sort';

/** VersionCompare orders two versions of one module path. */
export type VersionCompare = (path: string, a: string, b: string) => number;

const KEY = Symbol('module-version-key');

/** moduleVersion makes a ModuleVersion whose map key is computed once, up front. */
export function moduleVersion(path: string, version: string): ModuleVersion {
  return { path, version, [KEY]: `${path}@${version}` } as ModuleVersion;
}

/**
 * keyOf is the map key of a module version; "@" cannot appear in a module path. Large graphs
 * look the same requirement up many times, so the key is remembered on the object itself.
 */
export function keyOf(m: ModuleVersion): string {
  const memo = (m as { [KEY]?: string })[KEY];
  if (memo !== undefined) return memo;
  const k = `${m.path}@${m.version}`;
  if (Object.isExtensible(m)) Object.defineProperty(m, KEY, { value: k, enumerable: false });
  return k;
}

/**
 * RequirementGraph is the graph MVS reads: for each loaded module version, the list of versions
 * it requires, in go.mod order, and the running maximum of every path seen so far.
 */
export class RequirementGraph {
  readonly roots: readonly ModuleVersion[];
  private readonly requiredMap = new Map<string, readonly ModuleVersion[]>();
  /** An assembled graph's loaded lists, put in requiredMap when first needed (see required). */
  private pendingLoaded?: readonly (readonly [ModuleVersion, readonly ModuleVersion[]])[];
  private readonly loaded: ModuleVersion[] = [];
  /** Every version reachable from a root; true for the roots themselves. */
  private readonly reachableMap = new Map<string, boolean>();
  /** What an assembled graph's reachable set still lacks, listed when first asked. */
  private unlisted?: () => Iterable<string>;
  private selected = new Map<string, string>();
  /** The build list, once asked for (a requirement recorded after that forgets it). */
  private built?: ModuleVersion[];

  constructor(private readonly cmp: VersionCompare, roots: readonly ModuleVersion[]) {
    this.roots = roots.slice();
    for (const m of roots) {
      this.reachableMap.set(keyOf(m), true);
      if (this.cmp(m.path, this.selectedVersion(m.path), m.version) < 0) this.selected.set(m.path, m.version);
    }
  }

  /**
   * assembled is a graph whose loading was done elsewhere (editRequirements' own graph of the
   * same roots): the requirement lists of the loaded modules in load order, the keys of the
   * modules they require (listed when first needed), the selected version of every path, and
   * the build list if already known.
   */
  static assembled(
    cmp: VersionCompare,
    roots: readonly ModuleVersion[],
    loaded: readonly (readonly [ModuleVersion, readonly ModuleVersion[]])[],
    required: () => Iterable<string>,
    selected: Map<string, string>,
    buildList?: ModuleVersion[],
  ): RequirementGraph {
    const g = new RequirementGraph(cmp, roots);
    g.built = buildList;
    // A preview rarely asks for a module's requirements by key: the map is filled when it does.
    g.pendingLoaded = loaded;
    for (const [m] of loaded) g.loaded.push(m);
    // Few callers ask whether a module is reachable (the explorer's view does, a preview does
    // not): the modules required are spelled out then.
    g.unlisted = required;
    // The map is the caller's to give away: the roots' own selections are in it already.
    for (const [k, v] of g.selected) if (!selected.has(k)) selected.set(k, v);
    g.selected = selected;
    return g;
  }

  /** required maps keyOf(module) to its requirement list, filled first if the graph was assembled. */
  private get required(): Map<string, readonly ModuleVersion[]> {
    if (this.pendingLoaded) {
      const list = this.pendingLoaded;
      this.pendingLoaded = undefined;
      for (const [m, reqs] of list) this.requiredMap.set(keyOf(m), reqs);
    }
    return this.requiredMap;
  }

  /** reachable is the map of reachable versions, completed first if the graph was assembled. */
  private get reachable(): Map<string, boolean> {
    if (this.unlisted) {
      const list = this.unlisted;
      this.unlisted = undefined;
      for (const k of list()) if (!this.reachableMap.has(k)) this.reachableMap.set(k, false);
    }
    return this.reachableMap;
  }

  /** require records the requirements of m; it may be called once per reachable m. */
  require(m: ModuleVersion, reqs: readonly ModuleVersion[]): void {
    const k = keyOf(m);
    const reachable = this.reachable;
    if (!reachable.has(k)) throw new Error(`internal error: ${k} is not reachable from any root`);
    if (this.required.has(k)) throw new Error(`internal error: requirements of ${k} have already been set`);
    this.required.set(k, reqs);
    this.loaded.push(m);
    this.built = undefined;
    for (const dep of reqs) {
      const dk = keyOf(dep);
      if (!reachable.has(dk)) reachable.set(dk, false);
      if (this.cmp(dep.path, this.selectedVersion(dep.path), dep.version) < 0) this.selected.set(dep.path, dep.version);
    }
  }

  /** requiredBy returns the requirements of m, or undefined if they were never loaded. */
  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    return this.required.get(keyOf(m));
  }

  /** loadedModules lists the module versions whose requirements were loaded, in load order. */
  loadedModules(): readonly ModuleVersion[] {
    return this.loaded;
  }

  /** isReachable reports whether m was seen in the graph (as a root or as a requirement). */
  isReachable(m: ModuleVersion): boolean {
    return this.reachable.has(keyOf(m));
  }

  /** selectedVersion returns the selected version of path, or "none" if the path is absent. */
  selectedVersion(path: string): string {
    return this.selected.get(path) ?? 'none';
  }

  /** selectedEntries lists every path that has a selected version, with that version. */
  selectedEntries(): IterableIterator<[string, string]> {
    return this.selected.entries();
  }

  /** buildList returns root paths first (in root order), then the rest sorted by path. */
  buildList(): ModuleVersion[] {
    this.built ??= this.computeBuildList();
    return this.built.slice();
  }

  private computeBuildList(): ModuleVersion[] {
    const seenRoot = new Set<string>();
    const head: ModuleVersion[] = [];
    for (const r of this.roots) {
      if (seenRoot.has(r.path)) continue;
      const v = this.selectedVersion(r.path);
      if (v !== 'none') head.push({ path: r.path, version: v });
      seenRoot.add(r.path);
    }
    const rest: ModuleVersion[] = [];
    for (const [path, version] of this.selected) {
      if (!seenRoot.has(path)) rest.push({ path, version });
    }
    return head.concat(modSort(rest));
  }

  /** walkBreadthFirst visits every reachable loaded or leaf node once, roots first. */
  walkBreadthFirst(visit: (m: ModuleVersion) => void): void {
    const queue: ModuleVersion[] = [];
    const enqueued = new Set<string>();
    // Like the go command, duplicate roots are not merged here: each is walked.
    for (const m of this.roots) {
      if (m.version === 'none') continue;
      queue.push(m);
      enqueued.add(keyOf(m));
    }
    for (let i = 0; i < queue.length; i++) {
      const m = queue[i];
      visit(m);
      for (const r of this.requiredBy(m) ?? []) {
        const k = keyOf(r);
        if (r.version !== 'none' && !enqueued.has(k)) {
          queue.push(r);
          enqueued.add(k);
        }
      }
    }
  }

  /**
   * findPath returns the shortest requirement path from a root to the first node (in
   * breadth-first order) for which found returns true, or undefined.
   */
  findPath(found: (m: ModuleVersion) => boolean): ModuleVersion[] | undefined {
    const parent = new Map<string, ModuleVersion | null>();
    const queue: ModuleVersion[] = [];
    for (const m of this.roots) {
      queue.push(m);
      parent.set(keyOf(m), null);
    }
    for (let i = 0; i < queue.length; i++) {
      let m = queue[i];
      if (found(m)) {
        const path = [m];
        for (;;) {
          const p = parent.get(keyOf(m));
          if (!p) break;
          path.push(p);
          m = p;
        }
        return path.reverse();
      }
      for (const r of this.requiredBy(m) ?? []) {
        const k = keyOf(r);
        if (!parent.has(k)) {
          queue.push(r);
          parent.set(k, m);
        }
      }
    }
    return undefined;
  }
}
