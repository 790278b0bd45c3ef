import type { ModuleVersion } from '../../../shared/model/module-version';
import { goCompare, GO_STRICT_VERSION } from '../gover/gover';
import type { ModFileView, RetractView } from './mod-file-view';
import { moduleVersion } from '../mvs/graph';

/** Pruning is how far a go.mod's requirements reach: modload's modPruning. */
export type Pruning = 'pruned' | 'unpruned' | 'workspace';

/** ModFileSummary is what graph loading keeps of one go.mod (modload.modFileSummary). */
export interface ModFileSummary {
  readonly module: ModuleVersion;
  readonly goVersion: string;
  readonly toolchain: string;
  readonly pruning: Pruning;
  readonly require: readonly ModuleVersion[];
  readonly retract: readonly RetractView[];
  readonly deprecated: string;
}

/** pruningForGoVersion: go.mod files at go 1.17 or later have pruned module graphs. */
export function pruningForGoVersion(goVersion: string): Pruning {
  return goCompare(goVersion, '1.17') < 0 ? 'unpruned' : 'pruned';
}

/**
 * followsAllRequirements is go's graph-pruning rule, stated once (modload.readModGraph's
 * loadOne/enqueue): a module reached with pruning `reached` whose own go.mod has pruning `own`
 * has every requirement loaded when it is reached unpruned (or in a workspace) or when its own
 * go.mod is unpruned (go < 1.17); otherwise only the requirements in the "unprune" set are.
 * Every graph loader follows it: loader.ts readModGraph, and the accelerated graph
 * (edit-graph/: GrowingEditGraph.load and the root layer's counts).
 */
export function followsAllRequirements(reached: Pruning, own: Pruning): boolean {
  return reached !== 'pruned' || own === 'unpruned';
}

/**
 * requirementPruning is the other half of the rule: the pruning with which a module's followed
 * requirements are reached (unpruned below an unpruned visit, else as its own go.mod says).
 */
export function requirementPruning(reached: Pruning, own: Pruning): Pruning {
  return reached === 'unpruned' ? 'unpruned' : own;
}

/** TooNewError reports a go.mod that needs a newer Go than the one we model. */
export class TooNewError extends Error {
  constructor(readonly what: string, readonly goVersion: string, readonly localVersion: string, explain: string) {
    super(`${what} requires go >= ${goVersion} (running go ${localVersion}${explain})`);
    this.name = 'TooNewError';
  }
}

/**
 * summaryFromModFile condenses a parsed go.mod. A go line at 1.21 or later adds a requirement
 * on the virtual module go@V after the file's own requirements, so that MVS selects the Go
 * version too.
 */
export function summaryFromModFile(m: ModuleVersion, f: ModFileView, localGo: string, explain: string): { summary: ModFileSummary; tooNew?: TooNewError } {
  const goVersion = f.go?.version ?? '';
  // Keys are computed once here: the graph looks every requirement up several times.
  const require = f.require.map((r) => moduleVersion(r.mod.path, r.mod.version));
  let tooNew: TooNewError | undefined;
  if (goVersion !== '' && goCompare(goVersion, GO_STRICT_VERSION) >= 0) {
    require.push(moduleVersion('go', goVersion));
    if (goCompare(goVersion, localGo) > 0) {
      tooNew = new TooNewError(`module ${m.version === '' ? m.path : `${m.path}@${m.version}`}`, goVersion, localGo, explain);
    }
  }
  const summary: ModFileSummary = {
    module: f.module?.mod ?? { path: '', version: '' },
    goVersion,
    toolchain: f.toolchain?.name ?? '',
    pruning: goVersion === '' ? 'unpruned' : pruningForGoVersion(goVersion),
    require,
    retract: f.retract,
    deprecated: f.module?.deprecated ?? '',
  };
  return { summary, tooNew };
}

/** virtualSummary is the summary of go@V or toolchain@V: go@V (V >= 1.21) requires toolchain@goV. */
export function virtualSummary(m: ModuleVersion): ModFileSummary {
  const require: ModuleVersion[] = [];
  if (m.path === 'go' && goCompare(m.version, GO_STRICT_VERSION) >= 0) require.push({ path: 'toolchain', version: `go${m.version}` });
  // Go leaves pruning at its zero value, which is "pruned".
  return { module: m, goVersion: '', toolchain: '', pruning: 'pruned', require, retract: [], deprecated: '' };
}
