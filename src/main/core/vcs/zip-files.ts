/**
 * Which files of a module's tree go into its zip (golang.org/x/mod/zip checkFiles), so that the
 * zip made from a repository hashes to what go records in go.sum:
 * - files in vendor directories (vendored packages), in nested modules (a directory with its
 *   own go.mod) and ".hg_archival.txt" are left out;
 * - symbolic links and other non-regular files are left out;
 * - unclean or invalid paths, a go.mod spelt in another case, case-insensitive collisions and
 *   files over the size limits make the zip invalid (an error listing each file).
 */
import { parseModFile } from '../modfile/rules';
import { checkFilePath } from '../modpath/module-path';

/** Size limits of x/mod/zip and modfetch/codehost. */
export const MAX_ZIP_FILE = 500 << 20;
export const MAX_GO_MOD = 16 << 20;
export const MAX_LICENSE = 16 << 20;

/** TreeFile is one entry of a module tree: its path relative to the module root, kind and size. */
export interface TreeFile {
  readonly path: string;
  readonly kind: 'file' | 'symlink' | 'other';
  readonly size: number;
  /** data is needed for the root go.mod only (its go line changes the vendor rule). */
  readonly data?: Uint8Array;
}

/** ZipFilesError is an invalid module tree: "create zip: <reasons>". */
export class ZipFilesError extends Error {}

/** langAtLeast124 reports whether a go.mod's go line is go 1.24 or later (version.Lang compare). */
function langAtLeast124(goMod: Uint8Array | undefined): boolean {
  if (!goMod) return false;
  let go: string | undefined;
  try {
    go = parseModFile('go.mod', goMod, { lax: true }).go?.version;
  } catch {
    return false;
  }
  const m = go ? /^1\.(\d+)/.exec(go) : null;
  if (!m) return false;
  return Number(m[1]) >= 24;
}

/** isVendoredPackage is x/mod/zip's rule for files of vendored packages. */
export function isVendoredPackage(name: string, go124: boolean): boolean {
  if (go124 && name === 'vendor/modules.txt') return true;
  let i: number;
  if (name.startsWith('vendor/')) i = 'vendor/'.length;
  else {
    const j = name.indexOf('/vendor/');
    if (j < 0) return false;
    i = go124 ? j + '/vendor/'.length : '/vendor/'.length;
  }
  return name.slice(i).includes('/');
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i + 1);
}

function isClean(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !p.endsWith('/') && !p.split('/').some((e) => e === '' || e === '.' || e === '..');
}

/**
 * selectZipFiles returns the files of tree that belong in the module zip, in the given order,
 * or throws ZipFilesError as modzip.Create would.
 */
export function selectZipFiles(tree: readonly TreeFile[]): TreeFile[] {
  const reported = new Set<string>();
  const invalid: string[] = [];
  const fail = (p: string, reason: string): void => {
    if (reported.has(p)) return;
    reported.add(p);
    invalid.push(`${p}: ${reason}`);
  };
  const omit = (p: string): void => {
    reported.add(p);
  };
  const haveGoMod = new Set<string>();
  let go124 = false;
  for (const f of tree) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (base.toLowerCase() !== 'go.mod' || f.kind !== 'file') continue;
    haveGoMod.add(dirOf(f.path));
    if (f.path === 'go.mod') go124 = langAtLeast124(f.data);
  }
  const inSubmodule = (p: string): boolean => {
    let rest = p;
    for (;;) {
      const dir = dirOf(rest);
      if (dir === '') return false;
      if (haveGoMod.has(dir)) return true;
      rest = dir.slice(0, -1);
    }
  };
  const folded = new Map<string, { path: string; isDir: boolean }>();
  const collision = (p: string, isDir: boolean): string | undefined => {
    const key = p.toLowerCase();
    const other = folded.get(key);
    if (other) {
      if (p !== other.path) return `case-insensitive file name collision: ${JSON.stringify(other.path)} and ${JSON.stringify(p)}`;
      if (isDir !== other.isDir) return `entry ${JSON.stringify(p)} is both a file and a directory`;
      if (!isDir) return `multiple entries for file ${JSON.stringify(p)}`;
    } else folded.set(key, { path: p, isDir });
    const parent = p.lastIndexOf('/');
    return parent > 0 ? collision(p.slice(0, parent), true) : undefined;
  };
  let budget = MAX_ZIP_FILE;
  let sizeError: string | undefined;
  const valid: TreeFile[] = [];
  for (const f of tree) {
    const p = f.path;
    if (reported.has(p)) continue;
    if (!isClean(p)) {
      fail(p, p.startsWith('/') ? 'file path is not relative' : 'file path is not clean');
      continue;
    }
    if (isVendoredPackage(p, go124) || inSubmodule(p) || p === '.hg_archival.txt') {
      omit(p);
      continue;
    }
    try {
      checkFilePath(p);
    } catch (e) {
      fail(p, (e as Error).message);
      continue;
    }
    if (p.toLowerCase() === 'go.mod' && p !== 'go.mod') {
      fail(p, 'go.mod files must have lowercase names');
      continue;
    }
    const c = collision(p, false);
    if (c) {
      fail(p, c);
      continue;
    }
    if (f.kind !== 'file') {
      omit(p);
      continue;
    }
    if (f.size >= 0 && f.size <= budget) budget -= f.size;
    else sizeError ??= `module source tree too large (max size is ${MAX_ZIP_FILE} bytes)`;
    if (p === 'go.mod' && f.size > MAX_GO_MOD) {
      fail(p, `go.mod file too large (max size is ${MAX_GO_MOD} bytes)`);
      continue;
    }
    if (p === 'LICENSE' && f.size > MAX_LICENSE) {
      fail(p, `LICENSE file too large (max size is ${MAX_LICENSE} bytes)`);
      continue;
    }
    valid.push(f);
  }
  if (sizeError) throw new ZipFilesError(`create zip: ${sizeError}`);
  if (invalid.length > 0) throw new ZipFilesError(`create zip: ${invalid.join('\n')}`);
  return valid;
}
