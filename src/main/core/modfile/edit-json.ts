/*
 * What `go mod edit -json|-print` and `go work edit -json|-print` print for a file, with no
 * editing flags: the file is parsed without a version fixer, its blocks are sorted and
 * de-duplicated, removed entries are cleaned up, and the result is printed as JSON (the shapes of
 * cmd/go's modcmd/edit.go and workcmd/edit.go) or as formatted text.
 */

import { cleanupModFile, cleanupWorkFile, sortBlocks, workSortBlocks } from './edit';
import { ModFileError } from './errors';
import { marshalIndent as goMarshalIndent, type GoJsonValue } from '../output/go-json';
import { formatSyntax } from './print';
import { parseModFile, parseWorkFile, type ModFile, type WorkFile } from './rules';
import { hasRule } from '../toolchain/version-rules';

function moduleJson(m: { readonly path: string; readonly version: string }): GoJsonValue {
  return m.version === '' ? { Path: m.path } : { Path: m.path, Version: m.version };
}

function listOrNull<T>(list: readonly T[], f: (x: T) => GoJsonValue): GoJsonValue {
  return list.length === 0 ? null : list.map(f);
}

/** setList sets out[key] to the list, or to null when empty (or leaves it out, under omitempty). */
function setList<T>(out: Record<string, GoJsonValue>, key: string, list: readonly T[], f: (x: T) => GoJsonValue, omitEmpty: boolean): void {
  if (list.length === 0 && omitEmpty) return;
  out[key] = listOrNull(list, f);
}

/**
 * modEditJson is `go mod edit -json`'s output for f (trailing newline included) as the go command
 * at goVersion prints it (from 1.27 empty lists are left out). Like the go command it first
 * applies sortBlocks and cleanupModFile to f, which changes f.
 */
export function modEditJson(f: ModFile, goVersion: string): string {
  const omit = hasRule(goVersion, 'mod-edit-json-omits-empty');
  sortBlocks(f);
  cleanupModFile(f);
  const out: Record<string, GoJsonValue> = {};
  const mod: Record<string, GoJsonValue> = { Path: f.module?.mod.path ?? '' };
  if (f.module !== null && f.module.deprecated !== '') mod.Deprecated = f.module.deprecated;
  out.Module = mod;
  if (f.go !== null && f.go.version !== '') out.Go = f.go.version;
  if (f.toolchain !== null && f.toolchain.name !== '') out.Toolchain = f.toolchain.name;
  if (f.godebug.length > 0) out.GoDebug = f.godebug.map((d) => ({ Key: d.key, Value: d.value }));
  setList(out, 'Require', f.require, (r) => {
    const o: Record<string, GoJsonValue> = { Path: r.mod.path };
    if (r.mod.version !== '') o.Version = r.mod.version;
    if (r.indirect) o.Indirect = true;
    return o;
  }, omit);
  setList(out, 'Exclude', f.exclude, (x) => moduleJson(x.mod), omit);
  setList(out, 'Replace', f.replace, (r) => ({ Old: moduleJson(r.old), New: moduleJson(r.new) }), omit);
  setList(out, 'Retract', f.retract, (r) => {
    const o: Record<string, GoJsonValue> = {};
    if (r.low !== '') o.Low = r.low;
    if (r.high !== '') o.High = r.high;
    if (r.rationale !== '') o.Rationale = r.rationale;
    return o;
  }, omit);
  setList(out, 'Tool', f.tool, (t) => ({ Path: t.path }), omit);
  setList(out, 'Ignore', f.ignore, (t) => ({ Path: t.path }), omit);
  return `${goMarshalIndent(out)}\n`;
}

/**
 * workEditJson is `go work edit -json`'s output for f as the go command at goVersion prints it:
 * before 1.27 no toolchain or godebug fields, whatever the file says, and null for empty lists;
 * from 1.27 Toolchain and Godebug, and empty lists left out. Applies workSortBlocks and
 * cleanupWorkFile to f first.
 */
export function workEditJson(f: WorkFile, goVersion: string): string {
  workSortBlocks(f);
  cleanupWorkFile(f);
  const v127 = hasRule(goVersion, 'work-edit-json-toolchain-godebug');
  const out: Record<string, GoJsonValue> = {};
  if (f.go !== null && f.go.version !== '') out.Go = f.go.version;
  if (v127 && f.toolchain !== null && f.toolchain.name !== '') out.Toolchain = f.toolchain.name;
  if (v127 && f.godebug.length > 0) out.Godebug = f.godebug.map((d) => ({ Key: d.key, Value: d.value }));
  setList(out, 'Use', f.use, (u) => {
    const o: Record<string, GoJsonValue> = { DiskPath: u.path };
    if (u.modulePath !== '') o.ModPath = u.modulePath;
    return o;
  }, v127);
  setList(out, 'Replace', f.replace, (r) => ({ Old: moduleJson(r.old), New: moduleJson(r.new) }), v127);
  return `${goMarshalIndent(out)}\n`;
}

/** modEditPrint is `go mod edit -print`'s output for f (after sortBlocks and cleanupModFile, applied to f). */
export function modEditPrint(f: ModFile): string {
  sortBlocks(f);
  cleanupModFile(f);
  return formatSyntax(f.syntax);
}

/** workEditPrint is `go work edit -print`'s output for f (after workSortBlocks and cleanupWorkFile). */
export function workEditPrint(f: WorkFile): string {
  workSortBlocks(f);
  cleanupWorkFile(f);
  return formatSyntax(f.syntax);
}

/** EditOutput is what a go command run printed, and how it exited. */
export interface EditOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * modEditOutput is the whole of `go mod edit -json|-print <fileName>` (go at goVersion) on a file holding data:
 * either its output, or the parse failure exactly as go reports it on stderr.
 */
export function modEditOutput(fileName: string, data: string | Uint8Array, mode: 'json' | 'print', goVersion: string): EditOutput {
  let f: ModFile;
  try {
    f = parseModFile(fileName, data);
  } catch (e) {
    if (!(e instanceof ModFileError)) throw e;
    return { exitCode: 1, stdout: '', stderr: `go: errors parsing ${fileName}:\n${e.message}\n` };
  }
  return { exitCode: 0, stdout: mode === 'json' ? modEditJson(f, goVersion) : modEditPrint(f), stderr: '' };
}

/**
 * workEditOutput is the whole of `go work edit -json|-print <fileName>`. Go names the file twice
 * in a parse failure, once in its own wrapping and once in go work edit's.
 */
export function workEditOutput(fileName: string, data: string | Uint8Array, mode: 'json' | 'print', goVersion: string): EditOutput {
  let f: WorkFile;
  try {
    f = parseWorkFile(fileName, data);
  } catch (e) {
    if (!(e instanceof ModFileError)) throw e;
    return {
      exitCode: 1,
      stdout: '',
      stderr: `go: errors parsing ${fileName}:\nerrors parsing ${fileName}:\n${e.message}\n`,
    };
  }
  return { exitCode: 0, stdout: mode === 'json' ? workEditJson(f, goVersion) : workEditPrint(f), stderr: '' };
}
