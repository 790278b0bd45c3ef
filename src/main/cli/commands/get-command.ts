import { runGet } from '../../services/get-modules';
import type { UpgradeFlag } from '../../core/modget/go-get';
import type { CliContext } from '../run';

/** runGetCommand is `gomodx get [--dry-run] [-json] [-v] [-u | -u=patch] ARG...`. */
export async function runGetCommand(ctx: CliContext): Promise<number> {
  let dryRun = false;
  let json = false;
  let verbose = false;
  let upgrade: UpgradeFlag = '';
  const args: string[] = [];
  let flagsDone = false;
  for (const a of ctx.args) {
    if (flagsDone || !a.startsWith('-')) {
      // As go's flag package does, the first argument that is not a flag ends the flags.
      args.push(a);
      flagsDone = true;
      continue;
    }
    if (a === '--') {
      flagsDone = true;
      continue;
    }
    const flag = a.replace(/^--?/, '-');
    if (flag === '-dry-run' || flag === '-n') dryRun = true;
    else if (flag === '-json') json = true;
    else if (flag === '-v') verbose = true;
    else if (flag === '-u' || flag === '-u=true' || flag === '-u=upgrade') upgrade = 'upgrade';
    else if (flag === '-u=patch') upgrade = 'patch';
    else if (flag === '-u=false') upgrade = '';
    else if (flag.startsWith('-u=')) {
      ctx.stderr(`go: unknown upgrade flag ${flag}\n`);
      return 1;
    } else if (flag === '-d' || flag === '-d=true') ctx.stderr('go: -d flag is deprecated. -d=true is a no-op\n');
    else {
      ctx.stderr(`gomodx get: flag ${a} is not supported (supported: --dry-run, -json, -v, -u, -u=patch)\n`);
      return 2;
    }
  }
  const out = await runGet(
    { dir: ctx.dir, env: ctx.env, signal: ctx.signal, warn: (l) => ctx.stderr(l + '\n') },
    { args, upgrade, verbose, dryRun: dryRun || json, json },
  );
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  return out.code;
}
