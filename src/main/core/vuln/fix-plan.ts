/**
 * The smallest `go get` that lifts vulnerable modules to fixed versions. Least movement means:
 * raise the vulnerable module itself to its lowest version that none of the chosen entries
 * affects (`go get m@vFixed`); only when no such version of the module can be required, raise a
 * direct requirement that pulls it in, to its lowest version whose requirements reach a fixed
 * version; and say so plainly when no published version fixes it. Every candidate is checked by
 * asking what the build list would be after `go get` (the caller's exact go get preview), so a
 * replacement or a conflict between arguments is found here and not after writing.
 */
import { compare, prerelease } from '../semver/semver';
import type { ScannedModule, VulnFinding } from './match-build-list';
import { affects, withV } from './osv-range';

/** FixPorts is what the planner asks of the world (the go get preview, the proxy's version lists). */
export interface FixPorts {
  /** versions lists path's published versions (go list -m -versions), any order. */
  versions(path: string): Promise<readonly string[]>;
  /** buildListAfter is the build list `go get ARGS` would leave, or go's refusal. */
  buildListAfter(args: readonly string[]): Promise<{ ok: true; buildList: readonly ScannedModule[] } | { ok: false; error: string }>;
  /** directRequirers lists the main module's direct requirements through which path is required. */
  directRequirers(path: string): Promise<readonly { path: string; version: string }[]>;
  /** findingsIn matches a build list against the database (the planner then fixes what a raise brings in). */
  findingsIn?(buildList: readonly ScannedModule[]): Promise<readonly VulnFinding[]>;
  readonly signal?: AbortSignal;
}

/** FixStep is what the plan does (or cannot do) for one vulnerable module. */
export type FixStep =
  | {
      readonly kind: 'raise';
      /** module is raised from its version to to: `go get module@to`. */
      readonly module: string;
      readonly from: string;
      readonly to: string;
      readonly ids: readonly string[];
    }
  | {
      readonly kind: 'raise-direct';
      /** module cannot be required at a fixed version itself; direct moves instead, bringing module to reaches. */
      readonly module: string;
      readonly from: string;
      readonly direct: string;
      readonly directFrom: string;
      readonly directTo: string;
      readonly reaches: string;
      readonly ids: readonly string[];
    }
  | {
      readonly kind: 'unfixable';
      readonly module: string;
      readonly from: string;
      readonly ids: readonly string[];
      /** why says in words why no go get fixes it. */
      readonly why: string;
    };

/** FixPlan is the go get arguments and, for each module, the step that chose them. */
export interface FixPlan {
  readonly args: readonly string[];
  readonly steps: readonly FixStep[];
}

/**
 * MAX_CONFLICT_ROUNDS bounds how often go get is asked again after raising the arguments its
 * conflicts name (go names some conflicts at a time; a big release can need several rounds).
 */
const MAX_CONFLICT_ROUNDS = 10;

/** MAX_ROUNDS bounds the rescans of what the plan builds. */
const MAX_ROUNDS = 3;

/** MAX_DIRECT_TRIES bounds how many versions of one direct requirement are tried (each is a preview). */
const MAX_DIRECT_TRIES = 40;

function byVersion(a: string, b: string): number {
  return compare(a, b);
}

function effective(list: readonly ScannedModule[], required: string): { path: string; version: string } | undefined {
  const m = list.find((x) => x.path === required);
  if (!m) return undefined;
  return m.replace ? { path: m.replace.path, version: m.replace.version } : { path: m.path, version: m.version };
}

/** fixedIn says whether the module is, in list, at a version none of findings' entries affects. */
function fixedIn(list: readonly ScannedModule[], required: string, findings: readonly VulnFinding[]): { ok: boolean; at?: string } {
  const e = effective(list, required);
  // Gone from the build list: nothing of it is built any more.
  if (!e) return { ok: true };
  if (e.version === '') return { ok: false, at: e.path };
  const hit = findings.some((f) => f.entry.affected.some((a) => a.package.name === e.path && affects(a.ranges, e.version)));
  return { ok: !hit, at: e.version };
}

function argPath(arg: string): string {
  return arg.slice(0, arg.lastIndexOf('@'));
}

