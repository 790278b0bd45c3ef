// Random module universes kept in real Git repositories, for the direct-mode differential suite.
// A universe is a pure function of its seed: repositories at github.com/<owner>/<repo> with
// modules at the root and in subdirectories, major versions in subdirectories (v2/go.mod) and on
// branches (a v2 branch whose go.mod says /v2), repositories without go.mod whose v2+ tags are
// "+incompatible", untagged commits required by pseudo-version, retractions, annotated and
// lightweight tags, and tags that are not versions (v1.2, v1.2.3+meta, pseudo-version-shaped).
//
// generateGitUniverse plans; buildGitUniverse writes the repositories (without running git, see
// git-objects.ts) and returns every module version with its go.mod, for go.sum and proxies.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createPrng, type Prng } from '../universe/prng';
import { renderGoMod, type Requirement } from '../universe/render-go-mod';
import type { UniverseModule, UniverseVersion } from '../universe/universe-model';
import { BareRepo, EXECUTABLE, SYMLINK } from './git-objects';

/** LineKind says where a module line's go.mod lives. */
type LineKind = 'root' | 'legacy' | 'incompatible' | 'major-subdir' | 'major-branch' | 'sub' | 'sub-major-subdir';

/** Line is one module's history in one repository. */
interface Line {
  readonly module: string;
  readonly kind: LineKind;
  readonly repo: string;
  readonly branch: string;
  /** goModFile is the go.mod's path in the repository, or null (no go.mod: legacy, +incompatible). */
  readonly goModFile: string | null;
  /** srcFile is the file every commit of the line changes. */
  readonly srcFile: string;
  readonly tagPrefix: string;
  readonly major: number;
}

/** PlannedCommit is one commit of a line, with the tags it will carry. */
interface PlannedCommit {
  readonly id: number;
  readonly line: Line;
  readonly time: number;
  /** version is the tagged version ("" for an untagged commit). */
  readonly version: string;
  readonly tags: readonly { name: string; annotated: boolean }[];
  /** retract lists versions this commit's go.mod retracts. */
  readonly retract: readonly string[];
  readonly goLine?: string;
  /** requires are the requirements picked at plan time: a module path and the id of the commit required. */
  readonly requires: readonly { module: string; commit: number }[];
}

/** GitUniverse is a planned universe. */
export interface GitUniverse {
  readonly seed: number;
  readonly name: string;
  readonly owners: readonly string[];
  readonly repos: readonly string[];
  readonly lines: readonly Line[];
  readonly commits: readonly PlannedCommit[];
  /** dev lists the "dev" branches, whose commits (at times) fork from commit id `after` and are reachable from nowhere else. */
  readonly dev: readonly { repo: string; line: Line; after: number; times: readonly number[] }[];
  readonly main: { readonly goLine?: string; readonly requires: readonly { module: string; commit: number }[] };
  readonly queries: readonly { module: string; query: QueryPlan }[];
  readonly tags: readonly string[];
}

/** QueryPlan is a `go list -m path@query` to compare, named before hashes are known. */
export type QueryPlan =
  | { kind: 'literal'; q: string }
  | { kind: 'hash'; commit: number; digits: number }
  | { kind: 'bad-pseudo'; commit: number };

const OWNERS = ['acme', 'Azure', 'x'] as const;
const NAMES = ['alpha', 'beta', 'kit', 'log', 'yaml', 'net', 'util', 'proto', 'Text', 'rpc', 'sdk', 'cli', 'retry', 'cache'] as const;
const PRE = ['alpha', 'beta.2', 'rc.1', 'pre'] as const;
const GO_LINES = [undefined, '1.13', '1.16', '1.17', '1.20', '1.21', '1.22.3'] as const;
const DAY = 86_400;

function lineFor(module: string, kind: LineKind, repo: string, major: number): Line {
  switch (kind) {
    case 'root':
      return { module, kind, repo, branch: 'main', goModFile: 'go.mod', srcFile: 'lib.go', tagPrefix: '', major };
    case 'legacy':
      return { module, kind, repo, branch: 'main', goModFile: null, srcFile: 'lib.go', tagPrefix: '', major };
    case 'incompatible':
      return { module, kind, repo, branch: 'main', goModFile: null, srcFile: 'lib.go', tagPrefix: '', major };
    case 'major-subdir':
      return { module, kind, repo, branch: 'main', goModFile: `v${major}/go.mod`, srcFile: `v${major}/lib.go`, tagPrefix: '', major };
    case 'major-branch':
      return { module, kind, repo, branch: `v${major}`, goModFile: 'go.mod', srcFile: 'lib.go', tagPrefix: '', major };
    case 'sub':
      return { module, kind, repo, branch: 'main', goModFile: 'sub/go.mod', srcFile: 'sub/sub.go', tagPrefix: 'sub/', major };
    case 'sub-major-subdir':
      return { module, kind, repo, branch: 'main', goModFile: `sub/v${major}/go.mod`, srcFile: `sub/v${major}/sub.go`, tagPrefix: 'sub/', major };
  }
}

