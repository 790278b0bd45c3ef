/**
 * A unified diff (diff -u format, three lines of context) of two small texts such as go.mod
 * files, from a longest-common-subsequence alignment of their lines.
 */

type Op = { tag: ' ' | '-' | '+'; line: string; a: number; b: number };

function align(x: readonly string[], y: readonly string[]): Op[] {
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push({ tag: ' ', line: x[i]!, a: i++, b: j++ });
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ tag: '-', line: x[i]!, a: i++, b: j });
    } else {
      ops.push({ tag: '+', line: y[j]!, a: i, b: j++ });
    }
  }
  return ops;
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
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
    // Extend the hunk while changes are closer than 2*context lines apart.
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
    const aStart = aLines === 0 ? hunk[0]!.a : hunk[0]!.a + 1;
    const bStart = bLines === 0 ? hunk[0]!.b : hunk[0]!.b + 1;
    out.push(`@@ -${aStart},${aLines} +${bStart},${bLines} @@`);
    for (const o of hunk) out.push(o.tag + o.line);
    k = end;
  }
  const missingNewline = (s: string): boolean => s !== '' && !s.endsWith('\n');
  if (missingNewline(a) || missingNewline(b)) out.push('\\ No newline at end of file');
  return out.join('\n') + '\n';
}
