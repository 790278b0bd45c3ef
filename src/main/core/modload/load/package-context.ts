/**
 * PackageContext: what every part of package loading shares (load.go, import.go, search.go):
 * the loader, the package tree, the build's tags, and the session's record of loaded graphs.
 */
import type { Loader, ModuleGraphResult, Requirements } from '../loader';
import type { BuildTags } from './go-imports';
import type { SessionMemory } from '../session-memory';
import type { IgnorePatterns } from './search';
import type { PackageTree } from './package-tree';

/** PackageContext is what loading needs from a go get session. */
export interface PackageContext {
  readonly loader: Loader;
  readonly tree: PackageTree;
  /** cwd is the absolute working directory (local patterns are relative to it). */
  readonly cwd: string;
  /** tags are the build's own tags (imports.Tags), for the loads that do not use any tags. */
  readonly tags: BuildTags;
  /** tools are the main module's tool packages (tool directives): always in "all". */
  readonly tools: ReadonlySet<string>;
  /** ignore holds the main module's ignore directives. */
  readonly ignore?: IgnorePatterns;
  /** memory is the session's: it records which requirements' graphs go has loaded. */
  readonly memory: SessionMemory;
}

/** graphOf is rs.Graph: the module graph of rs, which go now has loaded. */
export async function graphOf(ctx: PackageContext, rs: Requirements): Promise<ModuleGraphResult> {
  ctx.memory.markGraphLoaded(rs);
  return rs.graph(ctx.loader);
}
