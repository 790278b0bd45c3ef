/**
 * What-if for the window: the versions a module could move to, a preview of what `go get`
 * would do to the whole build list (writing nothing), and, on an explicit apply, the very
 * files go would write, with undo.
 *
 * One opened main module is kept per project and reused by every preview until go.mod or go.sum
 * change on disk. A preview names the bytes it was computed from (its base); apply writes only
 * if go.mod and go.sum on disk are still those bytes, and undo restores only files that are
 * still what apply wrote. Every write replaces the whole file at once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { GetSpecDto, ModuleVersionDto, ModuleVersionsDto, WhatIfApplyDto, WhatIfChangeDto, WhatIfPreviewDto } from '../../shared/ipc/contract';
import { moduleKey, type ModuleVersion } from '../../shared/model/module-version';
import { planGet } from '../core/modget/go-get';
import { ModuleQueries } from '../core/modload/query/query';
import { findError, ModuleRetractedError } from '../core/modload/query/query-errors';
import { unifiedDiff } from '../core/whatif/unified-diff';
import { buildListChanges } from '../core/whatif/build-list-changes';
import { readIfExists, writeFileInPlace } from './user-file';
import { openGetProject, withUnzipNotes, type GetProject } from './get-modules';

/** WhatIfError is a refusal to show the user as it is (nothing was written). */
export class WhatIfError extends Error {
  constructor(
    message: string,
    readonly code: 'stale' | 'refused' | 'read-only' | 'not-found',
  ) {
    super(message);
    this.name = 'WhatIfError';
  }
}

/** WhatIfOptions says which project and how to reach its modules. */
export interface WhatIfOptions {
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** When set, apply refuses with this message (the bundled example is never written). */
  readonly readOnly?: string;
  /** Told just before a file is written (text) or removed (undefined), so watchers can tell our writes from others'. */
  readonly onWrite?: (file: string, text: string | undefined) => void;
}

/** VERSIONS_DETAILED is how many of the newest versions get their go.mod and .info read. */
const VERSIONS_DETAILED = 40;

/**
 * WARM_LISTS_AT_ONCE bounds warm's requests, leaving most of the fetcher's 16 connections to a
 * preview the user may start meanwhile.
 */
const WARM_LISTS_AT_ONCE = 6;

/** SAVE_SUMMARIES_AFTER_MS is how long after the last preview the summary index is written. */
const SAVE_SUMMARIES_AFTER_MS = 2000;

interface DiskState {
  readonly goModPath: string;
  readonly goSumPath: string;
  readonly goMod: string | undefined;
  readonly goSum: string | undefined;
  readonly base: string;
}

interface UndoEntry {
  readonly goModPath: string;
  readonly goSumPath: string;
  /** Each file's bytes before and after the apply (undefined: the file did not exist). */
  readonly goMod?: { readonly before: string | undefined; readonly after: string };
  readonly goSum?: { readonly before: string | undefined; readonly after: string };
}

/** commandLine prints a get spec as the user would type it. */
export function commandLine(spec: GetSpecDto): string {
  const flag = spec.upgrade === 'upgrade' ? ['-u'] : spec.upgrade === 'patch' ? ['-u=patch'] : [];
  return ['go', 'get', ...flag, ...spec.args].join(' ');
}

function baseOf(goMod: string | undefined, goSum: string | undefined): string {
  return createHash('sha256')
    .update(goMod === undefined ? '\0none' : `mod:${goMod.length}:${goMod}`)
    .update(goSum === undefined ? '\0none' : `sum:${goSum.length}:${goSum}`)
    .digest('hex');
}

