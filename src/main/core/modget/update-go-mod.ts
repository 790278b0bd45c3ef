/**
 * Writing requirements back into the main go.mod as modload.UpdateGoModFromReqs does for
 * `go get`: require lines for every root (indirect unless direct), the go line set to the
 * selected go version, the toolchain line kept, dropped or set, then x/mod's SetRequire (go <
 * 1.17), SetRequireSeparateIndirect or (go line >= 1.27) SetRequireAtMostTwo, Cleanup and Format.
 * What depends on the Go version modelled comes from core/toolchain/version-rules.ts.
 */
import { fromToolchain, goCompare, goIsLang, GO_STRICT_VERSION } from '../gover/gover';
import { goLineRule, hasRule } from '../toolchain/version-rules';
import { addGoStmt, addToolchainStmt, cleanupModFile, dropToolchainStmt, setRequire, setRequireAtMostTwo, setRequireSeparateIndirect, type RequireSpec } from '../modfile/edit';
import { formatModFile } from '../modfile/print';
import type { ModFile } from '../modfile/rules';
import type { Requirements } from '../modload/loader';
import { TooNewError } from '../modload/summary';

/** SEPARATE_INDIRECT_VERSION is the go version from which indirect requirements get their own block. */
const SEPARATE_INDIRECT_VERSION = '1.17';

/** GoModWriteOptions are modload.WriteOpts as go get sets them. */
export interface GoModWriteOptions {
  /** go get toolchain@none. */
  readonly dropToolchain?: boolean;
  /** A toolchain@... argument was given. */
  readonly explicitToolchain?: boolean;
  /** The Go version whose rules we follow; newer go lines cannot be written. */
  readonly localGo: string;
  /** What TooNewError adds after the running version, e.g. "; GOTOOLCHAIN=local". */
  readonly toolchainExplain?: string;
}

/**
 * updateGoModFromReqs edits file (a parse of the main go.mod, modified in place) to hold the
 * requirements rs and returns the formatted text.
 */
export function updateGoModFromReqs(file: ModFile, rs: Requirements, opts: GoModWriteOptions): string {
  const list: RequireSpec[] = [];
  let goVersion = '';
  let toolchain = '';
  for (const m of rs.rootModules) {
    if (m.path === 'go') goVersion = m.version;
    else if (m.path === 'toolchain') toolchain = m.version;
    else list.push({ mod: m, indirect: !rs.direct.get(m.path) });
  }
  if (goVersion === '') throw new Error('go: internal error: missing go root module in WriteGoMod');
  if (goCompare(goVersion, opts.localGo) > 0) {
    throw new TooNewError('updating go.mod', goVersion, opts.localGo, opts.toolchainExplain ?? '');
  }
  // go get always writes the go line it computed, even where the file had none.
  const wroteGo = file.go === null || file.go.version !== goVersion;
  if (wroteGo) addGoStmt(file, goVersion);
  if (toolchain === '') toolchain = 'go' + goVersion;
  let toolVers = fromToolchain(toolchain);
  // Go 1.21 to 1.24 recorded the running toolchain when they rewrote the go line (#65847).
  if (
    wroteGo &&
    hasRule(opts.localGo, 'get-adds-toolchain-line') &&
    !opts.dropToolchain &&
    !opts.explicitToolchain &&
    goCompare(goVersion, GO_STRICT_VERSION) >= 0 &&
    goCompare(opts.localGo, toolVers) > 0 &&
    !goIsLang(opts.localGo)
  ) {
    toolchain = 'go' + opts.localGo;
    toolVers = opts.localGo;
  }
  if (opts.dropToolchain || toolchain === 'go' + goVersion || (goCompare(toolVers, GO_STRICT_VERSION) < 0 && !opts.explicitToolchain)) {
    dropToolchainStmt(file);
  } else {
    addToolchainStmt(file, toolchain);
  }
  if (goCompare(goVersion, SEPARATE_INDIRECT_VERSION) < 0) setRequire(file, list);
  else if (!goLineRule(goVersion, 'require-at-most-two-blocks')) setRequireSeparateIndirect(file, list);
  else setRequireAtMostTwo(file, list);
  cleanupModFile(file);
  return formatModFile(file);
}
