import { runModInit } from '../../services/mod-init';
import type { CliContext } from '../run';

/** runModInitCommand is `gomodx mod init [--dry-run] [module-path]`. */
export async function runModInitCommand(ctx: CliContext): Promise<number> {
  let dryRun = false;
  const args: string[] = [];
  for (const a of ctx.args) {
    if (a === '--dry-run' || a === '-dry-run' || a === '-n') dryRun = true;
    else if (a.startsWith('-') && args.length === 0) {
      ctx.stderr(`gomodx mod init: flag ${a} is not supported (supported: --dry-run)\n`);
      return 2;
    } else args.push(a);
  }
  if (args.length > 1) {
    // go's own words (modcmd.runInit).
    ctx.stderr("go: 'go mod init' accepts at most one argument\n");
    return 1;
  }
  const out = await runModInit({ dir: ctx.dir, env: ctx.env, modulePath: args[0], signal: ctx.signal, warn: (l) => ctx.stderr(l + '\n') }, dryRun);
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  return out.code;
}
