/**
 * `go mod init` as Go 1.21 did it, the last release that converted pre-module lock files
 * (modload.CreateModFile): the module path (given, or inferred from import comments,
 * Godeps.json, vendor.json or GOPATH), the first lock file found, its entries resolved through
 * GOPROXY (or direct, as GOPRIVATE/GONOPROXY say) as modload.QueryPattern does, go's messages,
 * and the go.mod text, whose go line is the Go version gomodx models. Planning writes nothing;
 * applyModInit creates go.mod, refusing if one exists by then.
 */
import { link, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { legacyPackageQuery } from '../core/modget/go-get';
import { ConversionAbortedError, resolveLegacyConfig, type ConversionProgress, type ConvertedRequirement, type DroppedEntry } from '../core/modconv/convert';
import { jsonStringField } from '../core/modconv/json-lock';
import { ALT_CONFIGS, CONVERTERS, TOOL_NAMES, type AltConfig } from '../core/modconv/modconv';
import { checkNewModulePath, findImportComment, newGoModText } from '../core/modconv/mod-init';
import { checkImportPath } from '../core/modpath/module-path';
import { compareGoStrings } from '../core/gostrings/go-string-order';
import { decodeGoBytes } from '../core/gostrings/utf8';
import { readGoEnv } from '../sources/go-env';
import { openGetProject } from './get-modules';
import { goPathError } from './user-file';

/** ModInitOptions say where and how to plan go mod init. */
export interface ModInitOptions {
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** modulePath as given on the command line ("" or undefined: infer it). */
  readonly modulePath?: string;
  /** concurrency bounds the lookups running at once (default: go's GOMAXPROCS, the CPU count). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ConversionProgress) => void;
  readonly warn?: (line: string) => void;
}

/** LockFileInfo names the lock file converted. */
export interface LockFileInfo {
  readonly name: AltConfig;
  readonly tool: string;
  readonly path: string;
  readonly entries: number;
}

/** ModInitPlan is what go mod init would do: its stderr, its exit status and the go.mod it would write. */
export interface ModInitPlan {
  readonly ok: boolean;
  readonly stderr: string;
  readonly modulePath?: string;
  readonly goModPath: string;
  /** goMod is the text go would write (undefined: go writes nothing). */
  readonly goMod?: string;
  readonly goVersion?: string;
  readonly lockFile?: LockFileInfo;
  readonly requirements: readonly ConvertedRequirement[];
  readonly dropped: readonly DroppedEntry[];
  /** needsTidy: go printed its "go mod tidy" hint (the directory holds .go files or subdirectories). */
  readonly needsTidy: boolean;
}

/** TIDY_HINT is what go prints once go.mod is written in a directory that already holds code. */
export const TIDY_HINT = 'go: to add module requirements and sums:\n\tgo mod tidy\n';

/** findLegacyConfig is the first lock file go would read in dir, with its bytes. */
export async function findLegacyConfig(dir: string): Promise<{ name: AltConfig; path: string; data: string } | undefined> {
  for (const name of ALT_CONFIGS) {
    const path = join(dir, ...name.split('/'));
    try {
      return { name, path, data: decodeGoBytes(await readFile(path)) };
    } catch {
      // not there (or not readable): go moved on to the next name
    }
  }
  return undefined;
}

async function sortedEntries(dir: string): Promise<{ name: string; isFile: boolean; isDir: boolean }[]> {
  try {
    const list = await readdir(dir, { withFileTypes: true });
    return list.map((d) => ({ name: d.name, isFile: d.isFile(), isDir: d.isDirectory() })).sort((a, b) => compareGoStrings(a.name, b.name));
  } catch {
    return [];
  }
}

async function importCommentOf(file: string): Promise<string> {
  try {
    return findImportComment(decodeGoBytes(await readFile(file)));
  } catch {
    return '';
  }
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return decodeGoBytes(await readFile(file));
  } catch {
    return '';
  }
}

/** inDirLex is search.InDir without symbolic links: path relative to dir, or undefined if outside. */
function inDirLex(path: string, dir: string): string | undefined {
  if (path === dir) return '.';
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** findModulePath infers the module path of dir as modload.findModulePath does, or throws go's error. */
export async function findModulePath(dir: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const list = await sortedEntries(dir);
  for (const e of list) {
    if (e.isFile && e.name.endsWith('.go')) {
      const com = await importCommentOf(join(dir, e.name));
      if (com !== '') return com;
    }
  }
  for (const d of list) {
    if (!d.isDir) continue;
    for (const e of await sortedEntries(join(dir, d.name))) {
      if (e.isFile && e.name.endsWith('.go')) {
        const com = await importCommentOf(join(dir, d.name, e.name));
        if (com !== '') return posix.dirname(com);
      }
    }
  }
  const importPath = jsonStringField(await readOrEmpty(join(dir, 'Godeps', 'Godeps.json')), 'ImportPath');
  if (importPath !== '') return importPath;
  const rootPath = jsonStringField(await readOrEmpty(join(dir, 'vendor', 'vendor.json')), 'RootPath');
  if (rootPath !== '') return rootPath;
  let badPathErr: Error | undefined;
  for (const gp of readGoEnv(env).GOPATH.split(delimiter)) {
    if (gp === '') continue;
    const rel = inDirLex(dir, join(gp, 'src'));
    if (rel !== undefined && rel !== '.') {
      const path = rel.split(sep).join('/');
      try {
        checkImportPath(path);
      } catch (e) {
        badPathErr = e as Error;
        break;
      }
      return path;
    }
  }
  const reason = badPathErr ? `bad module path inferred from directory in GOPATH: ${badPathErr.message}` : 'outside GOPATH, module path must be specified';
  throw new Error(
    `cannot determine module path for source directory ${dir} (${reason})\n\nExample usage:\n\t'go mod init example.com/m' to initialize a v0 or v1 module\n\t'go mod init example.com/m/v2' to initialize a v2 module\n\nRun 'go help mod init' for more information.`,
  );
}

/** hasProjectFiles tells whether dir has non-hidden .go files or subdirectories (go's "not empty"). */
async function hasProjectFiles(dir: string): Promise<boolean> {
  for (const e of await sortedEntries(dir)) {
    if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
    if (e.name.endsWith('.go') || e.isDir) return true;
  }
  return false;
}

/** shortPath is base.ShortPath: relative to dir when that is shorter. */
function shortPath(dir: string, p: string): string {
  const rel = relative(dir, p);
  return rel.length < p.length ? rel.split(sep).join('/') : p;
}

/** defaultConcurrency is go's GOMAXPROCS default: the number of CPUs. */
async function defaultConcurrency(): Promise<number> {
  const { availableParallelism } = await import('node:os');
  return Math.max(1, availableParallelism());
}

/** planModInit works out what go mod init (Go 1.21, with the Go version gomodx models on the go line) would do in dir. */
export async function planModInit(opts: ModInitOptions): Promise<ModInitPlan> {
  const dir = resolve(opts.dir);
  const goModPath = join(dir, 'go.mod');
  const none = { requirements: [], dropped: [], needsTidy: false, goModPath };
  let stderr = '';
  const fail = (line: string, extra: Partial<ModInitPlan> = {}): ModInitPlan => ({ ...none, ...extra, ok: false, stderr: stderr + line.replace(/\n?$/, '\n') });
  if (existsSync(goModPath)) return fail(`go: ${goModPath} already exists`);
  let modPath = opts.modulePath ?? '';
  if (modPath === '') {
    try {
      modPath = await findModulePath(dir, opts.env);
    } catch (e) {
      return fail(`go: ${(e as Error).message}`);
    }
  } else {
    const refusal = checkNewModulePath(modPath);
    if (refusal) return fail(refusal);
  }
  stderr += `go: creating new go.mod: module ${modPath}\n`;
  const project = await openGetProject({ dir, env: opts.env, signal: opts.signal, warn: opts.warn, virtualGoMod: (v) => `module ${modPath}\n\ngo ${v}\n` }).catch((e: Error) => e);
  if (project instanceof Error) return fail(`go: ${project.message}`, { modulePath: modPath });
  const goVersion = project.project.toolchain.version;
  const found = await findLegacyConfig(dir);
  let requirements: readonly ConvertedRequirement[] = [];
  let dropped: readonly DroppedEntry[] = [];
  let lockFile: LockFileInfo | undefined;
  if (found) {
    const file = found.path.split(sep).join('/');
    let cfg;
    try {
      cfg = CONVERTERS[found.name](file, found.data);
    } catch (e) {
      stderr += `go: copying requirements from ${found.name}\n`;
      const msg = (e as Error).message;
      return fail(`go: parsing ${file}: ${msg}`, { modulePath: modPath, lockFile: { name: found.name, tool: TOOL_NAMES[found.name], path: found.path, entries: 0 } });
    }
    lockFile = { name: found.name, tool: TOOL_NAMES[found.name], path: found.path, entries: cfg.require.length };
    const query = await legacyPackageQuery(project.session);
    const res = await resolveLegacyConfig(shortPath(dir, found.path), cfg, (p, r) => query(p, r), {
      concurrency: opts.concurrency ?? (await defaultConcurrency()),
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    requirements = res.requirements;
    dropped = res.dropped;
    for (const d of dropped) stderr += d.line + '\n';
    stderr += `go: copying requirements from ${found.name}\n`;
  }
  project.project.persist();
  const goMod = newGoModText(modPath, goVersion, requirements);
  const needsTidy = await hasProjectFiles(dir);
  if (needsTidy) stderr += TIDY_HINT;
  return { ok: true, stderr, modulePath: modPath, goModPath, goMod, goVersion, lockFile, requirements, dropped, needsTidy };
}

/**
 * createGoMod writes a new go.mod atomically and only if there is none: the text goes to a
 * temporary file beside it, which is then hard-linked to go.mod (link refuses an existing name,
 * so a go.mod that appeared meanwhile is never overwritten, and no reader sees half a file).
 */
export async function createGoMod(goModPath: string, text: string): Promise<void> {
  const tmp = join(dirname(goModPath), `.go.mod.gomodx-${process.pid}-${Date.now()}`);
  try {
    await writeFile(tmp, text, { flag: 'wx', mode: 0o666 });
  } catch (e) {
    throw goPathError(e, goModPath);
  }
  try {
    await link(tmp, goModPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${goModPath} already exists`);
    throw goPathError(e, goModPath);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** runModInit is `gomodx mod init`: plan, then write go.mod (or print it with dryRun). */
export async function runModInit(opts: ModInitOptions, dryRun: boolean): Promise<{ stdout: string; stderr: string; code: number; plan?: ModInitPlan }> {
  let plan: ModInitPlan;
  try {
    plan = await planModInit(opts);
  } catch (e) {
    if (e instanceof ConversionAbortedError) return { stdout: '', stderr: 'go: interrupted\n', code: 1 };
    throw e;
  }
  if (!plan.ok || plan.goMod === undefined) return { stdout: '', stderr: plan.stderr, code: 1, plan };
  if (dryRun) return { stdout: plan.goMod, stderr: plan.stderr, code: 0, plan };
  try {
    await createGoMod(plan.goModPath, plan.goMod);
  } catch (e) {
    // go stops at the failed write: no hint after it.
    const before = plan.needsTidy ? plan.stderr.slice(0, -TIDY_HINT.length) : plan.stderr;
    return { stdout: '', stderr: before + `go: ${(e as Error).message}\n`, code: 1, plan };
  }
  return { stdout: '', stderr: plan.stderr, code: 0, plan };
}
