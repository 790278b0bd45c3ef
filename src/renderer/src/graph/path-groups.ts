/**
 * Groups of module paths for the overview of a large graph. Real build lists are long-tailed:
 * a few prefixes hold dozens of modules (cloud.google.com/go, github.com/aws/aws-sdk-go-v2/…),
 * most owners hold one. So a group is cut where it is big, by one more path element at a time,
 * and only while the cut yields real groups; what a cut leaves alone stays in a "prefix/…" group
 * rather than scattering into hundreds of boxes of one. Families (foo, foo/v2) stay together
 * because the family, not the path, is what is cut.
 */

/** A group bigger than this is cut by the next path element. */
export const GROUP_MAX = 15;
/** A cut keeps a sub-group only when it has at least this many members. */
export const GROUP_MIN = 3;

/** PathGroup is one group: its key (a path prefix, or "prefix/…" for what a cut left) and members. */
export interface PathGroup<T> {
  readonly key: string;
  readonly members: readonly T[];
}

function prefixOf(family: string, depth: number): string {
  const parts = family.split('/');
  return parts.slice(0, depth).join('/');
}

function depthOf(family: string): number {
  return family.split('/').length;
}

function cut<T>(items: readonly T[], familyOf: (t: T) => string, depth: number): PathGroup<T>[] {
  const buckets = new Map<string, T[]>();
  for (const t of items) {
    const k = prefixOf(familyOf(t), depth);
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = []));
    b.push(t);
  }
  const out: PathGroup<T>[] = [];
  for (const [key, members] of buckets) {
    const deeper = members.some((m) => depthOf(familyOf(m)) > depth);
    if (members.length <= GROUP_MAX || !deeper) {
      out.push({ key, members });
      continue;
    }
    const sub = cut(members, familyOf, depth + 1);
    const kept = sub.filter((g) => g.members.length >= GROUP_MIN);
    if (kept.length === 0) {
      out.push({ key, members });
      continue;
    }
    out.push(...kept);
    const rest = sub.filter((g) => g.members.length < GROUP_MIN).flatMap((g) => g.members);
    if (rest.length > 0) out.push({ key: `${key}/…`, members: rest });
  }
  return out;
}

/** groupPaths groups items by their family path; the result is sorted by key, members in input order. */
export function groupPaths<T>(items: readonly T[], familyOf: (t: T) => string): PathGroup<T>[] {
  return cut(items, familyOf, 1).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
