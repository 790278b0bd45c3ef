import type { BuildMod } from '../../core/modload/loader';
import { formatFailure } from '../../services/list-modules';
import { openProject, ProjectError, type Project } from '../../services/project';
import type { CliContext } from '../run';
import type { InputLog } from '../../services/input-log';

/** openProjectForCli opens the project at ctx.dir, or prints go's refusal and returns the exit code. */
export async function openProjectForCli(ctx: CliContext, buildMod: BuildMod, pattern?: string, inputs?: InputLog): Promise<Project | number> {
  try {
    return await openProject({ dir: ctx.dir, env: ctx.env, buildMod, signal: ctx.signal, warn: (l) => ctx.stderr(l + '\n'), inputs });
  } catch (e) {
    // go list names the pattern it could not match when there is no main module.
    if (pattern !== undefined && e instanceof ProjectError && e.code === 'no-main-module') {
      ctx.stderr(`go: cannot match "${pattern}": ${e.message}\n`);
      return 1;
    }
    ctx.stderr(formatFailure(e as Error));
    return 1;
  }
}
