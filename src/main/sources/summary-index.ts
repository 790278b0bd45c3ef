import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModuleVersion } from '../../shared/model/module-version';
import type { ModFileView } from '../core/modload/mod-file-view';
import type { SumLookup, SummaryCache, VersionInfo } from '../core/modload/ports';

/** Entry is one remembered go.mod: the hash of its bytes and what loading keeps of it. */
interface Entry {
  /** go.sum's h1: hash of the go.mod bytes the entry was made from (absent: .info only). */
  h?: string;
  /** module path, deprecation, go line, toolchain line. */
  m?: string;
  d?: string;
  g?: string;
  t?: string;
  /** requirements as "path version" pairs, in file order. */
  r?: string[];
  /** retractions as [low, high, rationale]. */
  x?: [string, string, string][];
  /** the version's .info time, once known. */
  i?: string;
}

interface IndexFile {
  format: 'gomodx-summary-index/1';
  entries: Record<string, Entry>;
}

/**
 * SummaryIndex is a per-project file in GOMODX_CACHE that remembers the summaries of the
 * published go.mod files a project's graph reads, and their .info times. A warm run reads one
 * small file instead of thousands of go.mod files. An entry is used only while go.sum records
 * the hash it was made from (or, in -mod=mod, while go.sum says nothing of it), so a go.sum
 * change or a tampered module is never hidden by the index.
 */
export class SummaryIndex implements SummaryCache {
  private readonly entries: Record<string, Entry>;
  private dirty = false;

  private constructor(
    private readonly file: string,
    entries: Record<string, Entry>,
    private readonly sums: SumLookup & { allHashes?(path: string, version: string): readonly string[] },
    private readonly hashOf: (m: ModuleVersion) => string | undefined,
    private readonly mustHaveSum: boolean,
    private readonly onHit?: (m: ModuleVersion) => void,
  ) {
    this.entries = entries;
  }

  /** open loads the index of projectDir (an empty one if absent or unreadable). */
  static open(cacheDir: string, projectDir: string, sums: SumLookup & { allHashes?(path: string, version: string): readonly string[] }, hashOf: (m: ModuleVersion) => string | undefined, mustHaveSum: boolean, onHit?: (m: ModuleVersion) => void): SummaryIndex {
    const id = createHash('sha256').update(projectDir).digest('hex').slice(0, 32);
    const file = join(cacheDir, 'index', `${id}.json`);
    let entries: Record<string, Entry> = Object.create(null);
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as IndexFile;
      if (parsed.format === 'gomodx-summary-index/1' && parsed.entries && typeof parsed.entries === 'object') {
        entries = Object.assign(Object.create(null), parsed.entries);
      }
    } catch {
      // No index yet, or a damaged one: start empty; it is only a cache.
    }
    return new SummaryIndex(file, entries, sums, hashOf, mustHaveSum, onHit);
  }

  private trusted(m: ModuleVersion, e: Entry | undefined): e is Entry & { h: string; m: string } {
    if (!e || e.h === undefined || e.m === undefined) return false;
    const recorded = this.sums.hashes(m.path, `${m.version}/go.mod`);
    // With only unknown-algorithm lines go reads the go.mod and warns as it adds h1: (see GoSum).
    if (recorded.length === 0) return !this.mustHaveSum && (this.sums.allHashes?.(m.path, `${m.version}/go.mod`).length ?? 0) === 0;
    return recorded.includes(e.h);
  }

  get(m: ModuleVersion): ModFileView | undefined {
    const e = this.entries[`${m.path}@${m.version}`];
    if (!this.trusted(m, e)) return undefined;
    this.onHit?.(m);
    return {
      module: { mod: { path: e.m, version: '' }, deprecated: e.d ?? '' },
      go: e.g !== undefined ? { version: e.g } : null,
      toolchain: e.t !== undefined ? { name: e.t } : null,
      require: (e.r ?? []).map((pv) => {
        const sp = pv.indexOf(' ');
        return { mod: { path: pv.slice(0, sp), version: pv.slice(sp + 1) }, indirect: false };
      }),
      exclude: [],
      replace: [],
      retract: (e.x ?? []).map(([low, high, rationale]) => ({ low, high, rationale })),
    };
  }

  put(m: ModuleVersion, view: ModFileView): void {
    const h = this.hashOf(m);
    // Only what this run read and checked itself is remembered.
    if (!h || !view.module) return;
    const e: Entry = { h, m: view.module.mod.path };
    if (view.module.deprecated) e.d = view.module.deprecated;
    if (view.go) e.g = view.go.version;
    if (view.toolchain) e.t = view.toolchain.name;
    if (view.require.length > 0) e.r = view.require.map((r) => `${r.mod.path} ${r.mod.version}`);
    if (view.retract.length > 0) e.x = view.retract.map((r) => [r.low, r.high, r.rationale]);
    const k = `${m.path}@${m.version}`;
    const old = this.entries[k];
    if (old?.i) e.i = old.i;
    this.entries[k] = e;
    this.dirty = true;
  }

  /**
   * info returns the remembered .info of m. Like the go command, which reads .info files from
   * its cache without a checksum, it needs no go.sum line: .info only carries a time.
   */
  info(m: ModuleVersion): VersionInfo | undefined {
    const e = this.entries[`${m.path}@${m.version}`];
    if (e?.i === undefined) return undefined;
    return { version: m.version, time: e.i };
  }

  /** putInfo remembers m's .info time (with its go.mod summary, if there is one). */
  putInfo(m: ModuleVersion, info: VersionInfo): void {
    if (info.version !== m.version) return;
    const k = `${m.path}@${m.version}`;
    const e = this.entries[k];
    if (e?.i === info.time) return;
    if (e) e.i = info.time;
    else this.entries[k] = { i: info.time };
    this.dirty = true;
  }

  /** save writes the index if it changed (atomically: a temporary file renamed over it). */
  save(): void {
    if (!this.dirty) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: 'gomodx-summary-index/1', entries: this.entries } satisfies IndexFile));
      renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // An index we cannot write only makes the next run slower.
    }
  }
}
