/*
 * Edits to a parsed go.mod / go.work file (the File and WorkFile methods of x/mod's modfile),
 * keeping the user's layout and comments. Removals only mark entries; call cleanupModFile /
 * cleanupWorkFile after a batch of edits, as the go command does, to drop them.
 */

import type { ModuleVersion } from '../../../shared/model/module-version';
import { canonicalVersion, pathMajorPrefix, splitPathVersion } from '../modpath/module-path';
import { compare as semverCompare, major as semverMajor } from '../semver/semver';
import { goQuote } from '../gostrings/go-quote';
import { goTrimSpace } from '../gostrings/go-space';
import { compareGoStrings } from '../gostrings/go-string-order';
import {
  autoQuote,
  GO_VERSION_RE,
  isIndirect,
  pathMajorMismatch,
  TOOLCHAIN_RE,
  type Exclude,
  type Godebug,
  type Ignore,
  type ModFile,
  type Replace,
  type Require,
  type Tool,
  type Use,
  type VersionInterval,
  type WorkFile,
} from './rules';
import {
  addLine,
  appendLine,
  cleanupSyntax,
  markLineRemoved,
  newLine,
  newLineBlock,
  updateLine,
  type Comment,
  type Comments,
  type FileSyntax,
  type Line,
  type LineBlock,
  type Stmt,
} from './syntax';

/** RequireSpec is a requirement to set: module path and version, and whether it is indirect. */
export interface RequireSpec {
  readonly mod: ModuleVersion;
  readonly indirect: boolean;
}

const NO_MODULE: ModuleVersion = { path: '', version: '' };

/**
 * detachedLine stands in for the nil Syntax that x/mod leaves in an entry it has cleared: a line
 * in no tree, so that later passes over the entries (removeDups) cannot touch the file through it.
 */
function detachedLine(): Line {
  return newLine([]);
}

function clearRequire(r: Require): void {
  r.mod = NO_MODULE;
  r.indirect = false;
}

function removeRequire(r: Require): void {
  markLineRemoved(r.syntax);
  r.syntax = detachedLine();
  clearRequire(r);
}

function setRequireVersion(r: Require, v: string): void {
  r.mod = { path: r.mod.path, version: v };
  const line = r.syntax;
  if (line.token === null || line.token.length === 0) return;
  if (line.inBlock) {
    // A blank line kept before the requirement would be left dangling by the change (go.dev/issue/33779).
    const before = line.comments.before;
    if (before.length === 1 && before[0]!.token.length === 0) line.comments.before = [];
    if (line.token.length >= 2) line.token[1] = v;
  } else if (line.token.length >= 3) {
    line.token[2] = v;
  }
}

function commentBody(token: string): string {
  return goTrimSpace(token.startsWith('//') ? token.slice(2) : token);
}

/** setRequireIndirect adds or removes the "// indirect" marking on r's line, keeping other comment text. */
function setRequireIndirect(r: Require, indirect: boolean): void {
  r.indirect = indirect;
  const line = r.syntax;
  if (isIndirect(line) === indirect) return;
  const suffix = line.comments.suffix;
  if (indirect) {
    if (suffix.length === 0) {
      line.comments.suffix = [{ start: { line: 0, lineRune: 0, byte: 0 }, token: '// indirect', suffix: true }];
      return;
    }
    const text = commentBody(suffix[0]!.token);
    suffix[0] = { ...suffix[0]!, token: text === '' ? '// indirect' : `// indirect; ${text}` };
    return;
  }
  if (commentBody(suffix[0]!.token) === 'indirect') {
    line.comments.suffix = [];
    return;
  }
  const tok = suffix[0]!.token;
  const i = tok.indexOf('indirect;');
  suffix[0] = { ...suffix[0]!, token: `//${tok.slice(i + 'indirect;'.length)}` };
}

/** addModuleStmt sets the module path, adding a module line if there is none. */
export function addModuleStmt(f: ModFile, path: string): void {
  if (f.module === null) {
    f.module = { mod: { path, version: '' }, deprecated: '', syntax: addLine(f.syntax, null, ['module', autoQuote(path)]) };
  } else {
    f.module.mod = { path, version: '' };
    updateLine(f.module.syntax, ['module', autoQuote(path)]);
  }
}

