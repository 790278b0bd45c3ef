/**
 * `go get` as a use case: preview what it would do (the what-if), or do it the way go does it:
 * go.mod and go.sum written in place as go writes them (user-file.ts), and only if go.mod on
 * disk is still the file that was read.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { ModuleVersion } from '../../shared/model/module-version';
import { planGet, type GetOptions, type GetPlan, type GetSession } from '../core/modget/go-get';
import { PreviewSession } from '../core/modget/preview-session';
import type { EngineOptions } from '../core/modload/session-memory';
import type { LocalDirEntry, PackageSource } from '../core/modload/ports';
import type { BuildContext } from '../core/modload/load/go-imports';
import { ModuleQueries } from '../core/modload/query/query';
import { unifiedDiff } from '../core/whatif/unified-diff';
import { goModHash } from '../sources/gomod-hash';
import { readIfExists, writeFileInPlace } from './user-file';
import { ProxyModuleRepository } from '../sources/module-repository';
import { formatFailure, type CommandOutput } from './list-modules';
import { openProject, type OpenOptions, type Project } from './project';

/** GetProject is an opened main module ready for any number of go get previews. */
export interface GetProject {
  readonly project: Project;
  readonly session: GetSession;
  readonly repository: ProxyModuleRepository;
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return (await readIfExists(file)) ?? '';
  } catch {
    return '';
  }
}

/** localDirEntries lists a directory on disk for package patterns (undefined if it cannot be read). */
async function localDirEntries(absDir: string): Promise<readonly LocalDirEntry[] | undefined> {
  try {
    const es = await readdir(absDir, { withFileTypes: true });
    return es.map((e) => ({ name: e.name, isDir: e.isDirectory() }));
  } catch {
    return undefined;
  }
}

const HOST_GOOS: Record<string, string> = { win32: 'windows', sunos: 'solaris' };
const HOST_GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };

/**
 * buildContextFor is the build target go would use with env (cfg.BuildContext): GOOS and GOARCH,
 * cgo as CGO_ENABLED says or, by default, when building for the host with a C compiler on PATH.
 */
export function buildContextFor(env: Readonly<Record<string, string | undefined>>, localGo: string): BuildContext {
  const hostOs = HOST_GOOS[process.platform] ?? process.platform;
  const hostArch = HOST_GOARCH[process.arch] ?? process.arch;
  const goos = env.GOOS || hostOs;
  const goarch = env.GOARCH || hostArch;
  let cgo: boolean;
  if (env.CGO_ENABLED === '0' || env.CGO_ENABLED === '1') cgo = env.CGO_ENABLED === '1';
  else if (goos !== hostOs || goarch !== hostArch) cgo = false;
  else if (env.CC) cgo = true;
  else {
    const cc = ['darwin', 'ios', 'freebsd', 'openbsd'].includes(goos) ? 'clang' : 'gcc';
    const exe = goos === 'windows' ? `${cc}.exe` : cc;
    cgo = (env.PATH ?? '').split(delimiter).some((d) => d !== '' && existsSync(join(d, exe)));
  }
  const toolTags: string[] = [];
  if (goarch === 'amd64') {
    const level = Number(/^v([1-4])$/.exec(env.GOAMD64 ?? '')?.[1] ?? '1');
    for (let i = 1; i <= level; i++) toolTags.push(`amd64.v${i}`);
  }
  return { goos, goarch, cgo, localGo, toolTags };
}

/**
 * engineOptionsFromEnv reads the engine's switches from the environment, here at the edge:
 * GOMODX_PLAIN_GRAPH=1 forces the plain paths that the accelerated ones are checked against.
 */
export function engineOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): EngineOptions {
  return env.GOMODX_PLAIN_GRAPH === '1' ? { plainGraph: true } : {};
}