/**
 * planVersions invents a line's history: releases, prereleases and untagged commits, in order.
 * Returns the version of each commit ("" when untagged).
 */
function planVersions(r: Prng, major: number, count: number): string[] {
  const out: string[] = [];
  let rel: [number, number, number] | null = null;
  for (let i = 0; i < count; i++) {
    const roll = r.float();
    if (roll < 0.45 || (i === 0 && r.chance(0.5))) {
      const next: [number, number, number] = rel === null ? [major, major === 0 ? r.int(0, 2) : 0, 0] : r.chance(0.6) ? [major, rel[1], rel[2] + 1] : [major, rel[1] + 1, 0];
      rel = next;
      out.push(`v${next.join('.')}`);
    } else if (roll < 0.6) {
      const base = rel === null ? [major, major === 0 ? 1 : 0, 0] : [major, rel[1] + 1, 0];
      const v = `v${base.join('.')}-${r.pick(PRE)}`;
      out.push(out.includes(v) ? '' : v);
    } else out.push('');
  }
  return out;
}

/** generateGitUniverse plans the universe of one seed. */
export function generateGitUniverse(seed: number): GitUniverse {
  const r = createPrng(seed);
  const tags = new Set<string>();
  const owners = r.sample(OWNERS, r.int(1, 2));
  const repoCount = r.int(2, 4);
  const repos: string[] = [];
  const lines: Line[] = [];
  const used = new Set<string>();
  for (let i = 0; i < repoCount; i++) {
    let name = '';
    for (let k = 0; k < 20 && (name === '' || used.has(name)); k++) name = `${r.pick(owners)}/${r.pick(NAMES).toLowerCase()}`;
    if (used.has(name)) continue;
    used.add(name);
    repos.push(name);
    const root = `github.com/${name}`;
    const legacy = r.chance(0.25);
    lines.push(lineFor(root, legacy ? 'legacy' : 'root', name, r.chance(0.5) ? 1 : 0));
    if (legacy) tags.add('legacy-no-go.mod');
    if (legacy && r.chance(0.6)) {
      lines.push(lineFor(root, 'incompatible', name, 2));
      if (r.chance(0.3)) lines.push(lineFor(root, 'incompatible', name, 3));
      tags.add('incompatible');
    } else if (r.chance(0.35)) {
      const branch = !legacy && r.chance(0.5);
      lines.push(lineFor(`${root}/v2`, branch ? 'major-branch' : 'major-subdir', name, 2));
      tags.add(branch ? 'major-branch' : 'major-subdir');
    }
    if (r.chance(0.35)) {
      lines.push(lineFor(`${root}/sub`, 'sub', name, r.chance(0.5) ? 1 : 0));
      tags.add('subdir-module');
      if (r.chance(0.3)) {
        lines.push(lineFor(`${root}/sub/v2`, 'sub-major-subdir', name, 2));
        tags.add('subdir-major');
      }
    }
  }
  if (repos.some((n) => /[A-Z]/.test(n))) tags.add('upper-case-path');

  // Plan every line's commits with times; then order all commits by time.
  type Draft = Omit<PlannedCommit, 'id' | 'requires' | 'retract'> & { retract: string[] };
  const drafts: Draft[] = [];
  const start = Date.UTC(2020, 0, 1) / 1000;
  const tagNames = new Set<string>();
  const addTag = (list: { name: string; annotated: boolean }[], line: Line, name: string, annotated: boolean): void => {
    // A tag name is used once per repository: a second use would move it.
    const key = `${line.repo}#${name}`;
    if (tagNames.has(key)) return;
    tagNames.add(key);
    list.push({ name, annotated });
  };
  for (const line of lines) {
    let t = start + r.int(0, 300) * DAY + (line.kind === 'root' || line.kind === 'legacy' ? 0 : 30 * DAY) + r.int(0, DAY - 1);
    const versions = planVersions(r, line.major, r.int(1, 5));
    const suffix = line.kind === 'incompatible' ? '+incompatible' : '';
    for (const v of versions) {
      t += r.int(1, 60) * DAY + r.int(0, DAY - 1);
      const tagList: { name: string; annotated: boolean }[] = [];
      if (v !== '') {
        addTag(tagList, line, line.tagPrefix + v, r.chance(0.5));
        if (r.chance(0.15)) {
          const extra = r.chance(0.5) ? v.replace(/^(v\d+\.\d+)\.\d+.*$/, '$1') : `${v}+build.1`;
          if (extra !== v) addTag(tagList, line, line.tagPrefix + extra, false);
          tags.add('non-canonical-tag');
        }
      } else if (r.chance(0.1)) {
        addTag(tagList, line, `${line.tagPrefix}v0.0.0-20190101000000-abcdefabcdef`, false);
        tags.add('pseudo-shaped-tag');
      } else if (r.chance(0.1)) {
        // Not a version, but a base for the pseudo-versions of this commit and its descendants.
        addTag(tagList, line, `${line.tagPrefix}v${line.major}.9.0+meta`, r.chance(0.5));
        tags.add('non-canonical-base');
      }
      drafts.push({ line, time: t, version: v === '' ? '' : v + suffix, tags: tagList, retract: [], ...(line.goModFile ? { goLine: r.pick(GO_LINES) } : {}) });
    }
    // The newest release may retract older versions of its line (or itself).
    const mine = drafts.filter((d) => d.line === line && d.version !== '' && !d.version.includes('-'));
    const newest = mine[mine.length - 1];
    if (newest && line.goModFile && r.chance(0.3)) {
      const earlier = drafts.filter((d) => d.line === line && d.version !== '' && d !== newest);
      if (earlier.length > 0) newest.retract.push(r.pick(earlier).version);
      else if (r.chance(0.5)) newest.retract.push(newest.version);
      if (newest.retract.length > 0) tags.add('retract');
    }
  }
  drafts.sort((a, b) => a.time - b.time);
  const untagged = drafts.filter((d) => d.version === '').length;
  if (untagged > 0) tags.add('pseudo-versions');
  if (drafts.some((d) => d.tags.some((t) => t.annotated))) tags.add('annotated-tags');

  // Requirements: other modules' commits that are older (their pseudo-versions are known by then).
  const commits: PlannedCommit[] = [];
  drafts.forEach((d, id) => {
    const requires: { module: string; commit: number }[] = [];
    if (d.line.goModFile) {
      const older = commits.filter((c) => c.line.module !== d.line.module);
      for (const c of r.sample(older, r.pick([0, 1, 1, 2, 3]))) {
        if (!requires.some((q) => q.module === c.line.module)) requires.push({ module: c.line.module, commit: c.id });
      }
    }
    commits.push({ ...d, id, requires });
  });

  // A "dev" branch with commits reachable from nothing else (pseudo-versions off the main branch).
  const dev: { repo: string; line: Line; after: number; times: number[] }[] = [];
  for (const repo of repos) {
    const rootLine = lines.find((l) => l.repo === repo && (l.kind === 'root' || l.kind === 'legacy'))!;
    const rootCommits = commits.filter((c) => c.line.repo === repo && c.line.branch === 'main');
    if (rootCommits.length === 0 || !r.chance(0.3)) continue;
    const fork = r.pick(rootCommits);
    const last = commits[commits.length - 1]!.time;
    dev.push({ repo, line: rootLine, after: fork.id, times: [last + DAY + r.int(0, 999), last + 2 * DAY + r.int(0, 999)] });
    tags.add('dev-branch');
  }

  const mainRequires: { module: string; commit: number }[] = [];
  for (const c of r.sample(commits, r.int(1, 5))) {
    if (!mainRequires.some((q) => q.module === c.line.module)) mainRequires.push({ module: c.line.module, commit: c.id });
  }

  const modules = [...new Set(lines.map((l) => l.module))];
  const queries: { module: string; query: QueryPlan }[] = [];
  for (let i = 0; i < 6; i++) {
    const m = r.pick(modules);
    const line = r.pick(lines.filter((l) => l.module === m));
    const all = commits.filter((c) => c.line === line);
    // Untagged commits are where pseudo-versions are made: ask about them more often.
    const untaggedOnes = all.filter((c) => c.version === '');
    const mine = untaggedOnes.length > 0 && r.chance(0.7) ? untaggedOnes : all;
    const roll = r.int(0, 8);
    let query: QueryPlan;
    if (roll === 0 || mine.length === 0) query = { kind: 'literal', q: 'latest' };
    else if (roll === 1) query = { kind: 'literal', q: line.branch };
    else if (roll === 2) query = { kind: 'literal', q: dev.some((d) => d.line.module === m) ? 'dev' : 'HEAD' };
    else if (roll <= 4) query = { kind: 'hash', commit: r.pick(mine).id, digits: r.pick([7, 12, 12, 40]) };
    else if (roll === 5) query = { kind: 'literal', q: `v${line.major}` };
    else if (roll === 6) query = { kind: 'bad-pseudo', commit: r.pick(mine).id };
    else if (roll === 7) query = { kind: 'literal', q: `v${line.major}.9.9` };
    else {
      const v = r.pick(mine).version;
      query = { kind: 'literal', q: v === '' ? 'main' : v.replace(/\+incompatible$/, '') };
    }
    queries.push({ module: m, query });
  }
  return {
    seed,
    name: `g${seed}`,
    owners,
    repos,
    lines,
    commits,
    dev,
    main: { goLine: r.pick(['1.16', '1.17', '1.21', '1.22.3', undefined]), requires: mainRequires },
    queries,
    tags: [...tags].sort(),
  };
}