/** addComment appends a comment block holding text (which should start with "//"). */
export function addComment(f: ModFile | WorkFile, text: string): void {
  f.syntax.stmt.push({
    kind: 'comment-block',
    comments: { before: [{ start: { line: 0, lineRune: 0, byte: 0 }, token: text, suffix: false }], suffix: [], after: [] },
    start: { line: 0, lineRune: 0, byte: 0 },
  });
}

/** cleanupModFile drops the entries and lines removed by earlier edits (File.Cleanup). */
export function cleanupModFile(f: ModFile): void {
  f.godebug = f.godebug.filter((g) => g.key !== '');
  f.require = f.require.filter((r) => r.mod.path !== '');
  f.exclude = f.exclude.filter((x) => x.mod.path !== '');
  f.replace = f.replace.filter((r) => r.old.path !== '');
  f.retract = f.retract.filter((r) => r.low !== '' || r.high !== '');
  cleanupSyntax(f.syntax);
}

/** addGoStmt sets the go version, adding a go line after the module line if there is none. */
export function addGoStmt(f: ModFile, version: string): void {
  if (!GO_VERSION_RE.test(version)) throw new Error(`invalid language version ${goQuote(version)}`);
  if (f.go === null) {
    const hint = f.module !== null ? f.module.syntax : null;
    f.go = { version, syntax: addLine(f.syntax, hint, ['go', version]) };
  } else {
    f.go.version = version;
    updateLine(f.go.syntax, ['go', version]);
  }
}

/** dropGoStmt deletes the go line. */
export function dropGoStmt(f: ModFile | WorkFile): void {
  if (f.go !== null) {
    markLineRemoved(f.go.syntax);
    f.go = null;
  }
}

/** dropToolchainStmt deletes the toolchain line. */
export function dropToolchainStmt(f: ModFile | WorkFile): void {
  if (f.toolchain !== null) {
    markLineRemoved(f.toolchain.syntax);
    f.toolchain = null;
  }
}

/** addToolchainStmt sets the toolchain, adding a line after the go (or module) line if there is none. */
export function addToolchainStmt(f: ModFile, name: string): void {
  if (!TOOLCHAIN_RE.test(name)) throw new Error(`invalid toolchain name ${goQuote(name)}`);
  if (f.toolchain === null) {
    const hint = f.go !== null ? f.go.syntax : f.module !== null ? f.module.syntax : null;
    f.toolchain = { name, syntax: addLine(f.syntax, hint, ['toolchain', name]) };
  } else {
    f.toolchain.name = name;
    updateLine(f.toolchain.syntax, ['toolchain', name]);
  }
}

function addGodebugTo(syntax: FileSyntax, list: Godebug[], key: string, value: string): void {
  let need = true;
  for (const g of list) {
    if (g.key !== key) continue;
    if (need) {
      g.value = value;
      updateLine(g.syntax, ['godebug', `${key}=${value}`]);
      need = false;
    } else {
      markLineRemoved(g.syntax);
      g.syntax = detachedLine();
      g.key = '';
      g.value = '';
    }
  }
  if (need) list.push({ key, value, syntax: addLine(syntax, null, ['godebug', `${key}=${value}`]) });
}

function dropGodebugFrom(list: Godebug[], key: string): void {
  for (const g of list) {
    if (g.key !== key) continue;
    markLineRemoved(g.syntax);
    g.syntax = detachedLine();
    g.key = '';
    g.value = '';
  }
}

/** addGodebug sets key to value on the first godebug line for key, removing any others. */
export function addGodebug(f: ModFile, key: string, value: string): void {
  addGodebugTo(f.syntax, f.godebug, key, value);
}

/** dropGodebug deletes every godebug line for key. */
export function dropGodebug(f: ModFile, key: string): void {
  dropGodebugFrom(f.godebug, key);
}

/**
 * addRequire sets the first requirement on path to vers, keeping its comments and removing any
 * other requirement on path; with none, it adds one at the end of the last require block.
 */
