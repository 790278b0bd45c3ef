// Writes a git universe to disk and settles its main go.mod with the go command itself, in the
// environment both tools use: GOPROXY=direct (or a file:// proxy with GOPRIVATE for one owner),
// a private GIT_CONFIG_GLOBAL whose url.insteadOf sends https://github.com/ to the local bare
// repositories, no system git config, and a HOME of its own. go runs git too, so both tools see
// the same repositories.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GO_BINARY, runGo } from '../go-oracle';
import { goModSum } from '../universe/go-sum-hash';
import { writeProxy, type UniverseLayout } from '../universe/write-universe';
import type { Universe } from '../universe/universe-model';
import { buildGitUniverse, type BuiltUniverse, type GitUniverse } from './generate-git-universe';

/**
 * DirectMode is how modules are reached: 'direct' all from git (GOPROXY=direct); 'private' one
 * owner's from git (GOPRIVATE) and the rest from a file proxy; 'fallback' through
 * GOPROXY=file://proxy,direct where the proxy lacks one owner's modules (404, then git).
 */
export type DirectMode = 'direct' | 'private' | 'fallback';

/** GitLayout names the directories of a git universe under its root. */
export interface GitLayout {
  readonly root: string;
  readonly reposDir: string;
  readonly workDir: string;
  readonly gitConfig: string;
  readonly proxyDir: string;
}

/** SettledGitUniverse is a git universe on disk, ready for both tools. */
export interface SettledGitUniverse {
  readonly built: BuiltUniverse;
  readonly layout: GitLayout;
  readonly mode: DirectMode;
  /** privateOwner is the owner GOPRIVATE names in 'private' mode. */
  readonly privateOwner?: string;
  readonly settle: 'draft-consistent' | 'rewritten-by-go' | 'unsettled';
  readonly note?: string;
  readonly commands: readonly (readonly string[])[];
}

/** gitConfigText is the private global git config: github.com rewritten to the local repositories. */
export function gitConfigText(reposDir: string): string {
  return `[url "${pathToFileURL(reposDir).href}/"]\n\tinsteadOf = https://github.com/\n[user]\n\tname = test\n\temail = test@gomodx.invalid\n`;
}

/** directEnv is the complete environment of one run of either tool. */
export function directEnv(
  s: { layout: GitLayout; mode: DirectMode; privateOwner?: string },
  caches: { gomodcache: string; gomodxCache: string },
): Record<string, string | undefined> {
  const { layout } = s;
  const priv = s.mode === 'private' ? `github.com/${s.privateOwner}` : '';
  const proxy = pathToFileURL(layout.proxyDir).href;
  return {
    PATH: `${path.dirname(GO_BINARY)}:/usr/bin:/bin`,
    HOME: path.join(layout.root, 'home'),
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOENV: 'off',
    GOPROXY: s.mode === 'direct' ? 'direct' : s.mode === 'private' ? proxy : `${proxy},direct`,
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GONOPROXY: '',
    GOPRIVATE: priv,
    GOINSECURE: '',
    GOVCS: '',
    GOPATH: path.join(layout.root, 'gopath'),
    GOMODCACHE: caches.gomodcache,
    GOCACHE: path.join(layout.root, 'gocache'),
    GOWORK: 'off',
    GIT_CONFIG_GLOBAL: layout.gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GOMODX_CACHE: caches.gomodxCache,
    GOMODX_RESULT_CACHE: 'off',
  };
}

/** goSumOf lists the go.mod hash of every module version of the universe. */
export function goSumOf(built: BuiltUniverse): string {
  const lines: string[] = [];
  for (const m of built.modules) for (const v of m.versions) lines.push(`${m.path} ${v.version}/go.mod ${goModSum(v.goMod ?? `module ${m.path}\n`)}`);
  return lines.sort().join('\n') + '\n';
}

/** setUpGitUniverse builds, writes and settles u under root. */
export async function setUpGitUniverse(u: GitUniverse, root: string, mode: DirectMode): Promise<SettledGitUniverse> {
  const layout: GitLayout = {
    root,
    reposDir: path.join(root, 'repos'),
    workDir: path.join(root, 'work'),
    gitConfig: path.join(root, 'gitconfig'),
    proxyDir: path.join(root, 'proxy'),
  };
  await mkdir(layout.workDir, { recursive: true });
  await mkdir(path.join(root, 'home'), { recursive: true });
  const built = buildGitUniverse(u, layout.reposDir);
  await writeFile(layout.gitConfig, gitConfigText(layout.reposDir));
  const privateOwner = mode !== 'direct' ? u.owners[0] : undefined;
  if (mode !== 'direct') {
    const open = built.modules.filter((m) => !m.path.startsWith(`github.com/${privateOwner}/`));
    const asUniverse = { modules: open } as unknown as Universe;
    await writeProxy(asUniverse, { proxyDir: layout.proxyDir } as UniverseLayout);
    await mkdir(layout.proxyDir, { recursive: true });
  }
  const goMod = path.join(layout.workDir, 'go.mod');
  await writeFile(goMod, built.mainGoMod);
  // go.sum starts empty and go fills in exactly the lines the build list needs, as in a real
  // project: the revisions it names are what gomodx fetches from each repository in one batch.
  await writeFile(path.join(layout.workDir, 'go.sum'), '');
  const s = { layout, mode, ...(privateOwner ? { privateOwner } : {}) };
  const env = directEnv(s, { gomodcache: path.join(root, 'settle-modcache'), gomodxCache: path.join(root, 'unused') });
  const opts = { cwd: layout.workDir, env, timeoutMs: 120_000 };
  let settle: SettledGitUniverse['settle'] = 'draft-consistent';
  let note: string | undefined;
  const fixed = await runGo(['list', '-mod=mod', '-m', 'all'], opts);
  if (fixed.code !== 0) {
    settle = 'unsettled';
    note = fixed.stderr;
  } else if ((await readFile(goMod, 'utf8')) !== built.mainGoMod) settle = 'rewritten-by-go';
  const paths = built.modules.map((m) => m.path).sort();
  const commands: string[][] = [
    ['list', '-m', 'all'],
    ['mod', 'graph'],
    ['list', '-m', '-versions', ...paths],
    ['list', '-m', '-retracted', '-versions', ...paths],
    ...built.queries.map((q) => ['list', '-m', q]),
  ];
  return { built, layout, mode, ...(privateOwner ? { privateOwner } : {}), settle, ...(note ? { note } : {}), commands };
}
