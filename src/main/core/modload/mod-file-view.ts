/**
 * Package modload: loads the module graph exactly as the go command's modload does.
 *
 * Domain rules:
 * - Only main modules' go.mod files contribute excludes and replaces; a dependency's go.mod
 *   contributes its module line, go line, requirements and retractions.
 * - A go.mod with go >= 1.17 is "pruned": its own requirements count, but not theirs, unless
 *   the module that lists them is unpruned; go.mod files below 1.17 (or with no go line) are
 *   loaded transitively.
 * - MVS runs on original paths and versions; a replacement only decides whose go.mod supplies
 *   the requirements.
 *
 * Where go's files are: buildlist.go's graph loading, pruning rule and root updates in
 * loader.ts (with summary.ts, requirements.ts, main-modules.ts); query.go in query/; edit.go
 * (editRequirements and its disqualification walk) in edit/; load.go, import.go and search.go
 * (packages, their imports and patterns) in load/; the accelerated graph that edit/ reloads
 * round after round in edit-graph/ (its scheme and glossary head edit-graph.ts).
 */
import type { ModuleVersion } from '../../../shared/model/module-version';

/** RequireView is one require line of a go.mod. */
export interface RequireView {
  readonly mod: ModuleVersion;
  readonly indirect: boolean;
}

/** ReplaceView is one replace line: old (version "" = every version) => new (version "" = directory). */
export interface ReplaceView {
  readonly old: ModuleVersion;
  readonly new: ModuleVersion;
}

/** RetractView is one retract interval with its rationale. */
export interface RetractView {
  readonly low: string;
  readonly high: string;
  readonly rationale: string;
}

/** ModFileView is the part of a parsed go.mod that module loading reads. */
export interface ModFileView {
  readonly module?: { readonly mod: ModuleVersion; readonly deprecated: string } | null;
  readonly go?: { readonly version: string } | null;
  readonly toolchain?: { readonly name: string } | null;
  readonly require: readonly RequireView[];
  readonly exclude: readonly { readonly mod: ModuleVersion }[];
  readonly replace: readonly ReplaceView[];
  readonly retract: readonly RetractView[];
}

/** WorkFileView is the part of a parsed go.work that module loading reads. */
export interface WorkFileView {
  readonly go?: { readonly version: string } | null;
  readonly toolchain?: { readonly name: string } | null;
  readonly use: readonly { readonly path: string }[];
  readonly replace: readonly ReplaceView[];
}
