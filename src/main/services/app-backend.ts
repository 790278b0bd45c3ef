/**
 * The backend of the window: one handler per call channel of the contract, written once and
 * served by both transports (Electron IPC in src/main/ipc, loopback HTTP in src/main/server).
 * Handlers receive requests that the transport already validated against the schemas.
 */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { EventChannel, EventMap, InvokeChannel, Req, Res } from '../../shared/ipc/contract';
import type { ModuleExplanationDto, WhatIfPreviewDto } from '../../shared/ipc/contract';
import type { ModuleGraphDto } from '../../shared/model/module-graph';
import { moduleKey } from '../../shared/model/module-version';
import { fail, ok, type Result } from '../../shared/model/result';
import { explainModule, GraphIndex, type Explanation } from '../core/why/explain';
import { exampleEnv } from './example-project';
import { loadGraphDto, type GraphLoad, type GraphProgress } from './graph-dto';
import type { Project } from './project';
import { ProjectWatcher } from './project-watcher';
import type { RecentProjects } from './recent-projects';
import { WhatIf, WhatIfError } from './what-if';
import { LegacyImport, LegacyImportError } from './legacy-import';
import { chooseFindings, planProjectFixes, scanProject, type VulnScan } from './vuln-scan';
import { planDto, scanDto } from './vuln-dto';

/** Handlers implements every call channel. */
export type Handlers = { readonly [K in InvokeChannel]: (req: Req<K>) => Promise<Res<K>> };

/** Emit pushes an event to the renderer(s). */
export type Emit = <K extends EventChannel>(channel: K, payload: EventMap[K]) => void;

/** BackendDeps is everything the backend needs from the process that hosts it. */
export interface BackendDeps {
  readonly transport: 'ipc' | 'http';
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly recent: RecentProjects;
  readonly emit: Emit;
  readonly exampleDir?: string;
  readonly initialDir?: string;
  /** A native folder dialog; absent in a browser. */
  readonly pickFolder?: () => Promise<string | undefined>;
  /** Turn off watching go.mod/go.sum/go.work (tests). */
  readonly watch?: boolean;
  /** Minimum time between two progress events of one job. */
  readonly progressIntervalMs?: number;
}

