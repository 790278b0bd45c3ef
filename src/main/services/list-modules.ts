import { isToolchainPath } from '../core/gover/gover';
import { goModNeedsUpdate } from '../core/modload/dirty';
import { moduleInfo } from '../core/modload/module-info';
import { modulePublicJson, modulePublicText, type ModulePublic } from '../core/output/module-public';
import type { Project } from './project';

/** CommandOutput is what a go-like command printed and how it exited. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** listAllModules is `go list -m [-json] all`: the build list, each module described. */
export async function listAllModules(project: Project, opts: { json: boolean }): Promise<CommandOutput & { modules: ModulePublic[] }> {
  const { loader } = project;
  let expanded;
  try {
    expanded = await loader.expandGraphPartial(project.requirements);
  } catch (e) {
    return { stdout: '', stderr: formatFailure(e as Error), code: 1, modules: [] };
  }
  const { rs, mg, error } = expanded;
  const list = mg.graph.buildList().filter((m) => !isToolchainPath(m.path));
  const modules = await Promise.all(list.map((m) => moduleInfo(loader, rs, m, project.fetcher, opts.json)));
  // As go list does: each module's own error first, then the graph's.
  const errors = modules.filter((m) => m.error).map((m) => `go: ${m.error}\n`);
  if (error) errors.push(formatFailure(error));
  else if (!project.mainModules.inWorkspace && loader.opts.buildMod === 'readonly' && goModNeedsUpdate(project.mainModules.single, rs)) {
    errors.push(`go: ${loader.dirtyError().message}\n`);
  }
  project.persist();
  if (errors.length > 0) return { stdout: '', stderr: errors.join(''), code: 1, modules };
  const stdout = modules.map((m) => (opts.json ? modulePublicJson(m) : modulePublicText(m) + '\n')).join('');
  return { stdout, stderr: '', code: 0, modules };
}

/** formatFailure prints an error as the go command does: "go: " + message, unless it is fatal-raw. */
export function formatFailure(e: Error): string {
  const raw = (e as { fatal?: boolean; raw?: boolean }).fatal || (e as { raw?: boolean }).raw;
  if (e.name === 'AbortError') return 'gomodx: canceled\n';
  return (raw ? e.message : `go: ${e.message}`).replace(/\n?$/, '\n');
}
