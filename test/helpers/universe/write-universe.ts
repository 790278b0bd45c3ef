// Writes a universe to disk: a file:// GOPROXY tree with list/.info/.mod/.zip for every published
// version, the working tree, and go.sum files that hold the go.mod hash of every published version
// (so that -mod=readonly never stops at a missing go.sum entry unless an error case wants it).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { goModSum } from './go-sum-hash';
import { escapeModulePath, escapeModuleVersion } from './module-escape';
import { storeZip } from './store-zip';
import type { Universe, UniverseModule, UniverseVersion } from './universe-model';

/** UniverseLayout names the directories of a universe written under one root. */
export interface UniverseLayout {
  readonly root: string;
  readonly proxyDir: string;
  readonly proxyUrl: string;
  /** workDir is the root of the working tree (main module or workspace). */
  readonly workDir: string;
  /** runDir is the absolute directory where commands run. */
  readonly runDir: string;
  /** goWorkFile is the go.work path when the universe is a workspace. */
  readonly goWorkFile?: string;
}

/** universeLayout computes where the parts of u go under root, without writing anything. */
export function universeLayout(u: Universe, root: string): UniverseLayout {
  const workDir = path.join(root, 'work');
  const proxyDir = path.join(root, 'proxy');
  return {
    root,
    proxyDir,
    proxyUrl: pathToFileURL(proxyDir).href,
    workDir,
    runDir: path.join(workDir, u.runDir),
    ...(u.files['go.work'] !== undefined ? { goWorkFile: path.join(workDir, 'go.work') } : {}),
  };
}

/** servedGoMod is the .mod file the proxy serves for v: its go.mod, or the synthetic one. */
export function servedGoMod(m: UniverseModule, v: UniverseVersion): string {
  return v.goMod ?? `module ${m.path}\n`;
}

/** goSumLines returns the sorted "/go.mod" go.sum lines of every published version in u. */
export function goSumLines(u: Universe): string[] {
  const lines: string[] = [];
  for (const m of u.modules) {
    for (const v of m.versions) lines.push(`${m.path} ${v.version}/go.mod ${goModSum(servedGoMod(m, v))}`);
  }
  return lines.sort();
}

/** goSumText applies u's deliberate go.sum damage (error cases) to the complete go.sum. */
export function goSumText(u: Universe): string {
  const edits = u.sumEdits;
  let lines = goSumLines(u);
  if (edits?.drop) lines = lines.filter((l) => !edits.drop!.some((p) => l.startsWith(p + ' ')));
  if (edits?.corrupt) {
    lines = lines.map((l) =>
      edits.corrupt!.some((p) => l.startsWith(p + ' '))
        ? l.replace(/h1:.*$/, 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')
        : l,
    );
  }
  if (edits?.add) lines = [...lines, ...edits.add];
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

async function writeText(file: string, text: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** writeProxy writes the GOPROXY tree of u. */
export async function writeProxy(u: Universe, layout: UniverseLayout): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const m of u.modules) {
    const dir = path.join(layout.proxyDir, escapeModulePath(m.path), '@v');
    const listed = m.versions.filter((v) => v.listed).map((v) => v.version);
    jobs.push(writeText(path.join(dir, 'list'), listed.map((v) => v + '\n').join('')));
    for (const v of m.versions) {
      const base = path.join(dir, escapeModuleVersion(v.version));
      const mod = servedGoMod(m, v);
      const zipRoot = `${m.path}@${v.version}/`;
      const zipFiles = v.files
        ? Object.entries(v.files).map(([name, data]) => ({ name: zipRoot + name, data }))
        : [{ name: zipRoot + 'doc.go', data: `package ${m.path.split('/').pop()!.replace(/\W/g, '_')}\n` }];
      if (v.goMod !== null) zipFiles.unshift({ name: zipRoot + 'go.mod', data: v.goMod });
      jobs.push(
        writeText(base + '.info', JSON.stringify({ Version: v.version, Time: v.time }) + '\n'),
        writeText(base + '.mod', mod),
        writeText(base + '.zip', storeZip(zipFiles)),
      );
    }
    for (const [rev, version] of Object.entries(m.revisions ?? {})) {
      const v = m.versions.find((x) => x.version === version);
      if (!v) throw new Error(`${m.path}: revision ${rev} names ${version}, which is not published`);
      jobs.push(writeText(path.join(dir, escapeModuleVersion(rev) + '.info'), JSON.stringify({ Version: v.version, Time: v.time }) + '\n'));
    }
  }
  await Promise.all(jobs);
}

/** writeWorkTree writes the working tree of u, with its go.sum files. */
export async function writeWorkTree(u: Universe, layout: UniverseLayout): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const [rel, text] of Object.entries(u.files)) jobs.push(writeText(path.join(layout.workDir, rel), text));
  const sum = goSumText(u);
  for (const rel of u.sumFiles) jobs.push(writeText(path.join(layout.workDir, rel), sum));
  await mkdir(layout.runDir, { recursive: true });
  await Promise.all(jobs);
}

/** writeUniverse writes the proxy and the working tree of u under root. */
export async function writeUniverse(u: Universe, root: string): Promise<UniverseLayout> {
  const layout = universeLayout(u, root);
  await Promise.all([writeProxy(u, layout), writeWorkTree(u, layout)]);
  return layout;
}
