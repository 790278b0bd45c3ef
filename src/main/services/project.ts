/**
 * Package services: the use cases the CLI and the window share. openProject reads a project
 * (go.mod or go.work) the way the go command's modload.loadModFile does and prepares a Loader.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ModuleVersion } from '../../shared/model/module-version';
import { GoSum, GoSumError } from '../core/gosum/go-sum';
import { decodeGoBytes } from '../core/gostrings/utf8';
import { goCompare, GO_STRICT_VERSION } from '../core/gover/gover';
import { checkImportPath, InvalidPathError } from '../core/modpath/module-path';
import { Loader, type BuildMod, type Requirements } from '../core/modload/loader';
import { indexModFile, MainModuleSet, type MainModule } from '../core/modload/main-modules';
import type { ModFileView, WorkFileView } from '../core/modload/mod-file-view';
import type { LoadProgress, ModuleFetcher } from '../core/modload/ports';
import type { InputLog } from './input-log';
import { requirementsFromModFiles } from '../core/modload/requirements';
import { readMainModFile, readWorkFileView, parseDependencyGoMod } from './mod-files';
import { ProjectError } from './project-error';
export { ProjectError };
import { readGoEnv, type GoEnv } from '../sources/go-env';
import { findLocalGo, lookPath, type LocalGo } from '../sources/local-go';
import { selectToolchain, type Selection, type ToolchainFile } from '../core/toolchain/select';
import { ProxyModuleFetcher, type FetchEvent } from '../sources/module-fetcher';
import { SummaryIndex } from '../sources/summary-index';

/** ModelledToolchain is the Go toolchain whose answers gomodx gives for a project, and why. */
export interface ModelledToolchain {
  /** version is the Go version modelled ("1.27.0"); its rules apply and its messages name it. */
  readonly version: string;
  readonly toolchain: string;
  /** explain is what its TooNewErrors add after "running go V" ("; GOTOOLCHAIN=local"). */
  readonly explain: string;
  /** reason says in words why this version. */
  readonly reason: string;
  readonly local: LocalGo;
  readonly gotoolchain: string;
}

/** GOOS and GOARCH of this machine, as the go command names them (for toolchain downloads). */
function goosGoarch(): { goos: string; goarch: string } {
  const goos = process.platform === 'win32' ? 'windows' : process.platform === 'sunos' ? 'solaris' : process.platform;
  const arch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' } as Record<string, string>)[process.arch] ?? process.arch;
  return { goos, goarch: arch };
}

/** toolchainFileFor finds the go.work, else the go.mod, that toolchain selection reads (modGoToolchain). */
function toolchainFileFor(cwd: string, gowork: string, shortPath: (p: string) => string): ToolchainFile | undefined {
  let file: string | undefined;
  if (gowork === 'off') file = undefined;
  else if (gowork !== '') file = isAbsolute(gowork) && existsSync(gowork) ? gowork : undefined;
  else file = findUp(cwd, 'go.work');
  file ??= findUp(cwd, 'go.mod');
  if (!file) return undefined;
  try {
    return { shortPath: shortPath(file), data: readFileSync(file, 'latin1') };
  } catch (e) {
    throw new ProjectError((e as Error).message);
  }
}

/**
 * modelToolchain decides which Go toolchain the user's go command would run in cwd (local,
 * PATH or download, from GOTOOLCHAIN and the go and toolchain lines), or throws its refusal.
 */
