/**
 * The parts of modload.CreateModFile (Go 1.21) that are pure: checking a module path given on
 * the command line, finding one in an import comment, and the go.mod text written at the end.
 */
import { goLineRule } from '../toolchain/version-rules';
import { addGoStmt, addModuleStmt, cleanupModFile, setRequireAtMostTwo, setRequireSeparateIndirect } from '../modfile/edit';
import { formatModFile } from '../modfile/print';
import { parseModFile } from '../modfile/rules';
import { checkImportPath, InvalidPathError, splitPathVersion } from '../modpath/module-path';
import { goUnquote } from '../gostrings/go-unquote';
import { goQuote } from '../gostrings/go-quote';
import { addConverted, type ConvertedRequirement } from './convert';

/** digitsOrDotsFrom is the index where the trailing run of digits and dots of path starts. */
function digitsOrDotsFrom(path: string): number {
  let i = path.length;
  while (i > 0 && (/[0-9]/.test(path[i - 1]!) || path[i - 1] === '.')) i--;
  return i;
}

function firstNumber(s: string): string {
  return (/[0-9]+/.exec(s)?.[0] ?? '').replace(/^0+/, '');
}

/** suggestModulePath is go's suggestion for a path with a bad /vN suffix. */
function suggestModulePath(path: string): string {
  const i = digitsOrDotsFrom(path);
  let url = path.slice(0, i);
  if (url.endsWith('/v')) url = url.slice(0, -2);
  if (url.endsWith('/')) url = url.slice(0, -1);
  const m = firstNumber(path.slice(i));
  return m === '' || m === '1' ? url + '/v2' : url + '/v' + m;
}

/** suggestGopkgIn is go's suggestion for a gopkg.in path without .vN. */
function suggestGopkgIn(path: string): string {
  const i = digitsOrDotsFrom(path);
  let url = path.slice(0, i);
  for (const suffix of ['.v', '/v', '/']) if (url.endsWith(suffix)) url = url.slice(0, -suffix.length);
  const m = firstNumber(path);
  return m === '' ? url + '.v1' : url + '.v' + m;
}

/** checkNewModulePath returns go's refusal of a module path given to go mod init, or undefined. */
export function checkNewModulePath(modPath: string): string | undefined {
  try {
    checkImportPath(modPath);
  } catch (e) {
    if (!(e instanceof InvalidPathError)) return `go: ${(e as Error).message}`;
    const local = modPath === '.' || modPath === '..' || modPath.startsWith('./') || modPath.startsWith('../');
    const reason = local ? 'is a local import path' : e.err.message;
    return `go: malformed module path ${goQuote(modPath)}: ${reason}`;
  }
  if (!splitPathVersion(modPath).ok) {
    if (modPath.startsWith('gopkg.in/')) {
      return `go: invalid module path "${modPath}": module paths beginning with gopkg.in/ must always have a major version suffix in the form of .vN:\n\tgo mod init ${suggestGopkgIn(modPath)}`;
    }
    return `go: invalid module path "${modPath}": major version suffixes must be in the form of /vN and are only allowed for v2 or later:\n\tgo mod init ${suggestModulePath(modPath)}`;
  }
  return undefined;
}

const IMPORT_COMMENT = /^package[ \t]+[^ \t\r\n/]+[ \t]+\/\/[ \t]+import[ \t]+("[^"]+")[ \t]*\r?\n/m;

/** findImportComment is the path of a `package p // import "path"` comment in a Go file's text, or "". */
export function findImportComment(text: string): string {
  const m = IMPORT_COMMENT.exec(text);
  if (!m) return '';
  try {
    return goUnquote(m[1]!);
  } catch {
    return '';
  }
}

/**
 * newGoModText is the go.mod go mod init writes: the module line, the go line, the converted
 * requirements (each replaced module's replace line before its require), all direct.
 */
export function newGoModText(modPath: string, goVersion: string, requirements: readonly ConvertedRequirement[]): string {
  const f = parseModFile('go.mod', '');
  addModuleStmt(f, modPath);
  addGoStmt(f, goVersion);
  addConverted(f, requirements);
  // commitRequirements then sets the requirements it just read back: every one direct.
  const list = [...f.require].map((r) => ({ mod: r.mod, indirect: false }));
  if (goLineRule(goVersion, 'require-at-most-two-blocks')) setRequireAtMostTwo(f, list);
  else setRequireSeparateIndirect(f, list);
  cleanupModFile(f);
  return formatModFile(f);
}
