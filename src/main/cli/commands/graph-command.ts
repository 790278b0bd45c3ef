import { modGraph } from '../../services/mod-graph';
import { openProjectForCli } from './open-for-cli';
import { InputLog, rememberAnswer, reusedAnswer } from '../result-cache';
import type { CliContext } from '../run';

/** runGraphCommand is `gomodx graph` (go mod graph). */
export async function runGraphCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) {
    ctx.stderr("go: 'go mod graph' accepts no arguments\n");
    return 1;
  }
  const reused = reusedAnswer(ctx, 'graph', ctx.args);
  if (reused !== undefined) {
    ctx.stdout(reused);
    return 0;
  }
  const inputs = new InputLog();
  const project = await openProjectForCli(ctx, 'mod', undefined, inputs);
  if (typeof project === 'number') return project;
  const out = await modGraph(project);
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  if (out.code === 0 && out.stderr === '') rememberAnswer(ctx, 'graph', ctx.args, inputs, out.stdout);
  return out.code;
}
