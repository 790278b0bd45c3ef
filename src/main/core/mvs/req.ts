import type { ModuleVersion } from '../../../shared/model/module-version';
import { keyOf, RequirementGraph, type VersionCompare } from './graph';

/** RequiredFn returns the requirement list of one module version (synchronously: all loaded). */
export type RequiredFn = (m: ModuleVersion) => readonly ModuleVersion[];

/**
 * fullBuildList computes the classic, unpruned build list from one target (mvs.BuildList):
 * the transitive closure of requirements, each path at its maximum version.
 */
export function fullBuildList(target: ModuleVersion, required: RequiredFn, cmp: VersionCompare): { list: ModuleVersion[]; graph: RequirementGraph } {
  const g = new RequirementGraph(cmp, [target]);
  const queue: ModuleVersion[] = [target];
  const seen = new Set<string>([keyOf(target)]);
  for (let i = 0; i < queue.length; i++) {
    const m = queue[i];
    const reqs = m.version === 'none' ? [] : required(m);
    g.require(m, reqs);
    for (const r of reqs) {
      const k = keyOf(r);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(r);
      }
    }
  }
  return { list: g.buildList(), graph: g };
}

/**
 * minimalRequirements returns a minimal list of requirements for target that still selects the
 * same build list (mvs.Req): the base paths always stay; any other selected version stays only
 * if nothing already kept implies it. The result is sorted by path.
 */
export function minimalRequirements(target: ModuleVersion, base: readonly string[], required: RequiredFn, cmp: VersionCompare): ModuleVersion[] {
  const { list } = fullBuildList(target, required, cmp);
  const max = new Map<string, string>();
  for (const m of list) max.set(m.path, m.version);

  const postorder: ModuleVersion[] = [];
  const reqCache = new Map<string, readonly ModuleVersion[]>([[keyOf(target), []]]);
  const walkPost = (root: ModuleVersion): void => {
    // Iterative DFS: deep graphs must not overflow the JS stack.
    if (reqCache.has(keyOf(root))) return;
    const stack: { m: ModuleVersion; reqs: readonly ModuleVersion[]; i: number }[] = [];
    const push = (m: ModuleVersion): void => {
      const reqs = m.version === 'none' ? [] : required(m);
      reqCache.set(keyOf(m), reqs);
      stack.push({ m, reqs, i: 0 });
    };
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i < top.reqs.length) {
        const next = top.reqs[top.i++];
        if (!reqCache.has(keyOf(next))) push(next);
      } else {
        postorder.push(top.m);
        stack.pop();
      }
    }
  };
  for (const m of list) walkPost(m);

  const have = new Set<string>();
  const mark = (root: ModuleVersion): void => {
    const stack = [root];
    while (stack.length > 0) {
      const m = stack.pop()!;
      const k = keyOf(m);
      if (have.has(k)) continue;
      have.add(k);
      for (const r of reqCache.get(k) ?? []) stack.push(r);
    }
  };
  const min: ModuleVersion[] = [];
  const haveBase = new Set<string>();
  for (const path of base) {
    if (haveBase.has(path)) continue;
    const m = { path, version: max.get(path) ?? '' };
    min.push(m);
    mark(m);
    haveBase.add(path);
  }
  for (let i = postorder.length - 1; i >= 0; i--) {
    const m = postorder[i];
    if (max.get(m.path) !== m.version) continue;
    if (!have.has(keyOf(m))) {
      min.push(m);
      mark(m);
    }
  }
  // Go's sort.Slice is not stable, but paths in min are distinct, so order is well defined.
  return min.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