export function modelToolchain(rawEnv: Readonly<Record<string, string | undefined>>, cwd: string, log?: InputLog): { env: GoEnv; toolchain: ModelledToolchain } {
  const local = findLocalGo(rawEnv, readGoEnv(rawEnv).GOMODX_CACHE);
  const env = readGoEnv(rawEnv, local.goroot);
  if (log && local.goroot) {
    for (const f of ['go.env', 'VERSION']) {
      const p = join(local.goroot, f);
      if (existsSync(p)) log.file(p, readFileSync(p));
      else log.missing(p);
    }
  }
  const shortPath = shortPathFrom(cwd);
  const sel: Selection = selectToolchain({
    gotoolchain: env.GOTOOLCHAIN,
    gotoolchainFrom: env.gotoolchainFrom === 'environment' ? undefined : env.gotoolchainFrom,
    localVersion: local.version,
    localToolchain: local.toolchain,
    file: toolchainFileFor(cwd, env.GOWORK, shortPath),
    onPath: (name) => lookPath(name, rawEnv.PATH) !== undefined,
    ...goosGoarch(),
  });
  if (sel.kind === 'refuse') throw new ProjectError(sel.gomodx ? `gomodx: ${sel.message}` : `go: ${sel.message}`, true);
  return { env, toolchain: { version: sel.version, toolchain: sel.toolchain, explain: sel.explain, reason: sel.reason, local, gotoolchain: env.GOTOOLCHAIN } };
}

/** OpenOptions says where and how to open a project. */
export interface OpenOptions {
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly buildMod?: BuildMod;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly onFetch?: (e: FetchEvent) => void;
  /** Told of each go.mod whose summary the index gave in place of reading the file. */
  readonly onSummaryFromIndex?: (m: ModuleVersion) => void;
  /** Lines the go command would print to stderr as warnings. */
  readonly warn?: (line: string) => void;
  /** Where to record the files the answer depends on (for reusing answers). */
  readonly inputs?: InputLog;
  /**
   * virtualGoMod, given the Go version modelled, is the text of a go.mod that is not on disk yet:
   * the main module is dir with that go.mod (go mod init resolves lock files before it writes).
   */
  readonly virtualGoMod?: (goVersion: string) => string;
}

/** Project is an opened project: its main modules, loader and initial requirements. */
export interface Project {
  readonly dir: string;
  readonly env: GoEnv;
  readonly loader: Loader;
  readonly fetcher: ProxyModuleFetcher;
  readonly mainModules: MainModuleSet;
  readonly requirements: Requirements;
  readonly workFilePath?: string;
  /** toolchain is the Go toolchain modelled (the one the go command would run here). */
  readonly toolchain: ModelledToolchain;
  /** The go command would use the vendor directory (and refuse to compute the module graph). */
  readonly vendorMode: boolean;
  /** persist saves what this run learned (the summary index) for the next run. */
  readonly persist: () => void;
}

/**
 * chooseBuildMod decides -mod as modload.setDefaultBuildMod does: GOFLAGS wins; otherwise the
 * command's default, except that a vendor directory with go >= 1.14 means vendor mode.
 */
function chooseBuildMod(env: GoEnv, commandDefault: BuildMod, modules: readonly MainModule[], workFilePath: string | undefined, log?: InputLog): { buildMod: BuildMod; explicit: boolean; reason: string; vendor: boolean } {
  if (env.modFlag !== undefined && env.modFlag !== '') {
    if (!['mod', 'readonly', 'vendor'].includes(env.modFlag)) throw new ProjectError(`-mod=${env.modFlag} not recognized`);
    if (workFilePath && env.modFlag === 'mod') {
      throw new ProjectError(`go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to "mod"\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.`, true);
    }
    return { buildMod: env.modFlag === 'mod' ? 'mod' : 'readonly', explicit: true, reason: '', vendor: env.modFlag === 'vendor' };
  }
  if (commandDefault === 'mod') return { buildMod: 'mod', explicit: false, reason: '', vendor: false };
  const source = workFilePath ? 'go.work' : 'go.mod';
  const goVersion = workFilePath ? undefined : modules[0]?.index.goVersion;
  const vendorDir = join(workFilePath ? dirname(workFilePath) : (modules[0]?.root ?? ''), 'vendor');
  let isDir = false;
  try {
    isDir = statSync(vendorDir).isDirectory();
  } catch {
    // no vendor directory
  }
  if (isDir) log?.dir(vendorDir);
  else log?.missing(vendorDir);
  if (!isDir) return { buildMod: 'readonly', explicit: false, reason: '', vendor: false };
  if (!goVersion) return { buildMod: 'readonly', explicit: false, reason: `Go version in ${source} is unspecified, so vendor directory was not used.`, vendor: false };
  if (goCompare(goVersion, '1.14') < 0) return { buildMod: 'readonly', explicit: false, reason: `Go version in ${source} is ${goVersion}, so vendor directory was not used.`, vendor: false };
  let vendoredWorkspace = false;
  try {
    vendoredWorkspace = readFileSync(join(vendorDir, 'modules.txt'), 'utf8').split('\n').some((l) => l.startsWith('## workspace'));
  } catch {
    // a vendor directory without modules.txt is not for a workspace
  }
  if (vendoredWorkspace !== Boolean(workFilePath)) {
    const reason = vendoredWorkspace ? 'Outside workspace mode, but vendor directory is for a workspace.' : 'In workspace mode, but vendor directory is not for a workspace';
    return { buildMod: 'readonly', explicit: false, reason, vendor: false };
  }
  return { buildMod: 'readonly', explicit: false, reason: `Go version in ${source} is at least 1.14 and vendor directory exists.`, vendor: true };
}