export function addRequire(f: ModFile, path: string, vers: string): void {
  let need = true;
  for (const r of f.require) {
    if (r.mod.path !== path) continue;
    if (need) {
      r.mod = { path, version: vers };
      updateLine(r.syntax, ['require', autoQuote(path), vers]);
      need = false;
    } else {
      removeRequire(r);
    }
  }
  if (need) addNewRequire(f, path, vers, false);
}

/** addNewRequire adds a requirement at the end of the last require block, even if path is already required. */
export function addNewRequire(f: ModFile, path: string, vers: string, indirect: boolean): void {
  const line = addLine(f.syntax, null, ['require', autoQuote(path), vers]);
  const r: Require = { mod: { path, version: vers }, indirect: false, syntax: line };
  setRequireIndirect(r, indirect);
  f.require.push(r);
}

/**
 * setRequire makes the requirements exactly req, keeping the block structure and comments of the
 * first existing line for each path; new paths go in the last require block. Call cleanupModFile
 * afterwards.
 */
export function setRequire(f: ModFile, req: readonly RequireSpec[]): void {
  const need = new Map<string, { version: string; indirect: boolean }>();
  for (const r of req) {
    const prev = need.get(r.mod.path);
    if (prev !== undefined && prev.version !== r.mod.version) {
      throw new Error(
        `SetRequire called with conflicting versions for path ${r.mod.path} (${prev.version} and ${r.mod.version})`,
      );
    }
    need.set(r.mod.path, { version: r.mod.version, indirect: r.indirect });
  }
  for (const r of f.require) {
    const path = r.mod.path;
    const e = need.get(path);
    if (e !== undefined) {
      setRequireVersion(r, e.version);
      setRequireIndirect(r, e.indirect);
    } else {
      removeRequire(r);
    }
    need.delete(path);
  }
  for (const [path, e] of need) addNewRequire(f, path, e.version, e.indirect);
  sortBlocks(f);
}

/**
 * setRequireSeparateIndirect is setRequire that keeps direct and indirect requirements in two
 * separate blocks, moving requirements between the last uncommented direct-only and
 * indirect-only blocks as their markings change, and splitting a single uncommented mixed block.
 */
export function setRequireSeparateIndirect(f: ModFile, req: readonly RequireSpec[]): void {
  setRequireBlocks(f, req, false);
}

/**
 * setRequireAtMostTwo is setRequireSeparateIndirect that gathers every requirement into one
 * direct and one indirect block, whatever blocks and comments the file had (x/mod's
 * SetRequireAtMostTwo, used by go 1.27 and later for go.mod files at go 1.27 or later). The
 * comments before each require block go before the block its lines mostly end up in.
 */
export function setRequireAtMostTwo(f: ModFile, req: readonly RequireSpec[]): void {
  setRequireBlocks(f, req, true);
}

