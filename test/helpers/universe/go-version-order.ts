// Ordering of Go toolchain versions as written on go lines ("1.16", "1.21rc1", "1.21.0"), kept
// separate from the engine's gover so that the generator does not trust the code under test.

interface ParsedGo {
  readonly major: number;
  readonly minor: number;
  /** rank: 0 language version "1.21", 1 beta, 2 rc, 3 release "1.21.N" */
  readonly rank: number;
  readonly n: number;
}

function parseGo(v: string): ParsedGo {
  const m = /^(\d+)\.(\d+)(?:(beta|rc)(\d+)|\.(\d+))?$/.exec(v);
  if (!m) throw new Error(`go-version-order: cannot parse ${JSON.stringify(v)}`);
  const [, maj, min, pre, preN, patch] = m;
  if (pre) return { major: +maj!, minor: +min!, rank: pre === 'beta' ? 1 : 2, n: +preN! };
  if (patch !== undefined) return { major: +maj!, minor: +min!, rank: 3, n: +patch };
  return { major: +maj!, minor: +min!, rank: 0, n: 0 };
}

/** compareGoVersions orders go-line versions: 1.21 < 1.21rc1 < 1.21.0 < 1.21.1 < 1.22. */
export function compareGoVersions(a: string, b: string): number {
  const x = parseGo(a);
  const y = parseGo(b);
  return x.major - y.major || x.minor - y.minor || x.rank - y.rank || x.n - y.n;
}

/** maxGoVersion returns the highest of the given go-line versions, or undefined for none. */
export function maxGoVersion(versions: ReadonlyArray<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    if (v !== undefined && (best === undefined || compareGoVersions(v, best) > 0)) best = v;
  }
  return best;
}
