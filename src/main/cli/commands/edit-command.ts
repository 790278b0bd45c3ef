import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { modEditJson, modEditPrint, workEditJson, workEditPrint } from '../../core/modfile/edit-json';
import { ModFileError } from '../../core/modfile/errors';
import { parseModFile, parseWorkFile } from '../../core/modfile/rules';
import type { CliContext } from '../run';
import { modelToolchain, ProjectError } from '../../services/project';

function findUp(dir: string, name: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, name))) return join(d, name);
    if (dirname(d) === d) return undefined;
  }
}

/** runEditCommand is `gomodx mod edit -json|-print` and `gomodx work edit -json|-print`; it never writes. */
export async function runEditCommand(ctx: CliContext, kind: 'mod' | 'work'): Promise<number> {
  let mode: 'json' | 'print' | undefined;
  let file: string | undefined;
  for (const a of ctx.args) {
    if (a === '-json' || a === '--json') mode = 'json';
    else if (a === '-print' || a === '--print') mode = 'print';
    else if (a.startsWith('-')) {
      ctx.stderr(`gomodx ${kind} edit: flag ${a} is not supported: gomodx only prints (-json, -print)\n`);
      return 2;
    } else if (file === undefined) file = resolve(ctx.dir, a);
    else {
      ctx.stderr(`usage: go ${kind} edit [editing flags] [${kind === 'mod' ? 'go.mod' : 'go.work'}]\n`);
      return 2;
    }
  }
  if (!mode) {
    ctx.stderr(`gomodx ${kind} edit: give -json or -print (gomodx never edits the file)\n`);
    return 2;
  }
  // The go command picks its toolchain first; the one it runs decides the JSON's shape.
  let goVersion: string;
  try {
    goVersion = modelToolchain(ctx.env, ctx.dir).toolchain.version;
  } catch (e) {
    if (!(e instanceof ProjectError)) throw e;
    ctx.stderr(`${e.message}\n`);
    return 1;
  }
  const path = file ?? (kind === 'mod' ? join(ctx.dir, 'go.mod') : findUp(ctx.dir, 'go.work'));
  if (!path || !existsSync(path)) {
    ctx.stderr(kind === 'mod' ? "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n" : 'go: no go.work file found\n\t(run \'go work init\' first or specify path using GOWORK environment variable)\n');
    return 1;
  }
  const data = readFileSync(path);
  // go names the file by its short path in the heading and by its full path in each position.
  const rel = relative(ctx.dir, path);
  const display = rel.length < path.length ? rel : path;
  try {
    if (kind === 'mod') {
      const f = parseModFile(path, data);
      ctx.stdout(mode === 'json' ? modEditJson(f, goVersion) : modEditPrint(f));
    } else {
      const f = parseWorkFile(path, data);
      ctx.stdout(mode === 'json' ? workEditJson(f, goVersion) : workEditPrint(f));
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ModFileError)) throw e;
    // go work edit wraps the reader's own "errors parsing" heading in a second one.
    const heading = kind === 'mod' ? `go: errors parsing ${display}:\n` : `go: errors parsing ${display}:\nerrors parsing ${display}:\n`;
    ctx.stderr(`${heading}${e.message}\n`);
    return 1;
  }
}