function setRequireBlocks(f: ModFile, req: readonly RequireSpec[], simplify: boolean): void {
  // Whether a line or block has comments other than the "indirect" marking.
  const hasComments = (c: Comments): boolean =>
    c.before.length > 0 ||
    c.after.length > 0 ||
    c.suffix.length > 1 ||
    (c.suffix.length === 1 && commentBody(c.suffix[0]!.token) !== 'indirect');

  // Appends r's line to block, moving it (with its comments) out of wherever it was.
  const moveReq = (r: Require, block: LineBlock, isNew: boolean): void => {
    let line: Line;
    if (isNew) {
      line = newLine([autoQuote(r.mod.path), r.mod.version]);
      r.syntax = line;
      if (r.indirect) setRequireIndirect(r, true);
    } else {
      line = { ...r.syntax, comments: { ...r.syntax.comments } };
      if (!line.inBlock && line.token !== null && line.token.length > 0 && line.token[0] === 'require') {
        line.token = line.token.slice(1);
      }
      r.syntax.token = null; // cleanup deletes the old line
      r.syntax = line;
    }
    line.inBlock = true;
    block.line.push(line);
  };

  const need = new Map<string, RequireSpec>();
  for (const r of req) need.set(r.mod.path, r);
  // The indirect marking each existing line will have (simplify mode sorts block comments by it).
  const lineIndirect = new Map<Line, boolean>();
  for (const r of f.require) {
    const n = need.get(r.mod.path);
    if (n !== undefined) lineIndirect.set(r.syntax, n.indirect);
  }
  const directBlockComments: Comment[] = [];
  const indirectBlockComments: Comment[] = [];

  let lastDirectIndex = -1;
  let lastIndirectIndex = -1;
  let lastRequireIndex = -1;
  let requireLineOrBlockCount = 0;
  const lineToBlock = new Map<Line, LineBlock>();

  f.syntax.stmt.forEach((stmt, i) => {
    if (stmt.kind === 'line') {
      if (stmt.token === null || stmt.token.length === 0 || stmt.token[0] !== 'require') return;
      lastRequireIndex = i;
      requireLineOrBlockCount++;
      if (!hasComments(stmt.comments)) {
        if (isIndirect(stmt)) lastIndirectIndex = i;
        else lastDirectIndex = i;
      }
    } else if (stmt.kind === 'block') {
      if (stmt.token.length === 0 || stmt.token[0] !== 'require') return;
      lastRequireIndex = i;
      requireLineOrBlockCount++;
      let allDirect = stmt.line.length > 0 && !hasComments(stmt.comments);
      let allIndirect = stmt.line.length > 0 && !hasComments(stmt.comments);
      for (const line of stmt.line) {
        lineToBlock.set(line, stmt);
        if (hasComments(line.comments)) {
          allDirect = false;
          allIndirect = false;
        } else if (isIndirect(line)) {
          allDirect = false;
        } else {
          allIndirect = false;
        }
      }
      if (allDirect) lastDirectIndex = i;
      if (allIndirect) lastIndirectIndex = i;
      if (simplify) {
        const anyDirect = stmt.line.some((line) => lineIndirect.get(line) === false);
        const target = !anyDirect && stmt.line.length > 0 ? indirectBlockComments : directBlockComments;
        if (target.length > 0 && stmt.comments.before.length > 0) target.push({ start: { line: 0, lineRune: 0, byte: 0 }, token: '//', suffix: false });
        target.push(...stmt.comments.before);
        stmt.comments.before = [];
      }
    }
  });

  const oneFlatUncommentedBlock =
    requireLineOrBlockCount === 1 && !hasComments(f.syntax.stmt[lastRequireIndex]!.comments);

  const insertBlock = (i: number): LineBlock => {
    const block = newLineBlock(['require']);
    f.syntax.stmt.splice(i, 0, block);
    return block;
  };

  const ensureBlock = (i: number): LineBlock => {
    const stmt: Stmt = f.syntax.stmt[i]!;
    if (stmt.kind === 'block') return stmt;
    if (stmt.kind === 'line') {
      const block = newLineBlock(['require'], [stmt]);
      stmt.token = (stmt.token ?? []).slice(1);
      stmt.inBlock = true;
      f.syntax.stmt[i] = block;
      return block;
    }
    throw new Error(`unexpected statement: ${stmt.kind}`);
  };

  let lastDirectBlock: LineBlock;
  if (lastDirectIndex < 0) {
    if (lastIndirectIndex >= 0) {
      lastDirectIndex = lastIndirectIndex;
      lastIndirectIndex++;
    } else if (lastRequireIndex >= 0) {
      lastDirectIndex = lastRequireIndex + 1;
    } else {
      lastDirectIndex = f.syntax.stmt.length;
    }
    lastDirectBlock = insertBlock(lastDirectIndex);
  } else {
    lastDirectBlock = ensureBlock(lastDirectIndex);
  }

  let lastIndirectBlock: LineBlock;
  if (lastIndirectIndex < 0) {
    lastIndirectIndex = lastDirectIndex + 1;
    lastIndirectBlock = insertBlock(lastIndirectIndex);
  } else {
    lastIndirectBlock = ensureBlock(lastIndirectIndex);
  }

  if (simplify) {
    lastDirectBlock.comments.before.push(...directBlockComments);
    lastIndirectBlock.comments.before.push(...indirectBlockComments);
  }

  const have = new Map<string, Require>();
  for (const r of f.require) {
    const path = r.mod.path;
    const want = need.get(path);
    if (want === undefined || have.has(path)) {
      removeRequire(r);
      continue;
    }
    have.set(path, r);
    setRequireVersion(r, want.mod.version);
    setRequireIndirect(r, want.indirect);
    const inBlock = lineToBlock.get(r.syntax);
    if (want.indirect && (simplify || oneFlatUncommentedBlock || inBlock === lastDirectBlock)) {
      moveReq(r, lastIndirectBlock, false);
    } else if (!want.indirect && (simplify || oneFlatUncommentedBlock || inBlock === lastIndirectBlock)) {
      moveReq(r, lastDirectBlock, false);
    }
  }

  for (const [path, spec] of need) {
    if (have.has(path)) continue;
    const r: Require = { mod: spec.mod, indirect: spec.indirect, syntax: newLine([]) };
    moveReq(r, spec.indirect ? lastIndirectBlock : lastDirectBlock, true);
    f.require.push(r);
  }

  sortBlocks(f);
}

