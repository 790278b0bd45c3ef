/**
 * Package why: the provenance of a selected module version, over the graph `go mod graph`
 * prints. For a module path it answers: which version MVS selected (or why none is), which
 * requirements ask for exactly that version and the shortest chain of requirements from a main
 * module to each of them, every requirement on the module with the version it asks for, each
 * version that appears and lost (and why), and the replacement in effect.
 *
 * Domain rules: MVS selects the highest version any loaded go.mod asks for, so every other
 * version "lost" only by being lower; versions can also be missing from the graph because the
 * main module excludes them, because the go.mod that asks for them is pruned out (its module
 * is not a root of a go >= 1.17 graph), or because that go.mod belongs to a module replaced by
 * another; the author may also have retracted a version.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { isToolchainPath } from '../gover/gover';
import { modSort } from '../gover/module-sort';
import type { Loader, ModuleGraphResult } from '../modload/loader';
import { formatModule } from '../mvs/build-list-error';
import { keyOf } from '../mvs/graph';

/** Edge is one requirement: requirer asks for module at version requires. */
export interface Edge {
  readonly requirer: ModuleVersion;
  readonly requires: string;
}

/** Reason is a winning requirement and the shortest chain of requirements that reaches it. */
export interface Reason extends Edge {
  /** chain runs from a main module to the requirer (both included), each step a printed edge. */
  readonly chain: readonly ModuleVersion[];
  /** allChains holds every simple chain, when they were asked for (bounded). */
  readonly allChains?: readonly (readonly ModuleVersion[])[];
}

/** Unselected is a version of the module that lost, and why. */
export interface Unselected {
  readonly version: string;
  readonly reason: string;
}

/** ReplacementInfo is the replacement in effect for the selected version, and its source file. */
export interface ReplacementInfo {
  readonly old: ModuleVersion;
  readonly new: ModuleVersion;
  /** The go.mod or go.work file that declares it. */
  readonly source: string;
}

/** Explanation answers "why is this module (not) at this version". */
export interface Explanation {
  readonly path: string;
  /** The selected version ("" for a main module), or "none" when the module is absent. */
  readonly version: string;
  /** For an absent module: why. */
  readonly absent?: string;
  readonly reasons: readonly Reason[];
  readonly requirers: readonly Edge[];
  readonly unselected: readonly Unselected[];
  readonly replace: ReplacementInfo | null;
}

/** ExplainOptions controls how much is computed. */
export interface ExplainOptions {
  /** allPaths enumerates every simple chain to each winning requirer, up to maxPaths each. */
  readonly allPaths?: boolean;
  readonly maxPaths?: number;
  /**
   * deep reads the go.mod files behind edges the graph does not show (requirements of pruned
   * modules, of replaced modules, and on excluded versions) to explain versions that never
   * made it into the graph. It may download go.mod files.
   */
  readonly deep?: boolean;
  /** retraction explains retracted versions (needs version lookups); undefined skips it. */
  readonly retraction?: (m: ModuleVersion) => Promise<string | undefined>;
}

/**
 * GraphIndex is the reverse view of a loaded graph (edges into each path) and the shortest
 * chains from the main modules, computed once for any number of questions.
 */
export class GraphIndex {
  /** Edges into each module path, in the order go mod graph prints them. */
  readonly into = new Map<string, Edge[]>();
  /** Nodes of each path that appear in the graph. */
  readonly versionsOf = new Map<string, Set<string>>();
  private readonly parent = new Map<string, ModuleVersion | null>();
  private readonly nodes = new Map<string, ModuleVersion>();