/** pseudoStamp formats unix seconds as a pseudo-version timestamp (yyyymmddhhmmss, UTC). */
function pseudoStamp(t: number): string {
  return new Date(t * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** pseudoFor names an untagged commit from its line's latest earlier tag, as go would accept it. */
function pseudoFor(line: Line, base: string, t: number, hash: string): string {
  const suffix = line.kind === 'incompatible' ? '+incompatible' : '';
  const stamp = `${pseudoStamp(t)}-${hash.slice(0, 12)}`;
  const b = base.replace(/\+incompatible$/, '');
  if (b === '') return `v${line.major === 1 ? 0 : line.major}.0.0-${stamp}${suffix}`;
  if (b.includes('-')) return `${b}.0.${stamp}${suffix}`;
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(b)!;
  return `v${m[1]}.${m[2]}.${Number(m[3]) + 1}-0.${stamp}${suffix}`;
}

/** BuiltVersion is one module version that exists in the built repositories. */
export interface BuiltVersion extends UniverseVersion {
  readonly commit: number;
  readonly hash: string;
}

/** BuiltUniverse is a universe written to disk. */
export interface BuiltUniverse {
  readonly universe: GitUniverse;
  readonly reposDir: string;
  /** modules lists every module with its versions (tags and pseudo-versions of untagged commits). */
  readonly modules: readonly (UniverseModule & { versions: readonly BuiltVersion[] })[];
  /** mainGoMod is the draft main go.mod (before go settles it). */
  readonly mainGoMod: string;
  /** queries are the list -m arguments, with hashes filled in. */
  readonly queries: readonly string[];
}

/** buildGitUniverse writes the repositories of u under reposDir/<owner>/<repo>. */
export function buildGitUniverse(u: GitUniverse, reposDir: string): BuiltUniverse {
  const r = createPrng((u.seed ^ 0x5bd1e995) >>> 0);
  const bare = new Map<string, BareRepo>();
  const files = new Map<string, Record<string, string>>();
  const tips = new Map<string, string>();
  for (const repo of u.repos) {
    mkdirSync(path.join(reposDir, repo), { recursive: true });
    bare.set(repo, new BareRepo(path.join(reposDir, repo)));
    // Files that the module zip rules leave out or treat specially: vendored packages (and the
    // go 1.24 change for pkg/vendor/x.go), a symbolic link, an executable, a root LICENSE that
    // modules in subdirectories inherit, and hg's archive marker.
    const extras: Record<string, string> = { README: `# ${repo}\n` };
    if (r.chance(0.5)) extras.LICENSE = `Copyright ${repo}\n`;
    if (r.chance(0.3)) Object.assign(extras, { 'vendor/modules.txt': '# example.com/v v1.0.0\n', 'vendor/example.com/v/v.go': 'package v\n', 'pkg/vendor/x.go': 'package vendor\n', 'pkg/vendor/deep/y.go': 'package deep\n' });
    if (r.chance(0.3)) Object.assign(extras, { 'link.go': `${SYMLINK}lib.go`, 'tool.sh': `${EXECUTABLE}#!/bin/sh\n`, '.hg_archival.txt': 'repo: x\n' });
    files.set(`${repo}#main`, extras);
  }
  const hashes = new Map<number, string>();
  const versionOf = new Map<number, string>();
  const lastTag = new Map<Line, string>();
  const versions = new Map<string, BuiltVersion[]>();
  const renderedGoMod = new Map<number, string | null>();
  const addVersion = (m: string, v: BuiltVersion): void => {
    if (!versions.has(m)) versions.set(m, []);
    if (!versions.get(m)!.some((x) => x.version === v.version)) versions.get(m)!.push(v);
  };
  const requirement = (q: { module: string; commit: number }): Requirement => ({ path: q.module, version: versionOf.get(q.commit)! });

  for (const c of u.commits) {
    const repo = bare.get(c.line.repo)!;
    const key = `${c.line.repo}#${c.line.branch}`;
    if (!files.has(key)) {
      // A major branch forks from main as it is now.
      files.set(key, { ...files.get(`${c.line.repo}#main`)! });
      tips.set(key, tips.get(`${c.line.repo}#main`)!);
    }
    const tree = files.get(key)!;
    const pkg = path.posix.basename(path.posix.dirname(c.line.srcFile)).replace(/\W/g, '') || 'lib';
    tree[c.line.srcFile] = `package ${/^v\d+$/.test(pkg) || pkg === '.' ? 'lib' : pkg}\n\n// Commit ${c.id} of ${c.line.module}.\n`;
    let goMod: string | null = null;
    if (c.line.goModFile) {
      goMod = renderGoMod(
        {
          module: c.line.module,
          ...(c.goLine ? { go: c.goLine } : {}),
          require: c.requires.map(requirement),
          ...(c.retract.length > 0 ? { retract: c.retract } : {}),
        },
        r,
      );
      tree[c.line.goModFile] = goMod;
    }
    if (c.line.kind === 'major-branch') {
      // The v2 branch's root go.mod is the /v2 module; nothing at the root serves v0/v1 there.
      for (const f of Object.keys(tree)) if (f.startsWith('v2/')) delete tree[f];
    }
    const parent = tips.get(key);
    const hash = repo.commit(repo.tree(tree), parent ? [parent] : [], c.time, `commit ${c.id}`);
    tips.set(key, hash);
    repo.ref(`refs/heads/${c.line.branch}`, hash);
    hashes.set(c.id, hash);
    renderedGoMod.set(c.id, goMod);
    for (const t of c.tags) repo.ref(`refs/tags/${t.name}`, t.annotated ? repo.annotatedTag(hash, t.name, c.time + 60) : hash);
    const version = c.version !== '' ? c.version : pseudoFor(c.line, lastTag.get(c.line) ?? '', c.time, hash);
    if (c.version !== '') lastTag.set(c.line, c.version);
    versionOf.set(c.id, version);
    addVersion(c.line.module, {
      version,
      time: new Date(c.time * 1000).toISOString().replace(/\.000Z$/, 'Z'),
      goMod,
      listed: c.version !== '',
      commit: c.id,
      hash,
    });
  }
  for (const d of u.dev) {
    const repo = bare.get(d.repo)!;
    const tree = { ...files.get(`${d.repo}#main`)! };
    let parent = hashes.get(d.after)!;
    for (const [i, t] of d.times.entries()) {
      tree[d.line.srcFile] = `package lib\n\n// dev commit ${i}\n`;
      parent = repo.commit(repo.tree(tree), [parent], t, `dev ${i}`);
    }
    repo.ref('refs/heads/dev', parent);
  }
  const modules = [...versions].map(([p, vs]) => ({ path: p, versions: vs }));
  const mainGoMod = renderGoMod({ module: 'example.com/app', ...(u.main.goLine ? { go: u.main.goLine } : {}), require: u.main.requires.map(requirement) });
  const queries = u.queries.map(({ module, query }) => {
    if (query.kind === 'literal') return `${module}@${query.q}`;
    const hash = hashes.get(query.commit)!;
    if (query.kind === 'hash') return `${module}@${hash.slice(0, query.digits)}`;
    // The commit's own pseudo-version with a wrong time: go must refuse it.
    const c = u.commits[query.commit]!;
    const v = pseudoFor(c.line, c.version === '' ? '' : c.version, c.time, hash);
    return `${module}@${v.replace(pseudoStamp(c.time), pseudoStamp(c.time + 3600))}`;
  });
  return { universe: u, reposDir, modules, mainGoMod, queries };
}
