import { listAllModules } from '../../services/list-modules';
import { openProjectForCli } from './open-for-cli';
import { InputLog, rememberAnswer, reusedAnswer } from '../result-cache';
import type { CliContext } from '../run';

/** runListCommand is `gomodx list -m [-json] [-u] [-versions] [-retracted] all|MOD...`. */
export async function runListCommand(ctx: CliContext): Promise<number> {
  let m = false;
  let json = false;
  const query = { u: false, versions: false, retracted: false };
  const patterns: string[] = [];
  let flagsDone = false;
  for (const a of ctx.args) {
    // As go's flag package does: "--" ends the flags, and so does the first argument that is not one.
    if (flagsDone || (!a.startsWith('-') && (flagsDone = true))) patterns.push(a);
    else if (a === '--') flagsDone = true;
    else if (a === '-m') m = true;
    else if (a === '-json' || a === '--json') json = true;
    else if (a === '-u' || a === '--u') query.u = true;
    else if (a === '-versions' || a === '--versions') query.versions = true;
    else if (a === '-retracted' || a === '--retracted') query.retracted = true;
    else if (a.startsWith('-')) {
      ctx.stderr(`gomodx list: flag ${a} is not supported (supported: -m, -json, -u, -versions, -retracted)\n`);
      return 2;
    }
  }
  if (!m) {
    ctx.stderr('gomodx list: only module mode is supported: gomodx list -m [-json] all\n');
    return 2;
  }
  if (query.u || query.versions || query.retracted || patterns.length !== 1 || patterns[0] !== 'all') {
    if (patterns.length === 0) {
      ctx.stderr('gomodx list: name modules to list: gomodx list -m [-u] [-versions] all|MOD...\n');
      return 2;
    }
    const { runListQueryCommand } = await import('./list-query-command');
    return runListQueryCommand(ctx, patterns, { json, ...query });
  }
  const reused = json ? undefined : reusedAnswer(ctx, 'list', ctx.args);
  if (reused !== undefined) {
    ctx.stdout(reused);
    return 0;
  }
  const inputs = new InputLog();
  const project = await openProjectForCli(ctx, 'readonly', 'all', inputs);
  if (typeof project === 'number') return project;
  if (project.vendorMode) {
    ctx.stderr("go: can't compute 'all' using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)\n");
    return 1;
  }
  const out = await listAllModules(project, { json });
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  // -json names files in the module cache, whose presence is not an input we track.
  if (out.code === 0 && out.stderr === '' && !json) rememberAnswer(ctx, 'list', ctx.args, inputs, out.stdout);
  return out.code;
}
