import { fromToolchain, goCompare, DEFAULT_GO_MOD_VERSION, GO_STRICT_VERSION } from '../gover/gover';
import { keyOf } from '../mvs/graph';
import type { MainModule } from './main-modules';
import type { Requirements } from './loader';

/**
 * goModNeedsUpdate reports whether writing rs back to the main go.mod would change what the
 * file means (modload.commitRequirements with modFileIsDirty, in -mod=readonly): a fixed
 * version, a different go line, a toolchain line go would drop or change, or a different set
 * of requirements. `// indirect` differences alone do not count in readonly mode.
 */
export function goModNeedsUpdate(mm: MainModule, rs: Requirements): boolean {
  if (mm.index.dataNeedsFix) return true;
  let goVersion = '';
  let toolchain = '';
  const required = new Set<string>();
  for (const m of rs.rootModules) {
    if (m.path === 'go') goVersion = m.version;
    else if (m.path === 'toolchain') toolchain = m.version;
    else required.add(keyOf(m));
  }
  const fileGo = mm.file.go?.version;
  if (fileGo === undefined) {
    if (goVersion !== DEFAULT_GO_MOD_VERSION) return true;
  } else if (fileGo !== goVersion) return true;
  if (toolchain === '') toolchain = 'go' + goVersion;
  const dropToolchain = toolchain === 'go' + goVersion || goCompare(fromToolchain(toolchain), GO_STRICT_VERSION) < 0;
  const newToolchain = dropToolchain ? '' : toolchain;
  if ((mm.file.toolchain?.name ?? '') !== newToolchain) return true;
  if (required.size !== mm.index.require.size) return true;
  for (const k of required) if (!mm.index.require.has(k)) return true;
  return false;
}
