import { modGraph } from '../../services/mod-graph';
import { openProjectForCli } from './open-for-cli';
import type { CliContext } from '../run';

/** runGraphCommand is `gomodx graph` (go mod graph). */
export async function runGraphCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) {
    ctx.stderr("go: 'go mod graph' accepts no arguments\n");
    return 1;
  }
  const project = await openProjectForCli(ctx, 'mod');
  if (typeof project === 'number') return project;
  const out = await modGraph(project);
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  return out.code;
}