/**
 * planFixes computes the fix plan for the chosen findings (module findings only: stdlib and
 * toolchain findings are fixed by a newer Go, not by go get). Modules are taken in build-list
 * order; each step is kept only if the go get with every argument so far still succeeds and
 * leaves the module fixed.
 */
export async function planFixes(chosen: readonly VulnFinding[], ports: FixPorts): Promise<FixPlan> {
  const byModule = new Map<string, VulnFinding[]>();
  for (const f of chosen) {
    if (f.target.kind !== 'module') continue;
    const k = f.target.required;
    byModule.set(k, [...(byModule.get(k) ?? []), f]);
  }
  const args: string[] = [];
  const steps: FixStep[] = [];
  const setArg = (arg: string): void => {
    const p = argPath(arg);
    const i = args.findIndex((a) => argPath(a) === p);
    if (i >= 0) args[i] = arg;
    else args.push(arg);
  };
  /** adopt keeps arguments, and says so in the step that asked for a module an argument now raises. */
  const adopt = (extra: readonly string[]): void => {
    for (const a of extra) {
      setArg(a);
      const i = steps.findIndex((s) => s.kind === 'raise' && s.module === argPath(a));
      if (i >= 0) steps[i] = { ...(steps[i] as Extract<FixStep, { kind: 'raise' }>), to: a.slice(a.lastIndexOf('@') + 1) };
    }
  };
  // Each go get preview of a whole build list costs; the same arguments are asked again when the
  // next module checks what the plan so far builds.
  const answers = new Map<string, ReturnType<FixPorts['buildListAfter']>>();
  const tryArgs = async (extra: readonly string[]): Promise<{ ok: true; buildList: readonly ScannedModule[] } | { ok: false; error: string }> => {
    const merged = [...args];
    for (const a of extra) {
      const i = merged.findIndex((x) => argPath(x) === argPath(a));
      if (i >= 0) merged[i] = a;
      else merged.push(a);
    }
    const key = merged.join(' ');
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = ports.buildListAfter(merged)));
    return answer;
  };

  /**
   * tryResolvingConflicts runs go get with extra; where go refuses because a new version requires
   * more of a module an earlier argument asks for ("X requires P@v2, not P@v1"), the earlier
   * argument is raised to what is required (higher, so still past its own fix) and go get is
   * asked again, MAX_CONFLICT_ROUNDS times at most.
   */
  const tryResolvingConflicts = async (first: readonly string[]): Promise<{ result: Awaited<ReturnType<typeof tryArgs>>; extra: string[]; raised: Set<string> }> => {
    let extra = [...first];
    let result = await tryArgs(extra);
    const raisedPaths = new Set<string>();
    for (let round = 0; round < MAX_CONFLICT_ROUNDS && !result.ok; round++) {
      const raised = conflictRaises(result.error, [...args, ...extra]);
      if (raised.length === 0) break;
      for (const r of raised) raisedPaths.add(argPath(r));
      extra = [...extra.filter((a) => !raised.some((r) => argPath(r) === argPath(a))), ...raised];
      result = await tryArgs(extra);
    }
    return { result, extra, raised: raisedPaths };
  };

  const fixModule = async (required: string, findings: readonly VulnFinding[]): Promise<void> => {
    ports.signal?.throwIfAborted();
    const from = findings[0]!.target.version;
    const ids = [...new Set(findings.map((f) => f.id))].sort();
    // An earlier step may have lifted this module already (a raised requirer requires more).
    if (args.length > 0) {
      const now = await tryArgs([]);
      if (now.ok && fixedIn(now.buildList, required, findings).ok) return;
    }
    const replaced = findings[0]!.target.path !== required;
    // 1. The module itself, at its lowest published version that the chosen entries spare.
    const { published, fixes, candidates } = await candidatesFor(required, findings);
    let lastError = published.length === 0 ? (listErrors.get(required) ?? '') : '';
    let done = false;
    for (const v of candidates.slice(0, 8)) {
      const tried = await tryResolvingConflicts([`${required}@${v}`]);
      const r = tried.result;
      if (!r.ok) {
        lastError = r.error;
        continue;
      }
      const check = fixedIn(r.buildList, required, findings);
      if (!check.ok) {
        lastError = `${required}@${v} is still built as ${check.at}${replaced ? ' (a replace directive decides which code is built)' : ''}`;
        continue;
      }
      adopt(tried.extra);
      steps.push({ kind: 'raise', module: required, from, to: v, ids });
      done = true;
      break;
    }
    if (done) return;
    // 2. A direct requirement through which it is required, at its lowest version that reaches a fix.
    const directs = await ports.directRequirers(required).catch(() => []);
    for (const d of directs) {
      if (done) break;
      const dv = await ports.versions(d.path).catch(() => [] as string[]);
      // Never below what an earlier step asks of it: that step's fix would be undone.
      const asked = args.find((a) => argPath(a) === d.path);
      const floor = asked ? asked.slice(asked.lastIndexOf('@') + 1) : d.version;
      const higher = dv.filter((v) => compare(v, floor) > 0).sort(byVersion).slice(0, MAX_DIRECT_TRIES);
      for (const v of higher) {
        const tried = await tryResolvingConflicts([`${d.path}@${v}`]);
        const r = tried.result;
        if (!r.ok) continue;
        const check = fixedIn(r.buildList, required, findings);
        if (!check.ok) continue;
        adopt(tried.extra);
        steps.push({ kind: 'raise-direct', module: required, from, direct: d.path, directFrom: d.version, directTo: v, reaches: check.at ?? 'none', ids });
        done = true;
        break;
      }
    }
    if (done) return;
    const why =
      fixes.size === 0
        ? 'the database knows no fixed version'
        : !candidates.some((v) => published.includes(v))
          ? `no published version of ${required} at or above ${[...fixes].sort(byVersion)[0]} is free of ${ids.join(', ')}`
          : `no go get reaches a fixed version${lastError ? `: ${lastError.trim().split('\n')[0]}` : ''}`;
    steps.push({ kind: 'unfixable', module: required, from, ids, why });
    };

  const listErrors = new Map<string, string>();
  const candidateMemo = new Map<string, Promise<{ published: readonly string[]; fixes: ReadonlySet<string>; candidates: readonly string[] }>>();
  /** candidatesFor lists a module's versions that the chosen entries spare, lowest first (published ones, and the fixes). */
  const candidatesFor = (required: string, findings: readonly VulnFinding[]): Promise<{ published: readonly string[]; fixes: ReadonlySet<string>; candidates: readonly string[] }> => {
    const key = `${required} ${findings.map((f) => f.id).join(',')}`;
    let c = candidateMemo.get(key);
    if (!c) {
      c = (async () => {
        const from = findings[0]!.target.version;
        let published: readonly string[] = [];
        try {
          published = await ports.versions(required);
        } catch (e) {
          listErrors.set(required, (e as Error).message);
        }
        const fixes = new Set(findings.map((f) => f.fixedVersion).filter((v) => v !== ''));
        const candidates = [...new Set([...published, ...fixes])]
          .filter((v) => compare(v, withV(from)) > 0 && (prerelease(v) === '' || fixes.has(v)) && !findings.some((f) => f.affected.some((a) => affects(a.ranges, v))))
          .sort(byVersion);
        return { published, fixes, candidates };
      })();
      candidateMemo.set(key, c);
    }
    return c;
  };

  /**
   * fixAll fixes a group of modules: first all of them at once, each at its lowest candidate, in
   * one go get (on a large project one preview instead of one per module); the modules that
   * leaves vulnerable, or all of them if go refuses, then one at a time.
   */
  const fixAll = async (group: ReadonlyMap<string, readonly VulnFinding[]>): Promise<void> => {
    const rest = new Map(group);
    let firsts: string[] = [];
    for (const [required, findings] of group) {
      const { candidates } = await candidatesFor(required, findings);
      if (candidates.length > 0) firsts.push(`${required}@${candidates[0]}`);
    }
    if (firsts.length > 1) {
      const before = { args: [...args], steps: steps.length };
      let tried = await tryResolvingConflicts(firsts);
      // An argument go refuses by name ("go: m@v: ..."; an unpublished fix, say) leaves the batch
      // and is tried alone afterwards.
      for (let round = 0; round < 4 && !tried.result.ok && firsts.length > 1; round++) {
        const error = tried.result.error;
        const refused = firsts.filter((a) => error.includes(`${a}:`));
        if (refused.length === 0 || refused.length === firsts.length) break;
        firsts = firsts.filter((a) => !refused.includes(a));
        tried = await tryResolvingConflicts(firsts);
      }
      if (tried.result.ok) {
        const list = tried.result.buildList;
        const fixedNow = new Set([...group].filter(([required, findings]) => tried.extra.some((a) => argPath(a) === required) && fixedIn(list, required, findings).ok).map(([r]) => r));
        adopt(tried.extra.filter((a) => !group.has(argPath(a)) || fixedNow.has(argPath(a))));
        // Without the arguments of the modules left vulnerable, the others must still be fixed.
        const check = fixedNow.size === tried.extra.filter((a) => group.has(argPath(a))).length ? tried.result : await tryArgs([]);
        if (check.ok && [...fixedNow].every((r) => fixedIn(check.buildList, r, group.get(r)!).ok)) {
          // Least movement: an argument raised because another one requires more of its module
          // asks for nothing that other one does not bring; it goes, if the rest still fixes everything.
          const implied = args.filter((a) => fixedNow.has(argPath(a)) && tried.raised.has(argPath(a)));
          let list = check.buildList;
          if (implied.length > 0) {
            const kept = args.filter((a) => !implied.includes(a));
            const asked = ports.buildListAfter(kept);
            answers.set(kept.join(' '), asked);
            const without = await asked;
            if (without.ok && [...fixedNow].every((r) => fixedIn(without.buildList, r, group.get(r)!).ok)) {
              args.splice(0, args.length, ...kept);
              list = without.buildList;
            }
          }
          for (const [required, findings] of group) {
            if (!fixedNow.has(required)) continue;
            const arg = args.find((a) => argPath(a) === required);
            const to = arg ? arg.slice(arg.lastIndexOf('@') + 1) : (list.find((m) => m.path === required)?.version ?? '');
            steps.push({ kind: 'raise', module: required, from: findings[0]!.target.version, to, ids: [...new Set(findings.map((f) => f.id))].sort() });
            rest.delete(required);
          }
        } else {
          args.splice(0, args.length, ...before.args);
          steps.splice(before.steps);
        }
      }
    }
    for (const [required, findings] of rest) await fixModule(required, findings);
  };

  await fixAll(byModule);
  // Raising modules can select versions of others that are vulnerable in turn: scan what the plan
  // builds and fix those too, a few rounds at most (only modules not already judged).
  for (let round = 0; round < MAX_ROUNDS && ports.findingsIn && args.length > 0; round++) {
    const after = await tryArgs([]);
    if (!after.ok) break;
    const judged = new Set(steps.map((s) => s.module));
    const more = new Map<string, VulnFinding[]>();
    for (const f of await ports.findingsIn(after.buildList)) {
      if (f.target.kind !== 'module' || f.fixedVersion === '' || judged.has(f.target.required)) continue;
      more.set(f.target.required, [...(more.get(f.target.required) ?? []), f]);
    }
    if (more.size === 0) break;
    await fixAll(more);
  }
  return { args, steps };
}

