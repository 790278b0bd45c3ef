/*
 * The meaning of go.mod and go.work statements (x/mod's File, WorkFile, Parse, ParseLax,
 * ParseWork): each directive checked and turned into a typed entry that keeps a reference to its
 * syntax line, so edits can rewrite the line in place.
 *
 * Parsing also rewrites some tokens in the syntax tree, exactly as x/mod does (quoted paths are
 * unquoted where quoting is unnecessary, versions are canonicalized, lax go versions are trimmed),
 * which is visible when the tree is formatted again.
 */

import type { ModuleVersion } from '../../../shared/model/module-version';
import {
  canonicalVersion,
  checkPathMajor,
  InvalidVersionError,
  ModuleError,
  splitPathVersion,
} from '../modpath/module-path';
import { directiveMessage, errorEntry, ModFileError, type ModFileErrorEntry } from './errors';
import { goQuote } from '../gostrings/go-quote';
import { goFields, goTrimSpace } from '../gostrings/go-space';
import { goUnquote } from '../gostrings/go-unquote';
import { isGoPrint } from '../gostrings/unicode-print';
import { decodeGoBytes, runeAt } from '../gostrings/utf8';
import { parseSyntax } from './parse';
import type { Comment, FileSyntax, Line, LineBlock } from './syntax';

/**
 * VersionFixer canonicalizes a version found in a file (x/mod's VersionFixer): it returns the
 * version to use or throws. A thrown ModuleError (the plain module kind) is reported by its inner
 * error, after "verb path: ", as x/mod does; any other error is reported as is.
 */
export type VersionFixer = (path: string, version: string) => string;

/** ModuleStmt is the module statement. */
export interface ModuleStmt {
  mod: ModuleVersion;
  /** The text of a "Deprecated:" paragraph in the statement's comments, or "". */
  deprecated: string;
  syntax: Line;
}

/** GoStmt is the go statement. */
export interface GoStmt {
  /** "1.23", "1.21rc1", ... */
  version: string;
  syntax: Line;
}

/** ToolchainStmt is the toolchain statement. */
export interface ToolchainStmt {
  /** "go1.21rc1", "default", ... */
  name: string;
  syntax: Line;
}

/** Godebug is one godebug key=value setting. */
export interface Godebug {
  key: string;
  value: string;
  syntax: Line;
}

/** Require is one requirement. */
export interface Require {
  mod: ModuleVersion;
  /** The line has a "// indirect" comment. */
  indirect: boolean;
  syntax: Line;
}

/** Exclude is one exclusion. */
export interface Exclude {
  mod: ModuleVersion;
  syntax: Line;
}

/** Replace is one replacement; old.version is "" for a replacement of every version. */
export interface Replace {
  old: ModuleVersion;
  new: ModuleVersion;
  syntax: Line;
}

/** VersionInterval is a closed interval of versions; low === high for a single version. */
export interface VersionInterval {
  low: string;
  high: string;
}

/** Retract is one retraction, with the comment text that explains it. */
export interface Retract extends VersionInterval {
  rationale: string;
  syntax: Line;
}

/** Tool is one tool statement. */
export interface Tool {
  path: string;
  syntax: Line;
}

/** Ignore is one ignore statement. */
export interface Ignore {
  path: string;
  syntax: Line;
}

/** ModFile is a parsed go.mod file (x/mod's modfile.File). */
export interface ModFile {
  module: ModuleStmt | null;
  go: GoStmt | null;
  toolchain: ToolchainStmt | null;
  godebug: Godebug[];
  require: Require[];
  exclude: Exclude[];
  replace: Replace[];
  retract: Retract[];
  tool: Tool[];
  ignore: Ignore[];
  syntax: FileSyntax;
}

/** Use is one use statement of a go.work file. */
export interface Use {
  /** The directory, as written. */
  path: string;
  /** The module path recorded for it ("" when parsed from a file). */
  modulePath: string;
  syntax: Line;
}

/** WorkFile is a parsed go.work file (x/mod's modfile.WorkFile). */
export interface WorkFile {
  go: GoStmt | null;
  toolchain: ToolchainStmt | null;
  godebug: Godebug[];
  use: Use[];
  replace: Replace[];
  syntax: FileSyntax;
}

