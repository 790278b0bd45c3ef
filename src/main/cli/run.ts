/**
 * The gomodx command line: a thin caller of the same services the window uses. runCli takes
 * its world as arguments (argv, cwd, env, output sinks) so tests run it in-process.
 */
import { resolve } from 'node:path';
import { HELP } from './help';

/** CliIo is everything the CLI may touch. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly signal?: AbortSignal;
}

/** CliContext is what a verb receives: its arguments and the resolved working directory. */
export interface CliContext extends CliIo {
  readonly args: readonly string[];
  readonly dir: string;
}

function wantsHelp(args: readonly string[]): boolean {
  return args.some((a) => a === '-h' || a === '--help' || a === '-help' || a === 'help');
}

/** runCli runs one gomodx command and resolves to its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args = argv.slice();
  let dir = io.cwd;
  // Like go, -C must come first.
  if (args[0] === '-C' || args[0] === '--C') {
    if (args.length < 2) {
      io.stderr('gomodx: -C requires a directory\n');
      return 2;
    }
    dir = resolve(io.cwd, args[1]);
    args = args.slice(2);
  } else if (args[0]?.startsWith('-C=') || args[0]?.startsWith('--C=')) {
    dir = resolve(io.cwd, args[0].slice(args[0].indexOf('=') + 1));
    args = args.slice(1);
  }
  const verb = args[0];
  const rest = args.slice(1);
  if (verb === undefined || verb === 'help' || verb === '-h' || verb === '--help') {
    const topic = verb === 'help' ? rest.join(' ') : '';
    const text = HELP[topic];
    if (text !== undefined && topic !== '') io.stdout(text);
    else {
      // The general help also says which Go version gomodx would model here, and why.
      const { toolchainInfo } = await import('../services/toolchain-info');
      io.stdout(`${HELP.gomodx}\nIn ${dir}: ${toolchainInfo(io.env, dir).summary}.\n`);
    }
    return verb === undefined ? 2 : 0;
  }
  const ctx = (a: readonly string[]): CliContext => ({ ...io, args: a, dir });
  try {
    switch (verb) {
      case 'list':
        if (wantsHelp(rest)) return help(io, 'list');
        return await (await import('./commands/list-command')).runListCommand(ctx(rest));
      case 'why':
        if (wantsHelp(rest)) return help(io, 'why');
        return await (await import('./commands/why-command')).runWhyCommand(ctx(rest));
      case 'get':
        if (wantsHelp(rest)) return help(io, 'get');
        return await (await import('./commands/get-command')).runGetCommand(ctx(rest));
      case 'vuln':
        if (wantsHelp(rest)) return help(io, 'vuln');
        return await (await import('./commands/vuln-command')).runVulnCommand(ctx(rest));
      case 'graph':
        if (wantsHelp(rest)) return help(io, 'graph');
        return await (await import('./commands/graph-command')).runGraphCommand(ctx(rest));
      case 'version': {
        if (wantsHelp(rest)) return help(io, 'version');
        const { versionText } = await import('../services/toolchain-info');
        io.stdout(versionText(io.env, dir));
        return 0;
      }
      case 'serve':
        if (wantsHelp(rest)) return help(io, 'serve');
        return await (await import('./commands/serve-command')).runServeCommand(ctx(rest));
      case 'mod':
      case 'work': {
        const sub = rest[0];
        const subRest = rest.slice(1);
        if (verb === 'mod' && sub === 'graph') {
          if (wantsHelp(subRest)) return help(io, 'graph');
          return await (await import('./commands/graph-command')).runGraphCommand(ctx(subRest));
        }
        if (verb === 'mod' && sub === 'init') {
          if (wantsHelp(subRest)) return help(io, 'mod init');
          return await (await import('./commands/init-command')).runModInitCommand(ctx(subRest));
        }
        if (sub === 'edit') {
          if (wantsHelp(subRest)) return help(io, `${verb} edit`);
          return await (await import('./commands/edit-command')).runEditCommand(ctx(subRest), verb);
        }
        io.stderr(`gomodx ${verb}: unknown command "${sub ?? ''}"\nRun 'gomodx --help' for usage.\n`);
        return 2;
      }
      default:
        io.stderr(`gomodx: unknown command "${verb}"\nRun 'gomodx --help' for usage.\n`);
        return 2;
    }
  } catch (e) {
    io.stderr(`gomodx: ${(e as Error).message}\n`);
    return 1;
  }
}

function help(io: CliIo, topic: string): number {
  io.stdout(HELP[topic]);
  return 0;
}
