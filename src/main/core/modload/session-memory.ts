/**
 * What one opened project remembers from one go get (or what-if preview) to the next, in one
 * object that the service opening the project creates and drops with it (services/
 * get-modules.ts, through modget's PreviewSession). These were module-level WeakMaps and
 * WeakSets keyed on other modules' objects; now each lives as long as its session and no
 * longer. Everything kept here is a fact about files that do not change while the session is
 * open (go.mod files, module zips) or about objects the session made, so it changes no answer.
 */
import type { RequirementGraph } from '../mvs/graph';
import type { EditGraphIds, ModuleTable } from './edit-graph/edit-graph';
import type { GoFileHeader } from './load/go-imports';
import type { Requirements } from './loader';
import type { GoFile } from './ports';

/** EngineOptions are the switches of the edit engine, set by the services, never read from the environment in core. */
export interface EngineOptions {
  /**
   * plainGraph forces the plain paths that the accelerated ones are checked against: every
   * edit round's graph loaded without the carried root layer, the whole disqualification walk,
   * the last round's graph not handed over (edit-graph/edit-graph.ts explains the scheme).
   */
  readonly plainGraph?: boolean;
  /** checkTaint makes every edit round check the taint marks it carries (slow: tests, bench --check-taint). */
  readonly checkTaint?: boolean;
}

/** SessionMemory is what modload's edit and package loading remember across commands of one session. */
export class SessionMemory {
  /** The session's module table (edit-graph), interned once for every edit; see withModuleTable. */
  private table?: ModuleTable;
  private tableBusy = false;
  /** The table ids behind each graph that an edit handed over (graphResultOf). */
  private readonly graphIds = new WeakMap<RequirementGraph, EditGraphIds>();
  /**
   * The requirements whose module graph go would have loaded by now. go keeps go.sum lines for
   * the whole graph only when the final requirements' graph is loaded (modload.keepSums), so
   * this follows go's calls to Requirements.Graph rather than ours (which cache and preload).
   */
  private readonly loadedGraphs = new WeakSet<Requirements>();
  /** Parsed headers of .go files (the package source hands out the same file objects again). */
  private readonly headers = new WeakMap<GoFile, GoFileHeader | null>();

  constructor(readonly options: EngineOptions = {}) {}

  /**
   * withModuleTable runs f with the session's module table; an edit that overlaps another (the
   * app previews concurrently) gets a fresh table, because a table's graph stamps serve one
   * edit at a time.
   */
  async withModuleTable<T>(make: () => ModuleTable, f: (t: ModuleTable) => Promise<T>): Promise<T> {
    if (this.tableBusy) return f(make());
    const t = (this.table ??= make());
    this.tableBusy = true;
    try {
      return await f(t);
    } finally {
      this.tableBusy = false;
    }
  }

  /** recordGraphIds remembers the table ids behind a graph an edit handed over. */
  recordGraphIds(g: RequirementGraph, ids: EditGraphIds): void {
    this.graphIds.set(g, ids);
  }

  /** editGraphIds returns the ids behind g, if an edit of this session handed it over. */
  editGraphIds(g: RequirementGraph): EditGraphIds | undefined {
    return this.graphIds.get(g);
  }

  /** markGraphLoaded records that go has loaded the module graph of rs. */
  markGraphLoaded(rs: Requirements): void {
    this.loadedGraphs.add(rs);
  }

  /** isGraphLoaded tells whether go would have loaded the module graph of rs. */
  isGraphLoaded(rs: Requirements): boolean {
    return this.loadedGraphs.has(rs);
  }

  /** header parses f's header once per session (undefined: not a Go file go can read). */
  header(f: GoFile, parse: (text: string) => GoFileHeader | undefined): GoFileHeader | undefined {
    let h = this.headers.get(f);
    if (h === undefined) this.headers.set(f, (h = parse(f.text) ?? null));
    return h ?? undefined;
  }
}