function findUp(dir: string, name: string, log?: InputLog): string | undefined {
  let d = resolve(dir);
  for (;;) {
    const candidate = join(d, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // keep looking upward
    }
    log?.missing(candidate);
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

function shortPathFrom(cwd: string): (p: string) => string {
  return (p) => {
    const rel = relative(cwd, p);
    return rel.length < p.length ? rel : p;
  };
}

function readSums(sums: GoSum, file: string, log?: InputLog): void {
  if (!existsSync(file)) {
    log?.missing(file);
    return;
  }
  try {
    const data = readFileSync(file);
    log?.file(file, data);
    sums.add(file, decodeGoBytes(data));
  } catch (e) {
    // A malformed line stops go with base.Fatalf: the message alone, no "go: " before it.
    if (e instanceof GoSumError) throw new ProjectError(e.message.replace(/\n$/, ''), true);
    throw new ProjectError((e as Error).message);
  }
}

function mainModule(goModPath: string, file: ModFileView, data: string, needsFix: boolean): MainModule {
  return {
    path: file.module!.mod.path,
    root: dirname(goModPath),
    goModPath,
    file,
    index: indexModFile(data, file, needsFix),
  };
}

/** recordingLocalReads wraps a fetcher so that local go.mod reads (directory replacements) are logged. */
function recordingLocalReads(fetcher: ProxyModuleFetcher, log: InputLog): ModuleFetcher {
  return {
    goMod: (m, signal) => fetcher.goMod(m, signal),
    info: (m, signal) => fetcher.info(m, signal),
    readLocalGoMod: async (p) => {
      try {
        const text = await fetcher.readLocalGoMod(p);
        log.file(p, text);
        return text;
      } catch (e) {
        log.missing(p);
        throw e;
      }
    },
  };
}

/** openProject locates and reads the project at dir, as the go command would from that directory. */
export async function openProject(opts: OpenOptions): Promise<Project> {
  const cwd = resolve(opts.dir);
  const log = opts.inputs;
  const { env, toolchain } = modelToolchain(opts.env, cwd, log);
  const goVersion = toolchain.version;
  if (log && env.GOENV !== 'off' && env.GOENV !== '') {
    if (existsSync(env.GOENV)) log.file(env.GOENV, readFileSync(env.GOENV));
    else log.missing(env.GOENV);
  }
  const shortPath = shortPathFrom(cwd);
  const warn = opts.warn ?? (() => undefined);
  // What gover.TooNewError adds after "running go V", as the modelled toolchain's startup left it.
  const toolchainExplain = toolchain.explain;

  let workFilePath: string | undefined;
  if (env.GOWORK === 'off') workFilePath = undefined;
  else if (env.GOWORK !== '') {
    if (!isAbsolute(env.GOWORK)) throw new ProjectError(`go: invalid GOWORK: not an absolute path`);
    workFilePath = env.GOWORK;
  } else workFilePath = findUp(cwd, 'go.work', log);

  const sums = new GoSum();
  const modules: MainModule[] = [];
  let workFile: WorkFileView | undefined;
  if (workFilePath) {
    const wf = readWorkFileView(workFilePath, shortPath, log);
    workFile = wf;
    const wdir = dirname(workFilePath);
    const errors: string[] = [];
    for (const use of wf.use) {
      const root = resolve(wdir, use.path);
      const goModPath = join(root, 'go.mod');
      try {
        const { file, data, needsFix } = readMainModFile(goModPath, shortPath, goVersion, toolchainExplain, log);
        const mv = file.go?.version ?? '1.16';
        const wv = wf.go?.version ?? '1.18';
        if (goCompare(mv, wv) > 0 && goCompare(mv, GO_STRICT_VERSION) >= 0) {
          const verb = wf.go ? 'lists' : 'implicitly requires';
          errors.push(`module ${shortPath(root)} listed in go.work file requires go >= ${mv}, but go.work ${verb} go ${wv}; to update it:\n\tgo work use`);
          continue;
        }
        modules.push(mainModule(goModPath, file, data, needsFix));
        readSums(sums, join(root, 'go.sum'), log);
      } catch (e) {
        errors.push(`cannot load module ${shortPath(root)} listed in go.work file: ${(e as Error).message}`);
      }
    }
    if (errors.length > 0) throw new ProjectError(errors.map((e) => `go: ${e}`).join('\n'), true);
    readSums(sums, workFilePath + '.sum', log);
  } else {
    const goModPath = opts.virtualGoMod ? join(cwd, 'go.mod') : findUp(cwd, 'go.mod', log);
    if (!goModPath) throw new ProjectError("go.mod file not found in current directory or any parent directory; see 'go help modules'", false, 'no-main-module');
    const { file, data, needsFix } = readMainModFile(goModPath, shortPath, goVersion, toolchainExplain, log, opts.virtualGoMod?.(goVersion));
    modules.push(mainModule(goModPath, file, data, needsFix));
    readSums(sums, join(dirname(goModPath), 'go.sum'), log);
  }
  for (const m of modules) {
    try {
      checkImportPath(m.path);
    } catch (e) {
      const msg = e instanceof InvalidPathError ? e.message.replace(/^malformed import path/, 'malformed module path') : (e as Error).message;
      throw new ProjectError(msg);
    }
  }

  const mode = chooseBuildMod(env, opts.buildMod ?? 'readonly', modules, workFilePath, log);
  const buildMod = mode.buildMod;

  let mms: MainModuleSet;
  try {
    mms = new MainModuleSet(modules, workFile, workFilePath);
  } catch (e) {
    throw new ProjectError((e as Error).message, true);
  }
  if (mms.errors.length > 0) throw new ProjectError(mms.errors.join('\n'), true);
  const fetcher = new ProxyModuleFetcher({ env, sums, warn, localGo: goVersion, toolchainExplain, sumFileName: workFilePath ? 'go.work.sum' : 'go.sum', onFetch: opts.onFetch });
  const index = SummaryIndex.open(env.GOMODX_CACHE, cwd, sums, (m) => fetcher.verifiedHash(m), buildMod === 'readonly' && !workFilePath, opts.onSummaryFromIndex);
  fetcher.rememberInfoIn(index);
  const loader = new Loader({
    summaryCache: index,
    mainModules: mms,
    fetcher: log ? recordingLocalReads(fetcher, log) : fetcher,
    sums,
    buildMod,
    buildModExplicit: mode.explicit,
    buildModReason: mode.reason,
    localGo: goVersion,
    toolchainExplain,
    parseLax: parseDependencyGoMod,
    shortPath,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  for (const m of modules) {
    const key = `${m.path}@`;
    if (m.index.goVersion !== '') loader.rawGoVersion.set(key, m.index.goVersion);
    else if (!workFilePath) loader.rawGoVersion.set(key, '1.16');
  }
  let rs = requirementsFromModFiles(mms, buildMod, warn);
  if (!workFilePath && rs.hasRedundantRoot(loader)) rs = await loader.updateRoots(rs.direct, rs);
  return { dir: cwd, env, loader, fetcher, mainModules: mms, requirements: rs, workFilePath, toolchain, vendorMode: mode.vendor, persist: () => index.save() };
}
