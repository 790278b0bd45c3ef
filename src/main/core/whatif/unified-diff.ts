/**
 * A unified diff (diff -u format, as GNU diff prints it) of two texts such as go.mod files. The
 * alignment is Jest's diff-sequences (Myers' O(ND) algorithm in linear space), cut first at
 * unique lines on large inputs: a preview that moves hundreds of requirements of a 1,000-line
 * go.mod must not pay for a quadratic table.
 */
import diffSequences from '@jest/diff-sequences';

type Op = { tag: ' ' | '-' | '+'; line: string; a: number; b: number };

/** splitLines keeps each line's '\n', so that a last line without one differs from one with it. */
function splitLines(s: string): string[] {
  const lines = s.split(/(?<=\n)/);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

/**
 * commonRuns reports the common runs of x[xs..xe) and y[ys..ye) in order. Large inputs are first
 * cut at the lines that occur exactly once in each (patience diff's anchors, in the longest order
 * both agree on): a go.mod's lines are nearly all unique, so what is left between two anchors is
 * a line or two, and hundreds of changed requirements cost a linear pass, not Myers' O(ND).
 */
function commonRuns(x: readonly string[], y: readonly string[], xs: number, xe: number, ys: number, ye: number, found: (n: number, ai: number, bj: number) => void): void {
  const direct = (x0: number, x1: number, y0: number, y1: number): void =>
    diffSequences(
      x1 - x0,
      y1 - y0,
      (ai, bj) => x[x0 + ai] === y[y0 + bj],
      (n, ai, bj) => found(n, x0 + ai, y0 + bj),
    );
  if ((xe - xs) * (ye - ys) <= 100_000) return direct(xs, xe, ys, ye);
  const seen = new Map<string, { ca: number; cb: number; ia: number; ib: number }>();
  for (let i = xs; i < xe; i++) {
    const e = seen.get(x[i]!);
    if (e) e.ca++;
    else seen.set(x[i]!, { ca: 1, cb: 0, ia: i, ib: -1 });
  }
  for (let j = ys; j < ye; j++) {
    const e = seen.get(y[j]!);
    if (e) {
      e.cb++;
      e.ib = j;
    }
  }
  const anchors: { ia: number; ib: number }[] = [];
  for (const e of seen.values()) if (e.ca === 1 && e.cb === 1) anchors.push(e);
  anchors.sort((p, q) => p.ia - q.ia);
  // Longest increasing run of ib (patience sorting), kept as a chain of predecessors.
  const tails: number[] = [];
  const prev = new Int32Array(anchors.length).fill(-1);
  anchors.forEach((e, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (anchors[tails[mid]!]!.ib < e.ib) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const chain: number[] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) chain.push(k);
  chain.reverse();
  if (chain.length === 0) return direct(xs, xe, ys, ye);
  let i = xs;
  let j = ys;
  for (const k of chain) {
    const { ia, ib } = anchors[k]!;
    direct(i, ia, j, ib);
    found(1, ia, ib);
    i = ia + 1;
    j = ib + 1;
  }
  direct(i, xe, j, ye);
}

function align(x: readonly string[], y: readonly string[]): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  const changesUpTo = (ai: number, bj: number): void => {
    while (i < ai) ops.push({ tag: '-', line: x[i]!, a: i++, b: j });
    while (j < bj) ops.push({ tag: '+', line: y[j]!, a: i, b: j++ });
  };
  commonRuns(x, y, 0, x.length, 0, y.length, (n, ai, bj) => {
    changesUpTo(ai, bj);
    for (let k = 0; k < n; k++) ops.push({ tag: ' ', line: x[i]!, a: i++, b: j++ });
  });
  changesUpTo(x.length, y.length);
  return ops;
}

/** range prints a hunk's range as diff -u does: an empty one names the line before it, one line no count. */
function range(first: number, count: number): string {
  return count === 1 ? `${first + 1}` : `${count === 0 ? first : first + 1},${count}`;
}

/** unifiedDiff returns the diff from a to b ("" when they are equal). */
export function unifiedDiff(a: string, b: string, nameA: string, nameB: string, context = 3): string {
  if (a === b) return '';
  const ops = align(splitLines(a), splitLines(b));
  const out: string[] = [`--- ${nameA}`, `+++ ${nameB}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.tag === ' ') k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - context);
    let end = k;
    // One hunk while changes are at most 2*context lines apart.
    for (;;) {
      while (end < ops.length && ops[end]!.tag !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.tag === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    const hunk = ops.slice(start, end);
    const aLines = hunk.filter((o) => o.tag !== '+').length;
    const bLines = hunk.filter((o) => o.tag !== '-').length;
    out.push(`@@ -${range(hunk[0]!.a, aLines)} +${range(hunk[0]!.b, bLines)} @@`);
    for (const o of hunk) {
      if (o.line.endsWith('\n')) out.push(o.tag + o.line.slice(0, -1));
      else out.push(o.tag + o.line, '\\ No newline at end of file');
    }
    k = end;
  }
  return out.join('\n') + '\n';
}
