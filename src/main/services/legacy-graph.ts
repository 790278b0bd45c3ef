/**
 * The module graph of a go.mod that is not written yet: the project opened with that text as its
 * go.mod (openProject's virtualGoMod), loaded as the window loads any project.
 */
import type { ModuleGraphDto } from '../../shared/model/module-graph';
import { graphDto, loadGraph } from './graph-dto';
import { openProject } from './project';

/** goEnvForGraph is env for reading the graph of a new go.mod: no workspace (go mod init ignores go.work too). */
export function goEnvForGraph(env: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string | undefined>> {
  return { ...env, GOWORK: 'off' };
}

/** loadGraphDtoFrom describes the graph dir would have with goMod as its go.mod. */
export async function loadGraphDtoFrom(dir: string, goMod: string, env: Readonly<Record<string, string | undefined>>, signal?: AbortSignal): Promise<ModuleGraphDto> {
  const started = Date.now();
  const warnings: string[] = [];
  const project = await openProject({ dir, env, buildMod: 'mod', signal, warn: (l) => warnings.push(l), virtualGoMod: () => goMod });
  const load = await loadGraph(project, signal);
  return graphDto(project, load, { warnings, elapsedMs: Date.now() - started });
}