/** GO_VERSION_RE is modfile.GoVersionRE: what a go line must hold. */
export const GO_VERSION_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;

// Dependencies' go lines are trimmed to "major.minor" when they carry something unexpected after it.
const LAX_GO_VERSION_RE = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/;

/** TOOLCHAIN_RE is modfile.ToolchainRE: deliberately loose, for forward compatibility. */
export const TOOLCHAIN_RE = /^default$|^go1($|\.)/;

const DEPRECATED_RE = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/;

/** mustQuote reports whether s must be quoted to be a single token on a go.mod line. */
export function mustQuote(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const r = runeAt(s, i);
    i += r.units;
    switch (r.rune) {
      case 0x20:
      case 0x22:
      case 0x27:
      case 0x60:
        return true;
      case 0x28:
      case 0x29:
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
      case 0x2c:
        // A lone punctuation character is its own token; with anything else it would split.
        if (s.length > 1) return true;
        break;
      default:
        if (!isGoPrint(r.rune)) return true;
    }
  }
  return s === '' || s.includes('//') || s.includes('/*');
}

/** autoQuote returns s, or s quoted if it must be quoted to appear in a go.mod file. */
export function autoQuote(s: string): string {
  return mustQuote(s) ? goQuote(s) : s;
}

/**
 * isDirectoryPath reports whether a replacement target is a directory rather than a module path:
 * "." or ".." or starting with ./ ../ / \ or a drive letter, in Unix or Windows syntax.
 */
export function isDirectoryPath(ns: string): boolean {
  return (
    ns === '.' ||
    ns.startsWith('./') ||
    ns.startsWith('.\\') ||
    ns === '..' ||
    ns.startsWith('../') ||
    ns.startsWith('..\\') ||
    ns.startsWith('/') ||
    ns.startsWith('\\') ||
    (ns.length >= 2 && /^[A-Za-z]$/.test(ns[0]!) && ns[1] === ':')
  );
}

