/**
 * What gomodx says about the Go version it models for a directory: for `gomodx version`, the
 * help text and the app's status bar.
 */
import { NEWEST_GO } from '../core/toolchain/go-releases';
import { modelToolchain, ProjectError } from './project';
import type { ToolchainDto } from '../../shared/model/module-graph';

/** toolchainInfo describes the modelled toolchain in dir (or the go command's refusal to start). */
export function toolchainInfo(env: Readonly<Record<string, string | undefined>>, dir: string): ToolchainDto {
  try {
    const { toolchain } = modelToolchain(env, dir);
    return {
      version: toolchain.version,
      reason: toolchain.reason,
      localGo: toolchain.local.version,
      localGoSource: toolchain.local.source,
      gotoolchain: toolchain.gotoolchain,
      summary: `modelling go ${toolchain.version}: ${toolchain.reason}`,
    };
  } catch (e) {
    if (!(e instanceof ProjectError)) throw e;
    return { version: '', reason: e.message, localGo: '', localGoSource: '', gotoolchain: env.GOTOOLCHAIN ?? '', summary: `the go command would refuse to start: ${e.message}` };
  }
}

/** versionText is what `gomodx version` prints. */
export function versionText(env: Readonly<Record<string, string | undefined>>, dir: string): string {
  const t = toolchainInfo(env, dir);
  const lines = [t.summary];
  if (t.localGo !== '') lines.push(`local go: go ${t.localGo} (${t.localGoSource})`);
  lines.push(`newest Go gomodx knows: go ${NEWEST_GO}`);
  return lines.join('\n') + '\n';
}