/**
 * conflictRaises reads go get's refusals "X requires P@V, not P@W" (modget's conflict report)
 * and returns P@V for each P that args ask for at a lower W.
 */
export function conflictRaises(stderr: string, args: readonly string[]): string[] {
  const out = new Map<string, string>();
  for (const m of stderr.matchAll(/requires (\S+)@(\S+), not \1@(\S+)/g)) {
    const [, p, want, asked] = m as unknown as [string, string, string, string];
    if (!args.includes(`${p}@${asked}`) || compare(want, asked) <= 0) continue;
    const prev = out.get(p);
    if (!prev || compare(want, prev) > 0) out.set(p, want);
  }
  return [...out].map(([p, v]) => `${p}@${v}`);
}

/** describeStep says a step in one line, for the CLI and the app. */
export function describeStep(s: FixStep): string {
  switch (s.kind) {
    case 'raise':
      return `${s.module} ${s.from} => ${s.to} fixes ${s.ids.join(', ')}`;
    case 'raise-direct':
      return `${s.module} ${s.from} cannot be required at a fixed version itself: raise ${s.direct} ${s.directFrom} => ${s.directTo}, which brings ${s.module} to ${s.reaches} (fixes ${s.ids.join(', ')})`;
    case 'unfixable':
      return `${s.module} ${s.from}: not fixable by go get (${s.ids.join(', ')}): ${s.why}`;
  }
}
