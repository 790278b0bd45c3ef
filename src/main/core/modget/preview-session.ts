/**
 * PreviewSession is what one opened project remembers between its go get runs and what-if
 * previews: modload's share (SessionMemory: the module table, the graphs go has loaded, parsed
 * .go headers) and go get's own (below). The service that opens the project creates it
 * (services/get-modules.ts openGetProject) and it is dropped with the project; nothing is kept
 * in module-level caches.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { cloneModFile } from '../modfile/clone';
import { parseModFile, type ModFile } from '../modfile/rules';
import type { ModuleTable } from '../modload/edit-graph/edit-graph';
import { grown } from '../modload/edit-graph/int-list';
import type { MainModule } from '../modload/main-modules';
import { SessionMemory } from '../modload/session-memory';
import type { RequirementGraph } from '../mvs/graph';

/** UnsummedGoMod is a go.mod read in the session whose hash go.sum lacks. */
export interface UnsummedGoMod {
  readonly m: ModuleVersion;
  /** "path version/go.mod", as go.sum spells its key. */
  readonly sumKey: string;
}

/** UnsummedIndex indexes the go.mod files read in the session whose hash go.sum lacks. */
export interface UnsummedIndex {
  /** How many of the session's reads have been looked at (the list of reads only grows). */
  scanned: number;
  /** By keyOf. */
  readonly byKey: Map<string, UnsummedGoMod>;
  readonly bySumKey: Map<string, UnsummedGoMod>;
  readonly byTable: WeakMap<ModuleTable, UnsummedIds>;
}

/** No answer yet for a table id; the id's go.mod is not among the unsummed ones. */
export const NOT_LOOKED_UP = -2;
export const NOT_UNSUMMED = -1;

/** The unsummed index's answers by table id: an index into entries, or NOT_*. */
export class UnsummedIds {
  answer = new Int32Array(0);
  readonly entries: UnsummedGoMod[] = [];

  grow(n: number): void {
    this.answer = grown(this.answer, n, (k) => new Int32Array(k).fill(NOT_LOOKED_UP));
  }
}

/** unsummedIdsOf is the answers of an unsummed index for one module table. */
export function unsummedIdsOf(u: UnsummedIndex, t: ModuleTable): UnsummedIds {
  let k = u.byTable.get(t);
  if (!k) u.byTable.set(t, (k = new UnsummedIds()));
  return k;
}

/** PreviewSession is what a project's go get runs and previews remember (see the file header). */
export class PreviewSession extends SessionMemory {
  /**
   * The spelling of a root list, a direct set or a build list in a state key: the same objects
   * come back round after round (they are never changed once made), so each is spelled once.
   */
  private readonly spellings = new WeakMap<object, string>();
  /** The main go.mod parsed once per read (by its index), and its tool and ignore directives. */
  private readonly parsedGoMods = new WeakMap<object, ModFile>();
  private readonly toolsAndIgnoresOf = new WeakMap<object, { tools: string[]; ignore: string[] }>();
  /** Each build list's versions by path (every preview starts from the same graph). */
  private readonly versionsByGraph = new WeakMap<RequirementGraph, ReadonlyMap<string, string>>();
  /** The go.mod files read in the session that go.sum lacks (see go-get.ts unsummedGoMods). */
  readonly unsummed: UnsummedIndex = { scanned: 0, byKey: new Map(), bySumKey: new Map(), byTable: new WeakMap() };

  /** spelled is spell(), once per object o. */
  spelled(o: object, spell: () => string): string {
    let s = this.spellings.get(o);
    if (s === undefined) this.spellings.set(o, (s = spell()));
    return s;
  }

  /**
   * goModToEdit is a parse of the main go.mod that the caller may edit: the file is parsed once
   * per read and each edit gets a copy, which costs a fraction of parsing it again.
   */
  goModToEdit(mm: MainModule): ModFile {
    let f = this.parsedGoMods.get(mm.index);
    if (!f) {
      f = parseModFile(mm.goModPath, mm.index.data);
      this.parsedGoMods.set(mm.index, f);
    }
    return cloneModFile(f);
  }

  /** toolsAndIgnores reads the tool and ignore directives of the main go.mod (once per file read). */
  toolsAndIgnores(mm: MainModule): { tools: string[]; ignore: string[] } {
    let r = this.toolsAndIgnoresOf.get(mm.index);
    if (!r) {
      r = { tools: [], ignore: [] };
      try {
        const f = parseModFile(mm.goModPath, mm.index.data);
        r = { tools: f.tool.map((t) => t.path), ignore: f.ignore.map((i) => i.path) };
      } catch {
        // go.mod was read already: a file that does not parse again has no tools to offer.
      }
      this.toolsAndIgnoresOf.set(mm.index, r);
    }
    return r;
  }

  /**
   * buildListVersions maps each path of graph's build list to its version. Every preview of a
   * session starts from the same graph: the map is made once per graph (and never changed).
   */
  buildListVersions(graph: RequirementGraph): ReadonlyMap<string, string> {
    let v = this.versionsByGraph.get(graph);
    if (!v) this.versionsByGraph.set(graph, (v = new Map(graph.buildList().map((m) => [m.path, m.version]))));
    return v;
  }
}