/** dropRequire deletes every requirement on path. */
export function dropRequire(f: ModFile, path: string): void {
  for (const r of f.require) if (r.mod.path === path) removeRequire(r);
}

/**
 * checkCanonicalVersion throws unless vers is a canonical version matching path's major version
 * suffix, suggesting the right form in its message.
 */
function checkCanonicalVersion(path: string, vers: string): void {
  const { pathMajor, ok: pathMajorOk } = splitPathVersion(path);
  if (vers === '' || vers !== canonicalVersion(vers)) {
    const form = pathMajor === '' ? 'v1.2.3' : `${pathMajorPrefix(pathMajor)}.2.3`;
    throw new Error(`version ${goQuote(vers)} invalid: must be of the form ${form}`);
  }
  if (!pathMajorOk) return;
  const mismatch = pathMajorMismatch(vers, pathMajor);
  if (mismatch === '') return;
  if (pathMajor === '') {
    // Most likely "v2.3.4" was meant as "v2.3.4+incompatible".
    throw new Error(
      `version ${goQuote(vers)} invalid: should be ${vers}+incompatible (or module ${path}/${semverMajor(vers)})`,
    );
  }
  throw new Error(mismatch);
}

/** addExclude adds an exclusion (a no-op if present); the version must be canonical. */
export function addExclude(f: ModFile, path: string, vers: string): void {
  checkCanonicalVersion(path, vers);
  let hint: Line | null = null;
  for (const x of f.exclude) {
    if (x.mod.path === path && x.mod.version === vers) return;
    if (x.mod.path === path) hint = x.syntax;
  }
  f.exclude.push({
    mod: { path, version: vers },
    syntax:
      hint === null ? appendLine(f.syntax, ['exclude', autoQuote(path), vers]) : addLine(f.syntax, hint, ['exclude', autoQuote(path), vers]),
  });
}

/** dropExclude deletes the exclusion of path@vers. */
export function dropExclude(f: ModFile, path: string, vers: string): void {
  for (const x of f.exclude) {
    if (x.mod.path === path && x.mod.version === vers) {
      markLineRemoved(x.syntax);
      x.syntax = detachedLine();
      x.mod = NO_MODULE;
    }
  }
}

function addReplaceTo(
  syntax: FileSyntax,
  replace: Replace[],
  oldPath: string,
  oldVers: string,
  newPath: string,
  newVers: string,
): void {
  let need = true;
  const oldMod = { path: oldPath, version: oldVers };
  const newMod = { path: newPath, version: newVers };
  const tokens = ['replace', autoQuote(oldPath)];
  if (oldVers !== '') tokens.push(oldVers);
  tokens.push('=>', autoQuote(newPath));
  if (newVers !== '') tokens.push(newVers);

  let hint: Line | null = null;
  for (const r of replace) {
    if (r.old.path === oldPath && (oldVers === '' || r.old.version === oldVers)) {
      if (need) {
        r.new = newMod;
        updateLine(r.syntax, tokens);
        need = false;
        continue;
      }
      markLineRemoved(r.syntax);
      r.syntax = detachedLine();
      r.old = NO_MODULE;
      r.new = NO_MODULE;
    }
    if (r.old.path === oldPath) hint = r.syntax;
  }
  if (need) {
    const line = hint === null ? appendLine(syntax, tokens) : addLine(syntax, hint, tokens);
    replace.push({ old: oldMod, new: newMod, syntax: line });
  }
}

