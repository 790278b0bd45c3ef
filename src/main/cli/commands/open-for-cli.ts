import type { BuildMod } from '../../core/modload/loader';
import { formatFailure } from '../../services/list-modules';
import { openProject, type Project } from '../../services/project';
import type { CliContext } from '../run';

/** openProjectForCli opens the project at ctx.dir, or prints go's refusal and returns the exit code. */
export async function openProjectForCli(ctx: CliContext, buildMod: BuildMod): Promise<Project | number> {
  try {
    return await openProject({ dir: ctx.dir, env: ctx.env, buildMod, signal: ctx.signal, warn: (l) => ctx.stderr(l + '\n') });
  } catch (e) {
    ctx.stderr(formatFailure(e as Error));
    return 1;
  }
}