/** isIndirect reports whether line's first end-of-line comment marks it "// indirect". */
export function isIndirect(line: Line): boolean {
  const suffix = line.comments.suffix;
  if (suffix.length === 0) return false;
  const f = goFields(trimSlashes(suffix[0]!.token));
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

function trimSlashes(token: string): string {
  return token.startsWith('//') ? token.slice(2) : token;
}

/** A problem found in one directive; its message is what follows the position. */
class DirectiveError extends Error {}

/**
 * The arguments of a directive: a window onto the line's tokens, so that rewriting an argument
 * rewrites the token (as x/mod's slices of Line.Token do).
 */
class Args {
  constructor(
    private readonly tokens: string[],
    private readonly offset: number,
  ) {}

  get length(): number {
    return this.tokens.length - this.offset;
  }

  get(i: number): string {
    return this.tokens[this.offset + i]!;
  }

  set(i: number, v: string): void {
    this.tokens[this.offset + i] = v;
  }

  rest(n: number): Args {
    return new Args(this.tokens, this.offset + n);
  }
}

/** parseString unquotes a "..." argument, rewriting the token in its canonical quoting. */
function parseString(args: Args, i: number): string {
  let t = args.get(i);
  if (t.startsWith('"')) {
    t = goUnquote(t);
  } else if (/["'`]/.test(t)) {
    // Other quotes are reserved, and a quoted-looking 'x' should not silently mean x.
    throw new DirectiveError('unquoted string cannot contain quote');
  }
  args.set(i, autoQuote(t));
  return t;
}

function parseVersion(verb: string, path: string, args: Args, i: number, fix: VersionFixer | undefined): string {
  let t: string;
  try {
    t = parseString(args, i);
  } catch (e) {
    throw new DirectiveError(
      directiveMessage(verb, path, `version ${goQuote(args.get(i))} invalid: ${(e as Error).message}`),
    );
  }
  if (fix !== undefined) {
    try {
      t = fix(path, t);
    } catch (e) {
      if (e instanceof ModuleError && e.kind === 'module') {
        throw new DirectiveError(directiveMessage(verb, path, e.err.message));
      }
      throw new DirectiveError((e as Error).message);
    }
  } else {
    const cv = canonicalVersion(t);
    if (cv === '') {
      throw new DirectiveError(
        directiveMessage(verb, path, `version ${goQuote(t)} invalid: must be of the form v1.2.3`),
      );
    }
    t = cv;
  }
  args.set(i, t);
  return t;
}

/**
 * pathMajorMismatch is module.CheckPathMajor's error text for v against pathMajor, or "" when they
 * fit. The version is quoted here so that invalid UTF-8 in it prints as Go prints it.
 */
export function pathMajorMismatch(v: string, pathMajor: string): string {
  try {
    checkPathMajor(v, pathMajor);
    return '';
  } catch (e) {
    if (e instanceof InvalidVersionError) return `${e.noun} ${goQuote(e.version)} invalid: ${e.err.message}`;
    return (e as Error).message;
  }
}

function modulePathMajor(path: string): string {
  const { pathMajor, ok } = splitPathVersion(path);
  if (!ok) throw new DirectiveError('invalid module path');
  return pathMajor;
}

function parseVersionInterval(
  verb: string,
  path: string,
  args: Args,
  fix: VersionFixer | undefined,
): { vi: VersionInterval; rest: Args } {
  if (args.length === 0 || args.get(0) === '(') throw new DirectiveError("expected '[' or version");
  if (args.get(0) !== '[') {
    const v = parseVersion(verb, path, args, 0, fix);
    return { vi: { low: v, high: v }, rest: args.rest(1) };
  }
  let toks = args.rest(1);
  if (toks.length === 0) throw new DirectiveError("expected version after '['");
  const low = parseVersion(verb, path, toks, 0, fix);
  toks = toks.rest(1);
  if (toks.length === 0 || toks.get(0) !== ',') throw new DirectiveError("expected ',' after version");
  toks = toks.rest(1);
  if (toks.length === 0) throw new DirectiveError("expected version after ','");
  const high = parseVersion(verb, path, toks, 0, fix);
  toks = toks.rest(1);
  if (toks.length === 0 || toks.get(0) !== ']') throw new DirectiveError("expected ']' after version");
  return { vi: { low, high }, rest: toks.rest(1) };
}

/**
 * parseDirectiveComment joins the text of the comments on a directive, one line each; a line
 * without comments of its own inside a block uses the block's.
 */
function parseDirectiveComment(block: LineBlock | null, line: Line): string {
  let comments = line.comments;
  if (block !== null && comments.before.length === 0 && comments.suffix.length === 0) comments = block.comments;
  const lines: string[] = [];
  for (const group of [comments.before, comments.suffix]) {
    for (const c of group) {
      if (!c.token.startsWith('//')) continue; // a kept blank line
      lines.push(goTrimSpace(c.token.slice(2)));
    }
  }
  return lines.join('\n');
}

function parseDeprecation(block: LineBlock | null, line: Line): string {
  const m = DEPRECATED_RE.exec(parseDirectiveComment(block, line));
  return m ? m[1]! : '';
}

function parseReplace(line: Line, verb: string, args: Args, fix: VersionFixer | undefined): Replace {
  const pathError = (modPath: string, e: unknown): DirectiveError =>
    new DirectiveError(directiveMessage(verb, modPath, (e as Error).message));

  let arrow = 2;
  if (args.length >= 2 && args.get(1) === '=>') arrow = 1;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args.get(arrow) !== '=>') {
    throw new DirectiveError(
      `usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`,
    );
  }
  const s = parseQuotedArg(args, 0);
  let pathMajor: string;
  try {
    pathMajor = modulePathMajor(s);
  } catch (e) {
    throw pathError(s, e);
  }
  let v = '';
  if (arrow === 2) {
    v = parseVersion(verb, s, args, 1, fix);
    const mismatch = pathMajorMismatch(v, pathMajor);
    if (mismatch !== '') throw new DirectiveError(directiveMessage(verb, s, mismatch));
  }
  const ns = parseQuotedArg(args, arrow + 1);
  let nv = '';
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns)) {
      if (ns.includes('@')) {
        throw new DirectiveError("replacement module must match format 'path version', not 'path@version'");
      }
      throw new DirectiveError(
        'replacement module without version must be directory path (rooted or starting with . or ..)',
      );
    }
    // The go command on a Unix system takes a backslash in a directory for a Windows path.
    if (ns.includes('\\')) {
      throw new DirectiveError('replacement directory appears to be Windows path (on a non-windows system)');
    }
  }
  if (args.length === arrow + 3) {
    nv = parseVersion(verb, ns, args, arrow + 2, fix);
    if (isDirectoryPath(ns)) {
      throw new DirectiveError(`replacement module directory path ${goQuote(ns)} cannot have version`);
    }
  }
  return { old: { path: s, version: v }, new: { path: ns, version: nv }, syntax: line };
}