/** packageSource reads module zips through the repository and the working tree from disk. */
function packageSource(repository: ProxyModuleRepository): PackageSource {
  return {
    moduleGoFiles: (m, dir, signal) => repository.moduleGoFiles(m, dir, signal),
    localGoFiles: (absDir) => repository.localGoFiles(absDir),
    zipHash: (m, signal) => repository.zipHash(m, signal),
    localDirEntries,
    moduleFileNames: (m, signal) => repository.moduleFileNames(m, signal),
    moduleGoModInZip: (m, signal) => repository.moduleGoModInZip(m, signal),
  };
}

/**
 * openGetProject opens the module containing dir as go get does: never a workspace, and with
 * -mod=mod (go get fixes an inconsistent go.mod instead of refusing it).
 */
export async function openGetProject(opts: Omit<OpenOptions, 'buildMod' | 'onFetch' | 'onSummaryFromIndex'> & { readonly engine?: EngineOptions }): Promise<GetProject> {
  const read: ModuleVersion[] = [];
  const project = await openProject({
    ...opts,
    env: { ...opts.env, GOWORK: 'off' },
    buildMod: 'mod',
    onFetch: (e) => {
      if (e.file === 'mod') read.push(e.module);
    },
    // A summary from the index stands for a read: go reads that go.mod, and go.sum may need its line.
    onSummaryFromIndex: (m) => read.push(m),
  });
  const mm = project.mainModules.single;
  const hashes = new Map<string, Promise<string>>();
  const repository = new ProxyModuleRepository({ fetcher: project.fetcher, env: project.env, sums: project.loader.opts.sums, sumFileName: 'go.sum', warn: opts.warn });
  const queries = new ModuleQueries({ loader: project.loader, repo: repository, signal: opts.signal });
  const session: GetSession = {
    loader: project.loader,
    requirements: project.requirements,
    mainModule: mm,
    queries,
    packages: packageSource(repository),
    cwd: project.dir,
    goSum: await readOrEmpty(join(mm.root, 'go.sum')),
    goModHash: (m) => {
      const k = `${m.path}@${m.version}`;
      let h = hashes.get(k);
      if (!h) hashes.set(k, (h = project.fetcher.goMod(m, opts.signal).then((text) => goModHash(Buffer.from(text, 'utf8')))));
      return h;
    },
    goModsRead: () => read,
    toolchainExplain: project.toolchain.explain,
    buildContext: buildContextFor(opts.env, project.loader.opts.localGo),
    signal: opts.signal,
    // What the session remembers from preview to preview lives (and is dropped) with it.
    memory: new PreviewSession({ ...engineOptionsFromEnv(opts.env), ...opts.engine }),
  };
  return { project, session, repository };
}

/** previewGet computes what go get would do in an opened project, writing nothing. */
export async function previewGet(p: GetProject, opts: GetOptions): Promise<GetPlan> {
  return withUnzipNotes(p, await planGet(p.session, opts));
}

/**
 * withUnzipNotes words plan's report as go prints it where zips failed: first the "-> unzip ..."
 * lines go prints as it refuses a zip; and where a zip did not match go.sum, only its SECURITY
 * ERROR, bare, since go stops there (base.Fatalf) before reporting anything else.
 */
export function withUnzipNotes(p: GetProject, plan: GetPlan): GetPlan {
  const notes = p.repository.unzipNotesFor(plan.stderr);
  const fatal = p.repository.fatalIn(plan.stderr);
  if (fatal !== undefined) return { ...plan, ok: false, stderr: notes + fatal.replace(/\n?$/, '\n') };
  return notes === '' ? plan : { ...plan, stderr: notes + plan.stderr };
}

/**
 * applyPlan writes go.mod, then go.sum, as go get does (in place: see user-file.ts). It refuses
 * (as go does) when go.mod on disk is no longer the file the plan was computed from. A failure
 * leaves what was already written, as go's does.
 */
