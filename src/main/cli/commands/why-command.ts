import { whyModules } from '../../services/why-modules';
import { openProjectForCli } from './open-for-cli';
import type { CliContext } from '../run';

/** runWhyCommand is `gomodx why -m [-json] [-all] [-deep] [-retracted] MOD...`. */
export async function runWhyCommand(ctx: CliContext): Promise<number> {
  let m = false;
  let json = false;
  let allPaths = false;
  let deep = false;
  let retracted = false;
  let maxPaths = 100;
  const paths: string[] = [];
  for (const a of ctx.args) {
    const flag = a.replace(/^--?/, '-');
    if (flag === '-m') m = true;
    else if (flag === '-json') json = true;
    else if (flag === '-all') allPaths = true;
    else if (flag.startsWith('-max-paths=')) {
      maxPaths = Number(flag.slice('-max-paths='.length));
      if (!Number.isInteger(maxPaths) || maxPaths < 1) {
        ctx.stderr(`gomodx why: invalid -max-paths value ${JSON.stringify(a)}\n`);
        return 2;
      }
      allPaths = true;
    } else if (flag === '-deep') deep = true;
    else if (flag === '-retracted') retracted = true;
    else if (a.startsWith('-')) {
      ctx.stderr(`gomodx why: flag ${a} is not supported (supported: -m, -json, -all, -max-paths=N, -deep, -retracted)\n`);
      return 2;
    } else paths.push(a);
  }
  if (!m) {
    ctx.stderr('gomodx why: only module mode is supported: gomodx why -m [-json] MOD...\n');
    return 2;
  }
  if (paths.length === 0) {
    ctx.stderr('usage: gomodx why -m [-json] [-all] [-deep] [-retracted] MOD...\n');
    return 2;
  }
  const project = await openProjectForCli(ctx, 'mod');
  if (typeof project === 'number') return project;
  const out = await whyModules(project, paths, { json, allPaths, maxPaths, deep, retracted });
  ctx.stderr(out.stderr);
  ctx.stdout(out.stdout);
  return out.code;
}