/** AppBackend is the handlers and a way to stop what they started (watchers, loads). */
export interface AppBackend {
  readonly handlers: Handlers;
  dispose(): void;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function projectName(dto: ModuleGraphDto): string {
  return dto.mainModules.length > 0 ? dto.mainModules.join(', ') : basename(dto.dir);
}

/** watchDirsOf lists the directories holding the project's go.mod files and go.work. */
function watchDirsOf(dto: ModuleGraphDto): string[] {
  const dirs = new Set<string>();
  for (const n of dto.nodes) if (n.kind === 'main' && n.sourceUrl) dirs.add(dirname(n.sourceUrl));
  if (dto.workFile) dirs.add(dirname(dto.workFile));
  if (dirs.size === 0) dirs.add(dto.dir);
  return [...dirs];
}

/** WHY_MAX_PATHS bounds the chains listed per winning requirement (the panel shows them one at a time or together). */
const WHY_MAX_PATHS = 20;

/** explanationDto turns an explanation into node ids the renderer draws. */
export function explanationDto(e: Explanation): ModuleExplanationDto {
  const selected = e.version !== 'none' ? moduleKey({ path: e.path, version: e.version }) : undefined;
  return {
    path: e.path,
    version: e.version,
    ...(selected ? { selectedId: selected } : {}),
    ...(e.absent ? { absent: e.absent } : {}),
    reasons: e.reasons.map((r) => {
      const chain = r.chain.map(moduleKey);
      const all = (r.allChains ?? []).map((c) => c.map(moduleKey));
      // The shortest chain first, then the others once each.
      const others = all.filter((c) => c.join('\n') !== chain.join('\n'));
      return { requirer: moduleKey(r.requirer), requires: r.requires, chain, allChains: [chain, ...others] };
    }),
    requirers: e.requirers.map((r) => ({ requirer: moduleKey(r.requirer), requires: r.requires })),
    unselected: e.unselected.map((u) => ({ version: u.version, reason: u.reason })),
    replace: e.replace ? { old: moduleKey(e.replace.old), new: moduleKey(e.replace.new), source: e.replace.source } : null,
  };
}

/** EXAMPLE_READ_ONLY is why apply refuses on the bundled example. */
const EXAMPLE_READ_ONLY = 'The bundled example is read-only: copy resources/example to a folder of yours and open that to apply changes.';

/** whatIfFailure turns a what-if refusal into the error the renderer shows. */
function whatIfFailure<T>(e: unknown): Result<T> {
  if (e instanceof WhatIfError) return fail(e.code === 'stale' ? 'conflict' : e.code === 'not-found' ? 'not-found' : 'refused', e.message);
  throw e;
}

/** createAppBackend builds the handlers of every channel around deps. */
export function createAppBackend(deps: BackendDeps): AppBackend {
  const jobs = new Map<string, AbortController>();
  let watcher: ProjectWatcher | undefined;
  // The last project loaded, kept so that questions about it need no reload.
  let opened: { readonly dir: string; readonly project: Project; readonly load: GraphLoad; index?: GraphIndex } | undefined;
  // The what-if engine of the open project: it outlives reloads of the same project, which keeps its undo history.
  let whatIf: { readonly dir: string; readonly engine: WhatIf } | undefined;
  const whatIfFor = (dir: string): WhatIf | undefined => (whatIf?.dir === dir ? whatIf.engine : undefined);
  // The environment the open project was loaded with, and its last vulnerability scan.
  let openedEnv: Readonly<Record<string, string | undefined>> = deps.env;
  let lastScan: { readonly dir: string; readonly scan: VulnScan } | undefined;
  const interval = deps.progressIntervalMs ?? 50;
  const legacy = new LegacyImport(deps.env);

  const cancelJob = (jobId: string): Result<{ readonly canceled: boolean }> => {
    const job = jobs.get(jobId);
    if (!job) return ok({ canceled: false });
    job.abort(new DOMException('canceled', 'AbortError'));
    return ok({ canceled: true });
  };

  const progressSender = (jobId: string): ((p: GraphProgress) => void) => {
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let latest: GraphProgress | undefined;
    const send = (): void => {
      pending = undefined;
      last = Date.now();
      if (latest && jobs.has(jobId)) deps.emit('app:graph-progress', { jobId, ...latest });
    };
    return (p) => {
      latest = p;
      if (pending) return;
      const wait = interval - (Date.now() - last);
      if (wait <= 0) send();
      else pending = setTimeout(send, wait);
    };
  };

  const handlers: Handlers = {
    'app:info-get': async () =>
      ok({
        transport: deps.transport,
        version: deps.version,
        canPickFolder: deps.pickFolder !== undefined,
        canDropFolders: deps.transport === 'ipc',
        exampleAvailable: deps.exampleDir !== undefined,
        ...(deps.initialDir ? { initialDir: deps.initialDir } : {}),
      }),

    'app:graph-load': async ({ jobId, target }) => {
      if (jobs.has(jobId)) return fail('invalid-request', `job ${jobId} is already running`);
      let dir: string;
      let env = deps.env;
      const example = target.kind === 'example';
      if (target.kind === 'example') {
        if (!deps.exampleDir) return fail('not-found', 'the example project is not bundled with this build');
        dir = deps.exampleDir;
        env = exampleEnv(deps.exampleDir, deps.env);
      } else {
        dir = resolve(target.dir);
        if (!isDirectory(dir)) return fail('not-found', `${dir}: not a directory`);
      }
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        let loaded: { project: Project; load: GraphLoad } | undefined;
        const dto = await loadGraphDto({
          dir,
          env,
          signal: controller.signal,
          example,
          onProgress: progressSender(jobId),
          onLoaded: (project, load) => (loaded = { project, load }),
        });
        if (controller.signal.aborted) return fail('canceled', 'loading was canceled');
        opened = loaded ? { dir: dto.dir, ...loaded } : undefined;
        openedEnv = env;
        lastScan = undefined;
        if (whatIf?.dir !== dto.dir) {
          whatIf?.engine.dispose();
          whatIf = {
            dir: dto.dir,
            engine: new WhatIf({
              dir: dto.dir,
              env,
              ...(example ? { readOnly: EXAMPLE_READ_ONLY } : {}),
              onWrite: (file, text) => watcher?.expectOwnWrite(file, text),
            }),
          };
        }
        // The first preview should not wait for what can be done while the user reads the graph.
        if (dto.mainModules.length > 0) {
          const engine = whatIf.engine;
          setTimeout(() => void engine.warm(), 0);
        }
        if (!example && dto.mainModules.length > 0) deps.recent.add(dto.dir, projectName(dto));
        watcher?.close();
        watcher = undefined;
        // A project go refuses is watched too: fixing its go.mod reloads it.
        if (deps.watch !== false && !example) {
          watcher = new ProjectWatcher(watchDirsOf(dto), (file) => deps.emit('app:project-changed', { dir: dto.dir, file }));
        }
        return ok(dto);
      } catch (e) {
        if (controller.signal.aborted) return fail('canceled', 'loading was canceled');
        throw e;
      } finally {
        jobs.delete(jobId);
      }
    },

    'app:graph-cancel': async ({ jobId }) => cancelJob(jobId),

    'app:folder-pick': async () => {
      if (!deps.pickFolder) return fail('unsupported', 'this window cannot show a folder dialog; type the path instead');
      const dir = await deps.pickFolder();
      return ok({ dir: dir ?? null });
    },

    'app:recent-list': async () => ok(deps.recent.list()),

    'app:recent-remove': async ({ dir }) => ok(deps.recent.remove(dir)),

    'app:module-explain': async ({ dir, path }) => {
      if (!opened || opened.dir !== dir) return fail('not-found', `${dir}: no project is open there; load it first`);
      const mg = opened.load.mg;
      if (!mg) return fail('not-found', `${dir}: the module graph could not be loaded`);
      opened.index ??= new GraphIndex(mg, opened.project.loader);
      const e = await explainModule(opened.index, path, { allPaths: true, maxPaths: WHY_MAX_PATHS });
      return ok(explanationDto(e));
    },

    'app:module-versions': async ({ dir, path }) => {
      const engine = whatIfFor(dir);
      if (!engine) return fail('not-found', `${dir}: no project is open there; load it first`);
      return ok(await engine.versions(path));
    },

    'app:whatif-preview': async ({ jobId, dir, args, upgrade }) => {
      const engine = whatIfFor(dir);
      if (!engine) return fail('not-found', `${dir}: no project is open there; load it first`);
      if (jobs.has(jobId)) return fail('invalid-request', `job ${jobId} is already running`);
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        return ok(await engine.preview({ args, upgrade }, controller.signal));
      } catch (e) {
        if (controller.signal.aborted) return fail('canceled', 'the preview was canceled');
        if (e instanceof WhatIfError) return whatIfFailure<WhatIfPreviewDto>(e);
        throw e;
      } finally {
        jobs.delete(jobId);
      }
    },