function dropReplaceFrom(replace: Replace[], oldPath: string, oldVers: string): void {
  for (const r of replace) {
    if (r.old.path === oldPath && r.old.version === oldVers) {
      markLineRemoved(r.syntax);
      r.syntax = detachedLine();
      r.old = NO_MODULE;
      r.new = NO_MODULE;
    }
  }
}

/**
 * addReplace replaces oldPath[@oldVers] by newPath[@newVers], rewriting the first matching
 * replacement and deleting the others.
 */
export function addReplace(f: ModFile, oldPath: string, oldVers: string, newPath: string, newVers: string): void {
  addReplaceTo(f.syntax, f.replace, oldPath, oldVers, newPath, newVers);
}

/** dropReplace deletes the replacement of oldPath@oldVers (oldVers "" for the all-versions one). */
export function dropReplace(f: ModFile, oldPath: string, oldVers: string): void {
  dropReplaceFrom(f.replace, oldPath, oldVers);
}

/**
 * addRetract adds a retract line for vi, with rationale as comments above it. As in x/mod, the
 * new retraction is written to the syntax but not added to f.retract.
 */
export function addRetract(f: ModFile, vi: VersionInterval, rationale: string): void {
  const path = f.module?.mod.path ?? '';
  checkCanonicalVersion(path, vi.high);
  checkCanonicalVersion(path, vi.low);
  const tokens =
    vi.low === vi.high ? ['retract', autoQuote(vi.low)] : ['retract', '[', autoQuote(vi.low), ',', autoQuote(vi.high), ']'];
  const line = addLine(f.syntax, null, tokens);
  if (rationale !== '') {
    for (const text of rationale.split('\n')) {
      line.comments.before.push({ start: { line: 0, lineRune: 0, byte: 0 }, token: `// ${text}`, suffix: false });
    }
  }
}

/** dropRetract deletes every retraction of exactly vi. */
export function dropRetract(f: ModFile, vi: VersionInterval): void {
  for (const r of f.retract) {
    if (r.low === vi.low && r.high === vi.high) {
      markLineRemoved(r.syntax);
      r.syntax = detachedLine();
      r.low = '';
      r.high = '';
      r.rationale = '';
    }
  }
}

/** addTool adds a tool line for path unless there is one. */
export function addTool(f: ModFile, path: string): void {
  if (f.tool.some((t) => t.path === path)) return;
  // x/mod writes the path unquoted here.
  f.tool.push({ path, syntax: addLine(f.syntax, null, ['tool', path]) });
  sortBlocks(f);
}

/** dropTool deletes the tool line for path. */
export function dropTool(f: ModFile, path: string): void {
  for (const t of f.tool) {
    if (t.path === path) {
      markLineRemoved(t.syntax);
      t.syntax = detachedLine();
      t.path = '';
    }
  }
}

/** addIgnore adds an ignore line for path unless there is one. */
export function addIgnore(f: ModFile, path: string): void {
  if (f.ignore.some((t) => t.path === path)) return;
  f.ignore.push({ path, syntax: addLine(f.syntax, null, ['ignore', path]) });
  sortBlocks(f);
}

/** dropIgnore deletes the ignore line for path. */
export function dropIgnore(f: ModFile, path: string): void {
  for (const t of f.ignore) {
    if (t.path === path) {
      markLineRemoved(t.syntax);
      t.syntax = detachedLine();
      t.path = '';
    }
  }
}

function compareLine(li: Line, lj: Line): number {
  const a = li.token ?? [];
  const b = lj.token ?? [];
  for (let k = 0; k < a.length && k < b.length; k++) {
    if (a[k] !== b[k]) return compareGoStrings(a[k]!, b[k]!);
  }
  return a.length - b.length;
}

function compareLineExclude(li: Line, lj: Line): number {
  const a = li.token ?? [];
  const b = lj.token ?? [];
  if (a.length !== 2 || b.length !== 2) return compareLine(li, lj);
  if (a[0] !== b[0]) return compareGoStrings(a[0]!, b[0]!);
  return semverCompare(a[1]!, b[1]!);
}

