// Makes a drafted universe consistent by asking the go command itself: random requirements are
// rarely at the versions MVS selects, and go -mod=readonly refuses such a go.mod. Letting
// `go list -mod=mod -m all` rewrite it gives exactly the go.mod go considers consistent, which no
// hand-written rule could promise.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { hermeticGoEnv, localGoVersion, runGo, type GoRun } from '../go-oracle';
import { withChanges, type Universe } from './universe-model';
import { decorateModFile } from './decorate-mod-file';
import { isPrunedGoLine } from './generate-universe';
import { createPrng } from './prng';
import { writeUniverse, writeWorkTree, type UniverseLayout } from './write-universe';

/** SettledUniverse is a universe on disk, in the state the tests will use. */
export interface SettledUniverse {
  readonly universe: Universe;
  readonly layout: UniverseLayout;
  /** settle says how the main go.mod was obtained, for the distribution report. */
  readonly settle: 'draft-consistent' | 'rewritten-by-go' | 'kept-inconsistent' | 'unsettled' | 'not-needed';
  /** note holds go's stderr when settling went wrong. */
  readonly note?: string;
}

/** goEnvFor is the hermetic go environment for universe u written at layout. */
export function goEnvFor(
  u: Universe,
  layout: UniverseLayout,
  gomodcache: string,
): Record<string, string | undefined> {
  return hermeticGoEnv({
    root: path.join(layout.root, 'go-home'),
    proxy: layout.proxyDir,
    gomodcache,
    gowork: u.gowork === 'off' ? 'off' : u.gowork === 'explicit' ? layout.goWorkFile : undefined,
  });
}

const NEEDS_UPDATE = 'updates to go.mod needed';

function firstLine(run: GoRun): string {
  return run.stderr.split('\n')[0] ?? '';
}

/**
 * settleUniverse writes u under root and, for a single-module universe whose draft go.mod is
 * inconsistent, replaces it by the go command's own -mod=mod rewrite (unless u asks to stay
 * inconsistent). The rewrite adds "go <local version>" to a go.mod without a go line; when the
 * go.mod is consistent without it, the line is taken out again so that such universes remain.
 *
 * Settling uses a module cache of its own, deleted afterwards, so the tests start cold.
 */
export async function settleUniverse(u: Universe, root: string): Promise<SettledUniverse> {
  const layout = await writeUniverse(u, root);
  if (u.intent === 'error') return { universe: u, layout, settle: 'not-needed' };
  const cache = path.join(root, 'settle-modcache');
  const env = goEnvFor(u, layout, cache);
  const opts = { cwd: layout.runDir, env };
  try {
    if (u.files['go.work'] !== undefined) {
      // Workspace mode has no "updates to go.mod needed": the members are used as they are.
      return { universe: await decorate(u, layout, opts), layout, settle: 'not-needed' };
    }
    const draft = await runGo(['list', '-m', 'all'], opts);
    if (draft.code === 0) {
      const consistent = withChanges(u, { tags: ['settle:draft-consistent'] });
      return { universe: await decorate(consistent, layout, opts), layout, settle: 'draft-consistent' };
    }
    const mustUpdate = draft.stderr.includes(NEEDS_UPDATE);
    if (mustUpdate && u.wantInconsistent) {
      const kept = withChanges(u, { intent: 'inconsistent', tags: ['settle:kept-inconsistent', 'inconsistent'] });
      return { universe: kept, layout, settle: 'kept-inconsistent' };
    }
    const goModPath = path.join(layout.runDir, 'go.mod');
    const fixed = await runGo(['list', '-mod=mod', '-m', 'all'], opts);
    if (fixed.code !== 0) {
      // Keep the draft: go refuses it, and both tools must refuse it the same way.
      const kept = withChanges(u, { intent: 'inconsistent', tags: ['settle:unsettled'] });
      await writeWorkTree(kept, layout);
      return { universe: kept, layout, settle: 'unsettled', note: firstLine(draft) + '\n' + fixed.stderr };
    }
    let rewritten = await readFile(goModPath, 'utf8');
    const relGoMod = path.posix.join(u.runDir, 'go.mod');
    const hadGoLine = /^go\s/m.test(u.files[relGoMod] ?? '');
    const addedLine = new RegExp(`^go ${localGoVersion().replace(/\./g, '\\.')}\\n\\n?`, 'm');
    if (!hadGoLine && addedLine.test(rewritten)) {
      const without = rewritten.replace(addedLine, '');
      const candidate = withChanges(u, { files: { [relGoMod]: without } });
      await writeWorkTree(candidate, layout);
      const check = await runGo(['list', '-m', 'all'], opts);
      if (check.code === 0) rewritten = without;
    }
    const settled = withChanges(u, { files: { [relGoMod]: rewritten }, tags: ['settle:rewritten-by-go'] });
    // Rewrite the whole tree: -mod=mod also edits go.sum, and the suite wants the complete one.
    await writeWorkTree(settled, layout);
    return { universe: await decorate(retagMainGo(settled), layout, opts), layout, settle: 'rewritten-by-go' };
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}

/**
 * decorate applies meaning-preserving cosmetic rewrites (decorateModFile) to the go.mod and
 * go.work files of a consistent universe, and keeps them only if go still accepts the universe.
 */
async function decorate(
  u: Universe,
  layout: UniverseLayout,
  opts: { cwd: string; env: Record<string, string | undefined> },
): Promise<Universe> {
  const r = createPrng((u.seed ^ 0x2545f491) >>> 0);
  const files: Record<string, string> = {};
  const applied = new Set<string>();
  for (const [rel, text] of Object.entries(u.files)) {
    if (!/(^|\/)go\.(mod|work)$/.test(rel) || !r.chance(0.5)) continue;
    const d = decorateModFile(text, r);
    if (d.applied.length === 0) continue;
    files[rel] = d.text;
    for (const a of d.applied) applied.add(`decor:${a}`);
  }
  if (applied.size === 0) return u;
  const decorated = withChanges(u, { files, tags: [...applied] });
  await writeWorkTree(decorated, layout);
  const check = await runGo(['list', '-m', 'all'], opts);
  if (check.code === 0) return decorated;
  await writeWorkTree(u, layout);
  return withChanges(u, { tags: ['decor:reverted'] });
}

/**
 * retagMainGo replaces the draft's main-go/pruned tags by those of the settled go.mod, whose go
 * line the rewrite may have raised.
 */
function retagMainGo(u: Universe): Universe {
  const goMod = u.files[path.posix.join(u.runDir, 'go.mod')];
  if (goMod === undefined || u.files['go.work'] !== undefined) return u;
  const go = /^go\s+(\S+)/m.exec(goMod)?.[1];
  const tags = u.tags.filter((t) => !t.startsWith('main-go:') && t !== 'pruned' && t !== 'unpruned');
  tags.push(`main-go:${go ?? 'none'}`, isPrunedGoLine(go) ? 'pruned' : 'unpruned');
  return { ...u, tags: tags.sort() };
}
