/**
 * Package gosum reads go.sum files: lines "path version h1:hash" and "path version/go.mod h1:hash".
 *
 * Domain rules (modfetch.readGoSum): blank lines are skipped; a line with other than three
 * fields is an error; the hash of an empty go.mod, which old go versions wrote by mistake, is
 * ignored. Several files may contribute (go.sum of each workspace module and go.work.sum).
 * Only "h1:" hashes verify anything (modfetch.haveModSumLocked, HaveSum): a line with another
 * algorithm, or none, is kept but neither matches nor conflicts, so a go.mod it names counts as
 * missing from go.sum; adding the h1: hash beside it makes go print a SECURITY WARNING.
 */
import type { SumLookup } from '../modload/ports';

const EMPTY_GO_MOD_HASH = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';

const NONE: readonly string[] = [];

/** GoSumError is a malformed go.sum line, named by file and line. */
export class GoSumError extends Error {}

/** GoSum is the merged content of one or more go.sum files. */
export class GoSum implements SumLookup {
  // path → version (with "/go.mod" for go.mod hashes) → hashes; nested so lookups build no strings.
  private readonly lines = new Map<string, Map<string, string[]>>();

  /** add parses data (the content of file) into the set; throws GoSumError on a malformed line. */
  add(file: string, data: string): void {
    let lineno = 0;
    for (const raw of data.split('\n')) {
      lineno++;
      const line = raw.replace(/\r$/, '');
      const f = line.split(/[ \t\v\f\r\u0085\u00a0]+/).filter((x) => x !== '');
      if (f.length === 0) continue;
      if (f.length !== 3) throw new GoSumError(`malformed go.sum:\n${file}:${lineno}: wrong number of fields ${f.length}\n`);
      if (f[2] === EMPTY_GO_MOD_HASH) continue;
      let byVersion = this.lines.get(f[0]);
      if (!byVersion) this.lines.set(f[0], (byVersion = new Map()));
      const list = byVersion.get(f[1]);
      if (!list) byVersion.set(f[1], [f[2]]);
      else if (!list.includes(f[2])) list.push(f[2]);
    }
  }

  /** hashes returns the h1: hashes recorded for a key, in file order: the ones that verify. */
  hashes(path: string, version: string): readonly string[] {
    const all = this.lines.get(path)?.get(version);
    if (!all) return NONE;
    return all.every((h) => h.startsWith('h1:')) ? all : all.filter((h) => h.startsWith('h1:'));
  }

  /** allHashes returns every hash recorded for a key, whatever its algorithm, in file order. */
  allHashes(path: string, version: string): readonly string[] {
    return this.lines.get(path)?.get(version) ?? NONE;
  }

  /** recorded lists every (path, version) with a line, versions as written ("v1.0.0/go.mod"). */
  *recorded(): Iterable<{ readonly path: string; readonly version: string }> {
    for (const [path, byVersion] of this.lines) for (const version of byVersion.keys()) yield { path, version };
  }
}