  constructor(
    readonly mg: ModuleGraphResult,
    readonly loader: Loader,
  ) {
    const g = mg.graph;
    const note = (m: ModuleVersion): void => {
      let s = this.versionsOf.get(m.path);
      if (!s) this.versionsOf.set(m.path, (s = new Set()));
      s.add(m.version);
      this.nodes.set(keyOf(m), m);
    };
    g.walkBreadthFirst((m) => {
      note(m);
      for (const r of g.requiredBy(m) ?? []) {
        note(r);
        let list = this.into.get(r.path);
        if (!list) this.into.set(r.path, (list = []));
        list.push({ requirer: m, requires: r.version });
      }
    });
    // Shortest chains: breadth-first from the main modules over the printed edges.
    const mains = loader.mainModules.versions;
    const queue: ModuleVersion[] = [];
    for (const m of mains) {
      if (this.parent.has(keyOf(m))) continue;
      this.parent.set(keyOf(m), null);
      queue.push(m);
    }
    // In a workspace, go and toolchain roots hang off no main module: reach them from the roots.
    for (const m of g.roots) {
      if (!this.parent.has(keyOf(m)) && m.version !== 'none') {
        this.parent.set(keyOf(m), null);
        queue.push(m);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const m = queue[i]!;
      for (const r of g.requiredBy(m) ?? []) {
        const k = keyOf(r);
        if (r.version === 'none' || this.parent.has(k)) continue;
        this.parent.set(k, m);
        queue.push(r);
      }
    }
  }

  /** shortestChain is the chain of requirements from a main module (or graph root) to m. */
  shortestChain(m: ModuleVersion): ModuleVersion[] {
    const chain: ModuleVersion[] = [];
    let cur: ModuleVersion | null | undefined = m;
    while (cur) {
      chain.push(cur);
      cur = this.parent.get(keyOf(cur));
    }
    return chain.reverse();
  }

  /** allChains lists simple chains from the main modules to m, shortest first, at most max. */
  allChains(m: ModuleVersion, max: number): ModuleVersion[][] {
    // Walk backwards from m over edges into each node; a chain ends at a main module.
    const mains = new Set(this.loader.mainModules.versions.map(keyOf));
    const out: ModuleVersion[][] = [];
    const onPath = new Set<string>();
    const into = (n: ModuleVersion): ModuleVersion[] => (this.into.get(n.path) ?? []).filter((e) => e.requires === n.version).map((e) => e.requirer);
    let budget = 200_000; // steps: simple paths can be exponential in number
    const walk = (n: ModuleVersion, suffix: ModuleVersion[]): void => {
      if (out.length >= max || budget-- <= 0) return;
      const k = keyOf(n);
      if (mains.has(k) || (this.parent.get(k) === null && into(n).length === 0)) {
        out.push([n, ...suffix]);
        return;
      }
      onPath.add(k);
      const seenReq = new Set<string>();
      for (const p of into(n)) {
        const pk = keyOf(p);
        if (onPath.has(pk) || seenReq.has(pk)) continue;
        seenReq.add(pk);
        walk(p, [n, ...suffix]);
      }
      onPath.delete(k);
    };
    walk(m, []);
    return out.sort((a, b) => a.length - b.length);
  }

  /** node returns the module version of key k if it is in the graph. */
  has(m: ModuleVersion): boolean {
    return this.nodes.has(keyOf(m));
  }
}

/**
 * explainModule explains one module path over an indexed graph. The answer's edges are exactly
 * those `go mod graph` prints into the module.
 */
export async function explainModule(index: GraphIndex, path: string, opts: ExplainOptions = {}): Promise<Explanation> {
  const { loader, mg } = index;
  const g = mg.graph;
  const mms = loader.mainModules;
  const selected = mms.contains(path) ? '' : g.selectedVersion(path);
  const edges = index.into.get(path) ?? [];
  const requirers: Edge[] = edges.map((e) => ({ requirer: e.requirer, requires: e.requires }));

  const reasons: Reason[] = [];
  if (selected !== 'none') {
    const seen = new Set<string>();
    for (const e of edges) {
      if (e.requires !== selected || seen.has(keyOf(e.requirer))) continue;
      seen.add(keyOf(e.requirer));
      const chain = index.shortestChain(e.requirer);
      reasons.push({
        requirer: e.requirer,
        requires: e.requires,
        chain,
        ...(opts.allPaths ? { allChains: index.allChains(e.requirer, opts.maxPaths ?? 100) } : {}),
      });
    }
    reasons.sort((a, b) => a.chain.length - b.chain.length);
  }

  // Versions of the path and what is known about each.
  const notes = new Map<string, string[]>();
  const addNote = (v: string, text: string): void => {
    const list = notes.get(v) ?? [];
    if (!list.includes(text)) list.push(text);
    notes.set(v, list);
  };
  for (const v of index.versionsOf.get(path) ?? []) {
    if (v === selected) continue;
    if (selected === '') addNote(v, 'the main module is always selected over any version of itself');
    else addNote(v, `lower than the selected ${selected}`);
  }

  const excluded = [...(mms.modules.flatMap((mm) => [...mm.index.exclude]))].filter((k) => k.startsWith(path + '@')).map((k) => k.slice(path.length + 1));
  for (const v of excluded) addNote(v, 'excluded by the main module');

  if (opts.deep) await addHiddenRequirements(index, path, addNote);

  if (opts.retraction) {
    const versions = [...notes.keys()].filter((v) => v !== '' && v !== 'none' && !isToolchainPath(path));
    const texts = await Promise.all(versions.map((v) => opts.retraction!({ path, version: v }).catch(() => undefined)));
    versions.forEach((v, i) => {
      if (texts[i]) addNote(v, texts[i]!);
    });
  }

  const unselected: Unselected[] = modSort([...notes.keys()].map((version) => ({ path, version }))).map((m) => ({
    version: m.version,
    reason: notes.get(m.version)!.join('; '),
  }));

  let replace: ReplacementInfo | null = null;
  if (selected !== 'none' && selected !== '') {
    const m = { path, version: selected };
    const r = mms.replacement(m);
    if (r) {
      const wildcard = mms.replacement({ path, version: '' });
      const exact = !wildcard || wildcard.to.path !== r.to.path || wildcard.to.version !== r.to.version;
      replace = { old: exact ? m : { path, version: '' }, new: r.to, source: r.fromFile };
    }
  }

  let absent: string | undefined;
  if (selected === 'none') {
    absent =
      unselected.length > 0
        ? `no loaded go.mod requires ${path}: ${unselected.map((u) => `${u.version}: ${u.reason}`).join('; ')}`
        : `no module in the graph requires ${path}`;
  }
  return { path, version: selected, ...(absent ? { absent } : {}), reasons, requirers, unselected, replace };
}

/**
 * addHiddenRequirements notes versions of path that go.mod files ask for but the graph does not
 * show: requirements of pruned modules (in the graph, requirements not loaded), of the
 * original go.mod of replaced modules, and requirements on excluded versions.
 */
async function addHiddenRequirements(index: GraphIndex, path: string, addNote: (v: string, text: string) => void): Promise<void> {
  const { loader, mg } = index;
  const g = mg.graph;
  const mms = loader.mainModules;
  const jobs: Promise<void>[] = [];
  for (const [p, versions] of index.versionsOf) {
    if (isToolchainPath(p)) continue;
    for (const v of versions) {
      const m = { path: p, version: v };
      if (v === '' || v === 'none') continue;
      const loadedReqs = g.requiredBy(m);
      jobs.push(
        (async () => {
          if (loadedReqs === undefined) {
            // Pruned out: the go.mod exists but its requirements do not count.
            const s = await loader.goModSummary(m);
            if (!s.ok) return;
            for (const r of s.summary.require) {
              if (r.path !== path) continue;
              if (index.has(r) && g.selectedVersion(path) === r.version) continue;
              addNote(r.version, `required by ${formatModule(m)}, whose requirements are pruned out of the graph`);
            }
            return;
          }
          const actual = mms.resolveReplacement(m);
          const raw = await loader.rawGoModSummary(actual);
          if (raw.ok) {
            for (const r of raw.summary.require) {
              if (r.path === path && mms.isExcluded(r)) addNote(r.version, `required by ${formatModule(m)}, whose requirement on an excluded version is dropped`);
            }
          }
          if (actual.path !== m.path || actual.version !== m.version) {
            // The replaced module's own go.mod no longer counts: only the replacement's does.
            let own;
            try {
              own = await loader.rawGoModSummary(m);
            } catch {
              return;
            }
            if (!own.ok) return;
            for (const r of own.summary.require) {
              if (r.path !== path || index.has(r)) continue;
              addNote(r.version, `required only by the go.mod of ${formatModule(m)}, which is replaced by ${formatModule(actual)}`);
            }
          }
        })().catch(() => undefined),
      );
    }
  }
  await Promise.all(jobs);
}