function lineInterval(l: Line): VersionInterval {
  const t = l.token ?? [];
  if (t.length === 1) return { low: t[0]!, high: t[0]! };
  if (t.length === 5 && t[0] === '[' && t[2] === ',' && t[4] === ']') return { low: t[1]!, high: t[3]! };
  return { low: '', high: '' };
}

/** Retractions sort newest first: by low version, then high version, both descending. */
function compareLineRetract(li: Line, lj: Line): number {
  const a = lineInterval(li);
  const b = lineInterval(lj);
  const c = semverCompare(a.low, b.low);
  if (c !== 0) return -c;
  return -semverCompare(a.high, b.high);
}

/**
 * removeDups deletes duplicate excludes, tools and ignores (the first one wins) and duplicate
 * replacements (the last one wins). Requirements and retractions are left alone: duplicates there
 * are for higher-level logic, and retraction comments matter.
 */
function removeDups(
  syntax: FileSyntax,
  f: { exclude?: Exclude[]; replace: Replace[]; tool?: Tool[]; ignore?: Ignore[] },
): void {
  const kill = new Set<Line>();
  const firstWins = <T extends { syntax: Line }>(list: T[], key: (x: T) => string): T[] => {
    const seen = new Set<string>();
    for (const x of list) {
      const k = key(x);
      if (seen.has(k)) kill.add(x.syntax);
      else seen.add(k);
    }
    return list.filter((x) => !kill.has(x.syntax));
  };
  const modKey = (m: ModuleVersion): string => `${m.path}\u0000${m.version}`;

  if (f.exclude !== undefined) f.exclude = firstWins(f.exclude, (x) => modKey(x.mod));

  const haveReplace = new Set<string>();
  for (let i = f.replace.length - 1; i >= 0; i--) {
    const x = f.replace[i]!;
    const k = modKey(x.old);
    if (haveReplace.has(k)) kill.add(x.syntax);
    else haveReplace.add(k);
  }
  f.replace = f.replace.filter((x) => !kill.has(x.syntax));

  if (f.tool !== undefined) f.tool = firstWins(f.tool, (t) => t.path);
  if (f.ignore !== undefined) f.ignore = firstWins(f.ignore, (t) => t.path);

  const stmts: Stmt[] = [];
  for (const stmt of syntax.stmt) {
    if (stmt.kind === 'line' && kill.has(stmt)) continue;
    if (stmt.kind === 'block') {
      stmt.line = stmt.line.filter((l) => !kill.has(l));
      if (stmt.line.length === 0) continue;
    }
    stmts.push(stmt);
  }
  syntax.stmt = stmts;
}

/**
 * sortBlocks removes duplicate directives and sorts the lines of every block: exclude blocks by
 * semantic version from go 1.21 on, retract blocks newest first, everything else by token text.
 */
export function sortBlocks(f: ModFile): void {
  removeDups(f.syntax, f);
  const semanticExclude = f.go !== null && semverCompare(`v${f.go.version}`, 'v1.21') >= 0;
  for (const stmt of f.syntax.stmt) {
    if (stmt.kind !== 'block') continue;
    let less = compareLine;
    if (stmt.token[0] === 'exclude' && semanticExclude) less = compareLineExclude;
    else if (stmt.token[0] === 'retract') less = compareLineRetract;
    stmt.line.sort(less);
  }
}

/** cleanupWorkFile drops the entries and lines removed by earlier edits (WorkFile.Cleanup). */
export function cleanupWorkFile(f: WorkFile): void {
  f.use = f.use.filter((u) => u.path !== '');
  f.replace = f.replace.filter((r) => r.old.path !== '');
  cleanupSyntax(f.syntax);
}

/** workAddGoStmt sets the go version, adding a go line before the first statement that is not a comment. */
export function workAddGoStmt(f: WorkFile, version: string): void {
  if (!GO_VERSION_RE.test(version)) throw new Error(`invalid language version ${goQuote(version)}`);
  if (f.go === null) {
    const stmt = newLine(['go', version]);
    f.go = { version, syntax: stmt };
    let i = 0;
    while (i < f.syntax.stmt.length && f.syntax.stmt[i]!.kind === 'comment-block') i++;
    f.syntax.stmt.splice(i, 0, stmt);
  } else {
    f.go.version = version;
    updateLine(f.go.syntax, ['go', version]);
  }
}

