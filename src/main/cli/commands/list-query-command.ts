import { listModulesWithFlags, type ListFlags } from '../../services/list-versions';
import { openProjectForCli } from './open-for-cli';
import type { CliContext } from '../run';

/** runListQueryCommand is `gomodx list -m` with -u, -versions, -retracted or module arguments. */
export async function runListQueryCommand(ctx: CliContext, patterns: readonly string[], flags: ListFlags): Promise<number> {
  const project = await openProjectForCli(ctx, 'readonly', patterns.find((p) => p === 'all' || p.includes('...')));
  if (typeof project === 'number') return project;
  const out = await listModulesWithFlags(project, patterns, flags);
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  return out.code;
}