function aborted(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    const fire = (): void => reject(signal.reason ?? new DOMException('canceled', 'AbortError'));
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

/** WhatIf answers the what-if questions of one project directory. */
export class WhatIf {
  private opened?: Promise<{ readonly project: GetProject; readonly base: string }>;
  private readonly undos = new Map<string, UndoEntry>();
  private readonly life = new AbortController();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private unsaved?: GetProject;

  constructor(private readonly opts: WhatIfOptions) {}

  /** dispose stops what is loading; nothing that was written is touched. */
  dispose(): void {
    this.life.abort();
    this.saveSummaries();
  }

  /**
   * saveSoon writes the project's summary index a little after the last preview. A removal
   * steps roots down through versions no graph load reads (4,785 go.mod files on hugo for
   * golang.org/x/net@none, about half a second to read and parse); remembered, the next
   * session's first preview skips that. The index trusts an entry only as it trusts one a graph
   * load wrote (see SummaryIndex), and go get counts an entry it is given as a read of that go.mod
   * (openGetProject), so go.sum's new lines are the same either way.
   */
  private saveSoon(p: GetProject): void {
    this.unsaved = p;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveSummaries(), SAVE_SUMMARIES_AFTER_MS);
    this.saveTimer.unref?.();
  }

  private saveSummaries(): void {
    clearTimeout(this.saveTimer);
    this.unsaved?.project.persist();
    this.unsaved = undefined;
  }

  private async disk(): Promise<DiskState> {
    const { project } = await this.project();
    return readDisk(project);
  }

  /**
   * project opens the main module (as go get does: never a workspace, -mod=mod) once, and again
   * whenever go.mod or go.sum differ from the bytes it was opened with (its base).
   */
  private async project(): Promise<{ readonly project: GetProject; readonly base: string }> {
    if (this.opened) {
      const o = await this.opened.catch(() => undefined);
      if (o && (await readDisk(o.project)).base === o.base) return o;
    }
    const opened = (async () => {
      for (let attempt = 0; ; attempt++) {
        const project = await openGetProject({ dir: this.opts.dir, env: this.opts.env, signal: this.life.signal });
        const d = await readDisk(project);
        // The files may change while they are read; a base must name the bytes the project holds.
        if ((d.goMod === project.session.mainModule.index.data && (d.goSum ?? '') === project.session.goSum) || attempt === 2) return { project, base: d.base };
      }
    })();
    this.opened = opened;
    return opened;
  }

  /**
   * warm prepares the first preview while nobody waits for it: it opens the main module for go
   * get, loads its module graph and fetches the version lists of go.mod's requirements. A
   * removal or downgrade steps those roots down one version at a time, and each round of go's
   * editRequirements would otherwise wait on the proxy for the roots it has just reached (on
   * hugo, 64 lists in 14 waves). Nothing learnt here changes an answer: the lists are the ones
   * the session would fetch and keep, and a list that fails to arrive is not kept.
   */
  async warm(): Promise<void> {
    const signal = this.life.signal;
    try {
      const { project: p } = await this.project();
      await p.project.loader.expandGraph(p.project.requirements).catch(() => undefined);
      const paths = [...new Set(p.session.mainModule.file.require.map((r) => r.mod.path))];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < paths.length && !signal.aborted) await p.repository.prefetchVersions(paths[next++]!, signal);
      };
      await Promise.all(Array.from({ length: WARM_LISTS_AT_ONCE }, worker));
    } catch {
      // A project that cannot be opened says so at the first real question.
    }
  }

  /** session returns the opened project's go get session with this call's cancellation. */
  private session(p: GetProject, signal?: AbortSignal): GetProject['session'] {
    if (!signal) return p.session;
    const queries = new ModuleQueries({ loader: p.project.loader, repo: p.repository, signal });
    return { ...p.session, queries, signal };
  }

  /** versions lists path's published versions, newest first, with retractions and go lines. */
  async versions(path: string, signal?: AbortSignal): Promise<ModuleVersionsDto> {
    const { project: p } = await this.project();
    const loader = p.project.loader;
    const queries = new ModuleQueries({ loader, repo: p.repository, signal });
    let listed: readonly string[];
    try {
      listed = await Promise.race([p.repository.versions(path, signal), aborted(signal)]);
    } catch (e) {
      if (signal?.aborted) throw e;
      return { path, versions: [], error: (e as Error).message };
    }
    const newest = [...listed].reverse();
    const versions = await Promise.all(
      newest.map(async (version, i): Promise<ModuleVersionDto> => {
        const m = { path, version };
        const out: { -readonly [K in keyof ModuleVersionDto]: ModuleVersionDto[K] } = { version };
        if (loader.mainModules.isExcluded(m)) out.excluded = true;
        const allowed = await queries.checkRetractions(m).catch(() => undefined);
        const retracted = allowed && findError(allowed, ModuleRetractedError);
        if (retracted) out.retracted = retracted.rationale.join('; ');
        if (i < VERSIONS_DETAILED) {
          const [summary, info] = await Promise.all([
            Promise.resolve(loader.rawGoModSummary(m)).catch(() => undefined),
            p.project.fetcher.info(m, signal).catch(() => undefined),
          ]);
          if (summary?.ok) out.goVersion = summary.summary.goVersion;
          if (info?.time) out.time = info.time;
        }
        return out;
      }),
    );
    let deprecated = '';
    if (newest.length > 0) deprecated = await queries.checkDeprecation({ path, version: newest[0]! }).catch(() => '');
    return { path, versions, ...(deprecated ? { deprecated } : {}) };
  }

  /** preview computes what `go get spec` would do, and writes nothing. */
  async preview(spec: GetSpecDto, signal?: AbortSignal): Promise<WhatIfPreviewDto> {
    const started = performance.now();
    const { project: p, base } = await this.project();
    const read = p.session.goModsRead().length;
    const plan = withUnzipNotes(p, await Promise.race([planGet(this.session(p, signal), { args: spec.args, upgrade: spec.upgrade }), aborted(signal)]));
    if (p.session.goModsRead().length > read) this.saveSoon(p);
    const after = plan.ok ? plan.graphAfter : undefined;
    const changes: WhatIfChangeDto[] = plan.ok
      ? buildListChanges(plan.buildListBefore, plan.buildListAfter ?? [], plan.changes, after).map((c) => {
          const toId = c.new !== '' ? moduleKey({ path: c.path, version: c.new }) : undefined;
          const requires = toId && after ? after.requiredBy({ path: c.path, version: c.new })?.map(moduleKey) : undefined;
          return {
            path: c.path,
            old: c.old,
            new: c.new,
            kind: c.kind,
            reason: c.reason,
            reported: c.reported,
            ...(c.old !== '' ? { fromId: moduleKey({ path: c.path, version: c.old }) } : {}),
            ...(toId ? { toId } : {}),
            ...(c.by ? { byId: moduleKey(c.by) } : {}),
            ...(requires ? { requires } : {}),
          };
        })
      : [];
    return {
      command: commandLine(spec),
      ok: plan.ok,
      output: plan.stderr,
      changes,
      goModDiff: plan.goModAfter !== undefined ? unifiedDiff(plan.goModBefore, plan.goModAfter, 'go.mod', 'go.mod') : '',
      ...(plan.goModAfter !== undefined ? { goModAfter: plan.goModAfter } : {}),
      goSumAdded: plan.addedSumLines,
      base,
      buildListBefore: countModules(plan.buildListBefore),
      buildListAfter: countModules(plan.buildListAfter ?? plan.buildListBefore),
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  /**
   * apply writes go.mod and go.sum as `go get spec` would, if both are still the bytes the
   * preview named (base); otherwise it refuses and writes nothing.
   */
  async apply(spec: GetSpecDto, base: string): Promise<WhatIfApplyDto> {
    if (this.opts.readOnly) throw new WhatIfError(this.opts.readOnly, 'read-only');
    const before = await this.disk();
    if (before.base !== base) {
      throw new WhatIfError('go.mod or go.sum changed on disk since the preview; nothing was written. Look at the new graph and preview again.', 'stale');
    }
    const { project: p } = await this.project();
    const plan = withUnzipNotes(p, await planGet(p.session, { args: spec.args, upgrade: spec.upgrade }));
    if (!plan.ok) throw new WhatIfError(plan.stderr.trim() || `${commandLine(spec)} failed`, 'refused');
    const entry: UndoEntry = {
      goModPath: before.goModPath,
      goSumPath: before.goSumPath,
      ...(plan.goModAfter !== undefined ? { goMod: { before: before.goMod, after: plan.goModAfter } } : {}),
      ...(plan.goSumAfter !== undefined ? { goSum: { before: before.goSum, after: plan.goSumAfter } } : {}),
    };
    // Checked once more just before writing: the plan took time, and an editor may have saved.
    const now = await this.disk();
    if (now.base !== base) throw new WhatIfError('go.mod or go.sum changed on disk while the change was computed; nothing was written.', 'stale');
    const files = await this.writeSide(entry, 'after');
    const undoId = randomUUID();
    if (files.length > 0) this.undos.set(undoId, entry);
    return { command: commandLine(spec), files, undoId, output: plan.stderr };
  }

  /** undo puts back the files an apply wrote, if each is still what the apply wrote. */
  async undo(undoId: string): Promise<{ files: string[] }> {
    const entry = this.undos.get(undoId);
    if (!entry) throw new WhatIfError('nothing to undo: that change was already undone, or was made in another session', 'not-found');
    const [goMod, goSum] = await Promise.all([readIfExists(entry.goModPath), readIfExists(entry.goSumPath)]);
    const changed: string[] = [];
    if (entry.goMod && goMod !== entry.goMod.after) changed.push(entry.goModPath);
    if (entry.goSum && goSum !== entry.goSum.after) changed.push(entry.goSumPath);
    if (changed.length > 0) throw new WhatIfError(`${changed.join(' and ')} changed since the change was applied; nothing was restored.`, 'stale');
    const files = await this.writeSide(entry, 'before');
    this.undos.delete(undoId);
    return { files };
  }

  /** writeSide leaves each file of entry as it was before or after the apply (before may be "no file"). */
  private async writeSide(entry: UndoEntry, side: 'before' | 'after'): Promise<string[]> {
    const files: string[] = [];
    for (const [file, e] of [
      [entry.goModPath, entry.goMod],
      [entry.goSumPath, entry.goSum],
    ] as const) {
      if (!e) continue;
      const text = e[side];
      this.opts.onWrite?.(file, text);
      if (text === undefined) await unlink(file);
      else await writeFileInPlace(file, text);
      files.push(file);
    }
    return files;
  }
}

async function readDisk(p: GetProject): Promise<DiskState> {
  const mm = p.session.mainModule;
  const goSumPath = join(mm.root, 'go.sum');
  const [goMod, goSum] = await Promise.all([readIfExists(mm.goModPath), readIfExists(goSumPath)]);
  return { goModPath: mm.goModPath, goSumPath, goMod, goSum, base: baseOf(goMod, goSum) };
}

/** countModules counts a build list as `go list -m all` prints it (no go or toolchain lines). */
function countModules(list: readonly ModuleVersion[]): number {
  return list.filter((m) => m.path !== 'go' && m.path !== 'toolchain').length;
}