/** workAddToolchainStmt sets the toolchain, adding a line after the go line (or before the first statement). */
export function workAddToolchainStmt(f: WorkFile, name: string): void {
  if (!TOOLCHAIN_RE.test(name)) throw new Error(`invalid toolchain name ${goQuote(name)}`);
  if (f.toolchain === null) {
    const stmt = newLine(['toolchain', name]);
    f.toolchain = { name, syntax: stmt };
    const stmts = f.syntax.stmt;
    let i = stmts.findIndex((s) => s.kind === 'line' && s.token !== null && s.token.length > 0 && s.token[0] === 'go');
    if (i >= 0) {
      i++;
    } else {
      i = 0;
      while (i < stmts.length && stmts[i]!.kind === 'comment-block') i++;
    }
    stmts.splice(i, 0, stmt);
  } else {
    f.toolchain.name = name;
    updateLine(f.toolchain.syntax, ['toolchain', name]);
  }
}

/** workAddGodebug is addGodebug for a go.work file. */
export function workAddGodebug(f: WorkFile, key: string, value: string): void {
  addGodebugTo(f.syntax, f.godebug, key, value);
}

/** workDropGodebug is dropGodebug for a go.work file. */
export function workDropGodebug(f: WorkFile, key: string): void {
  dropGodebugFrom(f.godebug, key);
}

/** workAddUse records modulePath for the first use of diskPath, removing other uses of it; adds one if none. */
export function workAddUse(f: WorkFile, diskPath: string, modulePath: string): void {
  let need = true;
  for (const d of f.use) {
    if (d.path !== diskPath) continue;
    if (need) {
      d.modulePath = modulePath;
      updateLine(d.syntax, ['use', autoQuote(diskPath)]);
      need = false;
    } else {
      markLineRemoved(d.syntax);
      d.syntax = detachedLine();
      d.path = '';
      d.modulePath = '';
    }
  }
  if (need) workAddNewUse(f, diskPath, modulePath);
}

/** workAddNewUse adds a use line at the end of the last use block. */
export function workAddNewUse(f: WorkFile, diskPath: string, modulePath: string): void {
  const line = addLine(f.syntax, null, ['use', autoQuote(diskPath)]);
  f.use.push({ path: diskPath, modulePath, syntax: line });
}

/** workSetUse makes the use lines exactly dirs. Call cleanupWorkFile afterwards. */
export function workSetUse(f: WorkFile, dirs: readonly Pick<Use, 'path' | 'modulePath'>[]): void {
  const need = new Map<string, string>();
  for (const d of dirs) need.set(d.path, d.modulePath);
  for (const d of f.use) {
    const modulePath = need.get(d.path);
    if (modulePath !== undefined) {
      d.modulePath = modulePath;
    } else {
      markLineRemoved(d.syntax);
      d.syntax = detachedLine();
      d.path = '';
      d.modulePath = '';
    }
  }
  // Like x/mod, every wanted directory is added again; sortBlocks drops nothing for use lines.
  for (const [diskPath, modulePath] of need) workAddNewUse(f, diskPath, modulePath);
  workSortBlocks(f);
}

/** workDropUse deletes the use lines for path. */
export function workDropUse(f: WorkFile, path: string): void {
  for (const d of f.use) {
    if (d.path === path) {
      markLineRemoved(d.syntax);
      d.syntax = detachedLine();
      d.path = '';
      d.modulePath = '';
    }
  }
}

/** workAddReplace is addReplace for a go.work file. */
export function workAddReplace(f: WorkFile, oldPath: string, oldVers: string, newPath: string, newVers: string): void {
  addReplaceTo(f.syntax, f.replace, oldPath, oldVers, newPath, newVers);
}

/** workDropReplace is dropReplace for a go.work file. */
export function workDropReplace(f: WorkFile, oldPath: string, oldVers: string): void {
  dropReplaceFrom(f.replace, oldPath, oldVers);
}

/** workSortBlocks removes duplicate replacements and sorts every block by token text. */
export function workSortBlocks(f: WorkFile): void {
  removeDups(f.syntax, f);
  for (const stmt of f.syntax.stmt) {
    if (stmt.kind === 'block') stmt.line.sort(compareLine);
  }
}