function emptyModFile(syntax: FileSyntax): ModFile {
  return {
    module: null,
    go: null,
    toolchain: null,
    godebug: [],
    require: [],
    exclude: [],
    replace: [],
    retract: [],
    tool: [],
    ignore: [],
    syntax,
  };
}

function parseGodebug(args: Args): { key: string; value: string } {
  if (args.length !== 1 || /["`',]/.test(args.get(0))) throw new DirectiveError('usage: godebug key=value');
  const kv = args.get(0);
  const eq = kv.indexOf('=');
  if (eq < 0) throw new DirectiveError('usage: godebug key=value');
  return { key: kv.slice(0, eq), value: kv.slice(eq + 1) };
}

function parseToolchain(args: Args): string {
  if (args.length !== 1) throw new DirectiveError('toolchain directive expects exactly one argument');
  if (!TOOLCHAIN_RE.test(args.get(0))) {
    throw new DirectiveError(`invalid toolchain version '${args.get(0)}': must match format go1.23.0 or default`);
  }
  return args.get(0);
}

function parseQuotedArg(args: Args, i = 0): string {
  try {
    return parseString(args, i);
  } catch (e) {
    throw new DirectiveError(`invalid quoted string: ${(e as Error).message}`);
  }
}

/** Records one go.mod directive into f, appending any problem to errs. */
function addModDirective(
  f: ModFile,
  errs: ModFileErrorEntry[],
  block: LineBlock | null,
  line: Line,
  verb: string,
  args: Args,
  fix: VersionFixer | undefined,
  strict: boolean,
): void {
  // Outside the main module only what matters to dependencies is read; the rest (including
  // directives newer than this parser) is ignored so that newer go.mod files still load.
  if (!strict && !['go', 'module', 'retract', 'require', 'ignore'].includes(verb)) return;

  const file = f.syntax.name;
  try {
    switch (verb) {
      default:
        throw new DirectiveError(`unknown directive: ${verb}`);

      case 'go': {
        if (f.go !== null) throw new DirectiveError('repeated go statement');
        if (args.length !== 1) throw new DirectiveError('go directive expects exactly one argument');
        if (!GO_VERSION_RE.test(args.get(0))) {
          const m = strict ? null : LAX_GO_VERSION_RE.exec(args.get(0));
          if (m === null) {
            throw new DirectiveError(`invalid go version '${args.get(0)}': must match format 1.23.0`);
          }
          args.set(0, m[1]!);
        }
        f.go = { version: args.get(0), syntax: line };
        return;
      }

      case 'toolchain': {
        if (f.toolchain !== null) throw new DirectiveError('repeated toolchain statement');
        f.toolchain = { name: parseToolchain(args), syntax: line };
        return;
      }

      case 'module': {
        if (f.module !== null) throw new DirectiveError('repeated module statement');
        const deprecated = parseDeprecation(block, line);
        f.module = { mod: { path: '', version: '' }, deprecated, syntax: line };
        if (args.length !== 1) throw new DirectiveError('usage: module module/path');
        f.module.mod = { path: parseQuotedArg(args), version: '' };
        return;
      }

      case 'godebug': {
        const { key, value } = parseGodebug(args);
        f.godebug.push({ key, value, syntax: line });
        return;
      }

      case 'require':
      case 'exclude': {
        if (args.length !== 2) throw new DirectiveError(`usage: ${verb} module/path v1.2.3`);
        const s = parseQuotedArg(args);
        const v = parseVersion(verb, s, args, 1, fix);
        const mismatch = pathMajorMismatch(v, modulePathMajor(s));
        if (mismatch !== '') throw new DirectiveError(directiveMessage(verb, s, mismatch));
        if (verb === 'require') f.require.push({ mod: { path: s, version: v }, syntax: line, indirect: isIndirect(line) });
        else f.exclude.push({ mod: { path: s, version: v }, syntax: line });
        return;
      }

      case 'replace':
        f.replace.push(parseReplace(line, verb, args, fix));
        return;

      case 'retract': {
        const rationale = parseDirectiveComment(block, line);
        let parsed: { vi: VersionInterval; rest: Args };
        try {
          // Retracted versions are checked against the module path once it is known (fixRetract).
          parsed = parseVersionInterval(verb, '', args, (_path, v) => v);
        } catch (e) {
          // Only the main module reports bad intervals, so that syntax added later stays loadable.
          if (strict) throw e;
          return;
        }
        if (parsed.rest.length > 0 && strict) {
          throw new DirectiveError(`unexpected token after version: ${goQuote(parsed.rest.get(0))}`);
        }
        f.retract.push({ ...parsed.vi, rationale, syntax: line });
        return;
      }

      case 'tool': {
        if (args.length !== 1) throw new DirectiveError('tool directive expects exactly one argument');
        f.tool.push({ path: parseQuotedArg(args), syntax: line });
        return;
      }

      case 'ignore': {
        if (args.length !== 1) throw new DirectiveError('ignore directive expects exactly one argument');
        f.ignore.push({ path: parseQuotedArg(args), syntax: line });
        return;
      }
    }
  } catch (e) {
    if (e instanceof DirectiveError) errs.push(errorEntry(file, line.start, e.message));
    else throw e;
  }
}

/**
 * fixRetract checks the retracted versions against the module path, which may be declared after
 * them (or not at all), once the whole file is read.
 */
function fixRetract(f: ModFile, fix: VersionFixer | undefined, errs: ModFileErrorEntry[]): void {
  if (fix === undefined) return;
  const path = f.module?.mod.path ?? '';
  for (const r of f.retract) {
    if (path === '') {
      errs.push(errorEntry(f.syntax.name, r.syntax.start, 'no module directive found, so retract cannot be used'));
      return;
    }
    const tokens = r.syntax.token ?? [];
    const args = new Args(tokens, tokens[0] === 'retract' ? 1 : 0);
    let vi: VersionInterval = { low: '', high: '' };
    try {
      vi = parseVersionInterval('retract', path, args, fix).vi;
    } catch (e) {
      if (!(e instanceof DirectiveError)) throw e;
      errs.push(errorEntry(f.syntax.name, r.syntax.start, e.message));
    }
    r.low = vi.low;
    r.high = vi.high;
  }
}

function toText(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : decodeGoBytes(data);
}

function unknownBlock(file: string, x: LineBlock): ModFileErrorEntry {
  return errorEntry(file, x.start, `unknown block type: ${x.token.join(' ')}`);
}

/** ParseModFileOptions selects ParseLax and supplies an optional version fixer. */
export interface ParseModFileOptions {
  /** Parse as a dependency's go.mod (modfile.ParseLax): unknown and main-module-only directives are ignored. */
  readonly lax?: boolean;
  /** Canonicalizes versions; without one, every version must be (or canonicalize to) a semantic version. */
  readonly fix?: VersionFixer;
}

/**
 * parseModFile parses a go.mod file (modfile.Parse, or modfile.ParseLax with lax). fileName is
 * used in positions and errors. Bytes are decoded as Go reads them (invalid UTF-8 kept). Throws
 * ModFileError listing every problem, in Go's words.
 */
export function parseModFile(fileName: string, data: string | Uint8Array, opts: ParseModFileOptions = {}): ModFile {
  const strict = !opts.lax;
  const fix = opts.fix;
  const fs = parseSyntax(fileName, toText(data));
  const f = emptyModFile(fs);
  const errs: ModFileErrorEntry[] = [];

  for (const x of fs.stmt) {
    if (x.kind === 'line') {
      const tokens = x.token!;
      addModDirective(f, errs, null, x, tokens[0]!, new Args(tokens, 1), fix, strict);
    } else if (x.kind === 'block') {
      if (x.token.length > 1) {
        if (strict) errs.push(unknownBlock(fileName, x));
        continue;
      }
      const verb = x.token[0]!;
      if (!['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore'].includes(verb)) {
        if (strict) errs.push(unknownBlock(fileName, x));
        continue;
      }
      for (const l of x.line) addModDirective(f, errs, x, l, verb, new Args(l.token!, 0), fix, strict);
    }
  }

  fixRetract(f, fix, errs);
  if (errs.length > 0) throw new ModFileError(errs);
  return f;
}

function addWorkDirective(
  f: WorkFile,
  errs: ModFileErrorEntry[],
  line: Line,
  verb: string,
  args: Args,
  fix: VersionFixer | undefined,
): void {
  const file = f.syntax.name;
  try {
    switch (verb) {
      default:
        throw new DirectiveError(`unknown directive: ${verb}`);
      case 'go':
        if (f.go !== null) throw new DirectiveError('repeated go statement');
        if (args.length !== 1) throw new DirectiveError('go directive expects exactly one argument');
        if (!GO_VERSION_RE.test(args.get(0))) {
          throw new DirectiveError(`invalid go version '${args.get(0)}': must match format 1.23.0`);
        }
        f.go = { version: args.get(0), syntax: line };
        return;
      case 'toolchain':
        if (f.toolchain !== null) throw new DirectiveError('repeated toolchain statement');
        f.toolchain = { name: parseToolchain(args), syntax: line };
        return;
      case 'godebug': {
        const { key, value } = parseGodebug(args);
        f.godebug.push({ key, value, syntax: line });
        return;
      }
      case 'use':
        if (args.length !== 1) throw new DirectiveError(`usage: ${verb} local/dir`);
        f.use.push({ path: parseQuotedArg(args), modulePath: '', syntax: line });
        return;
      case 'replace':
        f.replace.push(parseReplace(line, verb, args, fix));
        return;
    }
  } catch (e) {
    if (e instanceof DirectiveError) errs.push(errorEntry(file, line.start, e.message));
    else throw e;
  }
}

/**
 * parseWorkFile parses a go.work file (modfile.ParseWork). Throws ModFileError listing every
 * problem, in Go's words.
 */
export function parseWorkFile(fileName: string, data: string | Uint8Array, fix?: VersionFixer): WorkFile {
  const fs = parseSyntax(fileName, toText(data));
  const f: WorkFile = { go: null, toolchain: null, godebug: [], use: [], replace: [], syntax: fs };
  const errs: ModFileErrorEntry[] = [];
  for (const x of fs.stmt) {
    if (x.kind === 'line') {
      const tokens = x.token!;
      addWorkDirective(f, errs, x, tokens[0]!, new Args(tokens, 1), fix);
    } else if (x.kind === 'block') {
      const verb = x.token[0]!;
      if (x.token.length > 1 || !['godebug', 'use', 'replace'].includes(verb)) {
        errs.push(unknownBlock(fileName, x));
        continue;
      }
      for (const l of x.line) addWorkDirective(f, errs, l, verb, new Args(l.token!, 0), fix);
    }
  }
  if (errs.length > 0) throw new ModFileError(errs);
  return f;
}

/**
 * modulePathFromGoMod is modfile.ModulePath: the module path from go.mod text, tolerating any
 * other problem in the file; "" when there is none.
 */
export function modulePathFromGoMod(data: string | Uint8Array): string {
  let mod = toText(data);
  while (mod.length > 0) {
    let line = mod;
    mod = '';
    const nl = line.indexOf('\n');
    if (nl >= 0) {
      mod = line.slice(nl + 1);
      line = line.slice(0, nl);
    }
    const slash = line.indexOf('//');
    if (slash >= 0) line = line.slice(0, slash);
    line = goTrimSpace(line);
    if (!line.startsWith('module')) continue;
    line = line.slice('module'.length);
    const n = line.length;
    line = goTrimSpace(line);
    if (line.length === n || line.length === 0) continue;
    if (line[0] === '"' || line[0] === '`') {
      try {
        return goUnquote(line);
      } catch {
        return '';
      }
    }
    return line;
  }
  return '';
}

/** commentText returns the text of a comment without its leading "//" and surrounding space. */
export function commentText(c: Comment): string {
  return goTrimSpace(trimSlashes(c.token));
}