export async function applyPlan(p: GetProject, plan: GetPlan): Promise<void> {
  const mm = p.session.mainModule;
  if (plan.goModAfter !== undefined) {
    const now = await readOrEmpty(mm.goModPath);
    if (now !== plan.goModAfter) {
      if (now !== plan.goModBefore) throw new Error('updating go.mod: existing contents have changed since last read');
      try {
        await writeFileInPlace(mm.goModPath, plan.goModAfter);
      } catch (e) {
        throw new Error(`updating go.mod: ${(e as Error).message}`);
      }
    }
  }
  if (plan.goSumAfter !== undefined) {
    const sumFile = join(mm.root, 'go.sum');
    if ((await readOrEmpty(sumFile)) !== plan.goSumBefore) throw new Error('updating go.sum: existing contents have changed since last read');
    try {
      await writeFileInPlace(sumFile, plan.goSumAfter);
    } catch (e) {
      throw new Error(`updating go.sum: ${(e as Error).message}`);
    }
  }
}

/**
 * splitAfterWrite separates the lines go get prints once go.mod is written (reportChanges: "go:
 * added", "upgraded", "downgraded", "removed", at the end of the report) from those it prints
 * before: a write that fails must not be preceded by changes that did not happen.
 */
export function splitAfterWrite(stderr: string): { before: string; after: string } {
  const lines = stderr.split(/(?<=\n)/);
  let i = lines.length;
  while (i > 0 && /^go: (added|upgraded|downgraded|removed) /.test(lines[i - 1]!)) i--;
  return { before: lines.slice(0, i).join(''), after: lines.slice(i).join('') };
}

/** GetCommandOptions are the flags of gomodx get. */
export interface GetCommandOptions extends GetOptions {
  readonly dryRun: boolean;
  readonly json: boolean;
}

/** planJson prints a plan as the JSON the app and scripts read. */
export function planJson(plan: GetPlan): string {
  const mv = (m: ModuleVersion): string => (m.version === '' ? m.path : `${m.path}@${m.version}`);
  return (
    JSON.stringify(
      {
        ok: plan.ok,
        changes: plan.changes,
        requirements: plan.requirementsAfter?.map(mv) ?? null,
        buildListBefore: plan.buildListBefore.map(mv),
        buildListAfter: plan.buildListAfter?.map(mv) ?? null,
        goMod: plan.goModAfter ?? null,
        goSumAdded: plan.addedSumLines,
        stderr: plan.stderr,
      },
      null,
      2,
    ) + '\n'
  );
}

/** runGet is `gomodx get`: a dry run prints the report and the go.mod diff; otherwise it writes. */
export async function runGet(opts: Omit<OpenOptions, 'buildMod' | 'onFetch' | 'onSummaryFromIndex'>, cmd: GetCommandOptions): Promise<CommandOutput & { plan?: GetPlan }> {
  let p: GetProject;
  try {
    p = await openGetProject(opts);
  } catch (e) {
    return { stdout: '', stderr: formatFailure(e as Error), code: 1 };
  }
  const plan = await previewGet(p, cmd);
  if (cmd.json) return { stdout: planJson(plan), stderr: cmd.dryRun ? '' : '', code: plan.ok ? 0 : 1, plan };
  if (!plan.ok) return { stdout: '', stderr: plan.stderr, code: 1, plan };
  if (cmd.dryRun) {
    let stdout = '';
    if (plan.goModAfter !== undefined) stdout += unifiedDiff(plan.goModBefore, plan.goModAfter, 'go.mod', 'go.mod');
    if (plan.addedSumLines.length > 0) stdout += plan.addedSumLines.map((l) => `go.sum: + ${l}\n`).join('');
    return { stdout, stderr: plan.stderr, code: 0, plan };
  }
  const report = splitAfterWrite(plan.stderr);
  try {
    await applyPlan(p, plan);
  } catch (e) {
    return { stdout: '', stderr: report.before + formatFailure(e as Error), code: 1, plan };
  }
  return { stdout: '', stderr: plan.stderr, code: 0, plan };
}