    'app:whatif-cancel': async ({ jobId }) => cancelJob(jobId),

    'app:whatif-apply': async ({ dir, base, args, upgrade }) => {
      const engine = whatIfFor(dir);
      if (!engine) return fail('not-found', `${dir}: no project is open there; load it first`);
      try {
        return ok(await engine.apply({ args, upgrade }, base));
      } catch (e) {
        return whatIfFailure(e);
      }
    },

    'app:vuln-scan': async ({ jobId, dir, refresh }) => {
      if (!opened || opened.dir !== dir) return fail('not-found', `${dir}: no project is open there; load it first`);
      if (jobs.has(jobId)) return fail('invalid-request', `job ${jobId} is already running`);
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        const scan = await scanProject({ dir, env: openedEnv, refresh, signal: controller.signal }, opened.project);
        lastScan = { dir, scan };
        return ok(scanDto(dir, scan));
      } catch (e) {
        if (controller.signal.aborted) return fail('canceled', 'the vulnerability scan was canceled');
        return fail('refused', (e as Error).message);
      } finally {
        jobs.delete(jobId);
      }
    },

    'app:vuln-plan': async ({ jobId, dir, picks }) => {
      if (!lastScan || lastScan.dir !== dir) return fail('not-found', `${dir}: scan it for vulnerabilities first`);
      if (jobs.has(jobId)) return fail('invalid-request', `job ${jobId} is already running`);
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        const chosen = chooseFindings(lastScan.scan.findings, picks);
        const { plan } = await planProjectFixes({ dir, env: openedEnv, signal: controller.signal }, chosen, picks.length === 0 ? lastScan.scan : undefined);
        return ok(planDto(plan));
      } catch (e) {
        if (controller.signal.aborted) return fail('canceled', 'planning the fix was canceled');
        return fail('refused', (e as Error).message);
      } finally {
        jobs.delete(jobId);
      }
    },

    'app:vuln-cancel': async ({ jobId }) => cancelJob(jobId),

    'app:whatif-undo': async ({ dir, undoId }) => {
      const engine = whatIfFor(dir);
      if (!engine) return fail('not-found', `${dir}: no project is open there; load it first`);
      try {
        return ok(await engine.undo(undoId));
      } catch (e) {
        return whatIfFailure<{ readonly files: readonly string[] }>(e);
      }
    },

    'app:legacy-preview': async ({ jobId, dir, modulePath }) => {
      if (jobs.has(jobId)) return fail('invalid-request', `job ${jobId} is already running`);
      const abs = resolve(dir);
      if (!isDirectory(abs)) return fail('not-found', `${abs}: not a directory`);
      const controller = new AbortController();
      jobs.set(jobId, controller);
      let last = 0;
      try {
        const dto = await legacy.preview(abs, modulePath, controller.signal, (p) => {
          const now = Date.now();
          if (now - last < interval && p.done < p.total) return;
          last = now;
          deps.emit('app:legacy-progress', { jobId, done: p.done, total: p.total, ...(p.entry ? { current: `${p.entry.path}@${p.entry.version}` } : {}) });
        });
        if (controller.signal.aborted) return fail('canceled', 'the conversion was canceled');
        return ok(dto);
      } catch (e) {
        if (controller.signal.aborted) return fail('canceled', 'the conversion was canceled');
        throw e;
      } finally {
        jobs.delete(jobId);
      }
    },

    'app:legacy-cancel': async ({ jobId }) => cancelJob(jobId),

    'app:legacy-apply': async ({ dir, base }) => {
      try {
        return ok({ goModPath: await legacy.apply(resolve(dir), base) });
      } catch (e) {
        if (e instanceof LegacyImportError) return fail(e.code, e.message);
        throw e;
      }
    },
  };

  return {
    handlers,
    dispose() {
      watcher?.close();
      whatIf?.engine.dispose();
      for (const job of jobs.values()) job.abort();
      jobs.clear();
    },
  };
}
