/**
 * Reading the import declarations of a Go source file, as cmd/go/internal/imports does before
 * it decides which packages a package needs: the package clause, then import declarations, up
 * to the first other declaration (comments, semicolons, named, dot and blank imports included),
 * and the build constraints of the file's header (//go:build, or the older // +build lines),
 * evaluated against a set of build tags: the target's (GOOS, GOARCH, cgo, release tags...) or
 * "any tags", which satisfies every constraint but "ignore".
 */

/** GoFileHeader is what a .go file says about its package, imports and build constraints. */
export interface GoFileHeader {
  readonly packageName: string;
  readonly imports: readonly string[];
  /** True for a file that no build includes ("ignore", a malformed constraint). */
  readonly ignored: boolean;
  /** The file's constraint: undefined when it has none (every build includes it). */
  readonly constraint?: Constraint;
}

/** Constraint is a parsed build constraint (go/build/constraint.Expr), or a file no build reads. */
export type Constraint =
  | { readonly op: 'tag'; readonly tag: string }
  | { readonly op: 'not'; readonly x: Constraint }
  | { readonly op: 'and' | 'or'; readonly x: Constraint; readonly y: Constraint }
  | { readonly op: 'never' };

/**
 * BuildTags are the tags a build satisfies (imports.Tags), or any: every tag but "ignore" is
 * both true and false (imports.AnyTags), so only "ignore" and malformed constraints exclude.
 */
export type BuildTags = { readonly any: true } | { readonly any?: false; readonly goos: string; readonly set: ReadonlySet<string> };

export const ANY_TAGS: BuildTags = { any: true };

const UNIX_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);
const KNOWN_OS = new Set([...UNIX_OS, 'js', 'nacl', 'plan9', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32',
  'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

/** BuildContext describes the target of a build, as go env reports it. */
export interface BuildContext {
  readonly goos: string;
  readonly goarch: string;
  readonly cgo: boolean;
  /** localGo is the go version of the toolchain ("1.26.8"): release tags go1.1 up to its minor. */
  readonly localGo: string;
  /** toolTags are the microarchitecture tags (e.g. "amd64.v1") and other tool tags. */
  readonly toolTags?: readonly string[];
}

/** buildTags returns the tags of a build for ctx (imports.Tags with the gc compiler). */
export function buildTags(ctx: BuildContext): BuildTags {
  const set = new Set<string>([ctx.goos, ctx.goarch, 'gc', ...(ctx.toolTags ?? [])]);
  if (ctx.cgo) set.add('cgo');
  const minor = Number(/^1\.(\d+)/.exec(ctx.localGo)?.[1] ?? '0');
  for (let i = 1; i <= minor; i++) set.add(`go1.${i}`);
  return { goos: ctx.goos, set };
}

function isTagChar(c: string): boolean {
  return /[\p{L}\p{Nd}_.]/u.test(c);
}

function matchTag(name: string, tags: BuildTags, prefer: boolean): boolean {
  for (const c of name) if (!isTagChar(c)) return false;
  if (tags.any) return name !== '' && name !== 'ignore' ? prefer : false;
  if (tags.set.has(name)) return true;
  switch (name) {
    case 'linux':
      return tags.set.has('android');
    case 'solaris':
      return tags.set.has('illumos');
    case 'darwin':
      return tags.set.has('ios');
    case 'unix':
      return UNIX_OS.has(tags.goos);
    default:
      return false;
  }
}

function evalConstraint(x: Constraint, tags: BuildTags, prefer: boolean): boolean {
  switch (x.op) {
    case 'tag':
      return matchTag(x.tag, tags, prefer);
    case 'not':
      return !evalConstraint(x.x, tags, !prefer);
    case 'and':
      return evalConstraint(x.x, tags, prefer) && evalConstraint(x.y, tags, prefer);
    case 'or':
      return evalConstraint(x.x, tags, prefer) || evalConstraint(x.y, tags, prefer);
    case 'never':
      return false;
  }
}

/** shouldBuild tells whether a build with tags includes the file (imports.ShouldBuild). */
export function shouldBuild(h: GoFileHeader, tags: BuildTags): boolean {
  return h.constraint === undefined || evalConstraint(h.constraint, tags, true);
}

/**
 * matchFile tells whether a build with tags reads a file by its name: name_GOOS_GOARCH.go,
 * name_GOOS.go and name_GOARCH.go (a _test suffix aside) only on that target.
 */
export function matchFile(name: string, tags: BuildTags): boolean {
  if (tags.any) return true;
  let n = name;
  const dot = n.indexOf('.');
  if (dot >= 0) n = n.slice(0, dot);
  const i = n.indexOf('_');
  if (i < 0) return true;
  const l = n.slice(i).split('_');
  if (l.length > 0 && l[l.length - 1] === 'test') l.pop();
  const k = l.length;
  if (k >= 2 && KNOWN_OS.has(l[k - 2]!) && KNOWN_ARCH.has(l[k - 1]!)) return matchTag(l[k - 2]!, tags, true) && matchTag(l[k - 1]!, tags, true);
  if (k >= 1 && KNOWN_OS.has(l[k - 1]!)) return matchTag(l[k - 1]!, tags, true);
  if (k >= 1 && KNOWN_ARCH.has(l[k - 1]!)) return matchTag(l[k - 1]!, tags, true);
  return true;
}

class ConstraintSyntaxError extends Error {}

/** parseExpr parses a //go:build expression (go/build/constraint's parser). */
function parseExpr(text: string): Constraint {
  let i = 0;
  let tok = '';
  let isTag = false;
  let size = 0;
  const lex = (): void => {
    isTag = false;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) {
      tok = '';
      return;
    }
    const c = text[i]!;
    if (c === '(' || c === ')' || c === '!') {
      tok = c;
      i++;
      return;
    }
    if (c === '&' || c === '|') {
      if (text[i + 1] !== c) throw new ConstraintSyntaxError(`invalid syntax at ${c}`);
      tok = c + c;
      i += 2;
      return;
    }
    let j = i;
    for (const ch of text.slice(i)) {
      if (!isTagChar(ch)) break;
      j += ch.length;
    }
    if (j === i) throw new ConstraintSyntaxError('invalid syntax');
    tok = text.slice(i, j);
    i = j;
    isTag = true;
  };
  const or = (): Constraint => {
    let x = and();
    while (tok === '||') x = { op: 'or', x, y: and() };
    return x;
  };
  const and = (): Constraint => {
    let x = not();
    while (tok === '&&') x = { op: 'and', x, y: not() };
    return x;
  };
  const not = (): Constraint => {
    if (++size > 1000) throw new ConstraintSyntaxError('build expression too large');
    lex();
    if (tok === '!') {
      lex();
      if (tok === '!') throw new ConstraintSyntaxError('double negation not allowed');
      return { op: 'not', x: atom() };
    }
    return atom();
  };
  const atom = (): Constraint => {
    if (tok === '(') {
      const x = or();
      if ((tok as string) !== ')') throw new ConstraintSyntaxError('missing close paren');
      lex();
      return x;
    }
    if (!isTag) throw new ConstraintSyntaxError(tok === '' ? 'unexpected end of expression' : `unexpected token ${tok}`);
    const t = tok;
    lex();
    return { op: 'tag', tag: t };
  };
  const x = or();
  if (tok !== '') throw new ConstraintSyntaxError(`unexpected token ${tok}`);
  return x;
}

/** parsePlusBuild parses the expression of a // +build line (space = or, comma = and). */
function parsePlusBuild(text: string): Constraint {
  const tag = (t: string): Constraint => ({ op: 'tag', tag: t });
  let x: Constraint | undefined;
  for (const clause of text.split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter(Boolean)) {
    let y: Constraint | undefined;
    for (let lit of clause.split(',')) {
      let z: Constraint;
      if (lit.startsWith('!!') || lit === '!') z = tag('ignore');
      else {
        const neg = lit.startsWith('!');
        if (neg) lit = lit.slice(1);
        z = lit !== '' && [...lit].every(isTagChar) ? tag(lit) : tag('ignore');
        if (neg) z = { op: 'not', x: z };
      }
      y = y ? { op: 'and', x: y, y: z } : z;
    }
    if (y) x = x ? { op: 'or', x, y } : y;
  }
  return x ?? tag('ignore');
}

/** goBuildExpr returns the expression of a //go:build line, or undefined for other lines. */
function goBuildExpr(line: string): string | undefined {
  if (!line.startsWith('//go:build')) return undefined;
  const rest = line.trim().slice('//go:build'.length);
  const trim = rest.trim();
  if (rest.length === trim.length && rest !== '') return undefined;
  return trim;
}

/** plusBuildExpr returns the expression of a // +build line, or undefined for other lines. */
function plusBuildExpr(line: string): string | undefined {
  if (!line.startsWith('//')) return undefined;
  const l = line.slice(2).trim();
  if (!l.startsWith('+build')) return undefined;
  const rest = l.slice('+build'.length);
  const trim = rest.trim();
  if (rest.length === trim.length && rest !== '') return undefined;
  return trim;
}

/**
 * fileConstraint reads the build constraint of a file's header (imports.parseFileHeader and
 * ShouldBuild): the //go:build line if there is one, else every // +build line of the leading
 * comment block that a blank line ends. Two //go:build lines or a malformed one exclude the file.
 */
function fileConstraint(src: string): Constraint | undefined {
  let end = 0;
  let goBuild: string | undefined;
  let inSlashStar = false;
  let ended = false;
  let pos = 0;
  lines: while (pos < src.length) {
    const nl = src.indexOf('\n', pos);
    let line = src.slice(pos, nl < 0 ? src.length : nl);
    pos = nl < 0 ? src.length : nl + 1;
    line = line.trim();
    if (line === '' && !ended) {
      end = pos;
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inSlashStar && goBuildExpr(line) !== undefined) {
      if (goBuild !== undefined) return { op: 'never' };
      goBuild = line;
    }
    while (line.length > 0) {
      if (inSlashStar) {
        const i = line.indexOf('*/');
        if (i >= 0) {
          inSlashStar = false;
          line = line.slice(i + 2).trim();
          continue;
        }
        continue lines;
      }
      if (line.startsWith('//')) continue lines;
      if (line.startsWith('/*')) {
        inSlashStar = true;
        line = line.slice(2).trim();
        continue;
      }
      break lines;
    }
  }
  if (goBuild !== undefined) {
    try {
      return parseExpr(goBuildExpr(goBuild)!);
    } catch {
      return { op: 'never' };
    }
  }
  let x: Constraint | undefined;
  for (const raw of src.slice(0, end).split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('//') || !line.includes('+build')) continue;
    const e = plusBuildExpr(line);
    if (e === undefined) continue;
    const y = parsePlusBuild(e);
    x = x ? { op: 'and', x, y } : y;
  }
  return x;
}

type Token = { kind: 'ident' | 'string' | 'punct'; text: string } | { kind: 'eof'; text: '' };

function tokenize(src: string, onComment: (c: string) => void): () => Token {
  let i = 0;
  return () => {
    for (;;) {
      while (i < src.length && /[ \t\r\n;]/.test(src[i]!)) i++;
      if (src.startsWith('//', i)) {
        const end = src.indexOf('\n', i);
        onComment(src.slice(i, end < 0 ? src.length : end));
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (src.startsWith('/*', i)) {
        const end = src.indexOf('*/', i + 2);
        i = end < 0 ? src.length : end + 2;
        continue;
      }
      break;
    }
    if (i >= src.length) return { kind: 'eof', text: '' };
    const c = src[i]!;
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
        } else s += src[j++];
      }
      i = j + 1;
      return { kind: 'string', text: s };
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const s = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 1;
      return { kind: 'string', text: s };
    }
    if (/[\p{L}_\p{Nd}]/u.test(c)) {
      let j = i;
      while (j < src.length && /[\p{L}_\p{Nd}]/u.test(src[j]!)) j++;
      const text = src.slice(i, j);
      i = j;
      return { kind: 'ident', text };
    }
    i++;
    return { kind: 'punct', text: c };
  };
}

/** parseGoFileHeader reads the package clause, imports and constraint of src; undefined without a package clause. */
export function parseGoFileHeader(src: string): GoFileHeader | undefined {
  const next = tokenize(src, () => {});
  let t = next();
  if (t.kind !== 'ident' || t.text !== 'package') return undefined;
  t = next();
  if (t.kind !== 'ident') return undefined;
  const packageName = t.text;
  const imports: string[] = [];
  const importSpec = (tok: Token): Token => {
    let cur = tok;
    if (cur.kind === 'ident' || (cur.kind === 'punct' && cur.text === '.')) cur = next();
    if (cur.kind === 'string') imports.push(cur.text);
    return next();
  };
  t = next();
  while (t.kind === 'ident' && t.text === 'import') {
    t = next();
    if (t.kind === 'punct' && t.text === '(') {
      t = next();
      while (!(t.kind === 'punct' && t.text === ')') && t.kind !== 'eof') t = importSpec(t);
      t = next();
    } else {
      t = importSpec(t);
    }
  }
  const constraint = fileConstraint(src);
  const h: GoFileHeader = { packageName, imports, ignored: false, constraint };
  return { ...h, ignored: !shouldBuild(h, ANY_TAGS) };
}

/** isGoSourceForBuild reports whether a file name is a non-test .go file go/build would read. */
export function isGoSourceForBuild(name: string): boolean {
  return name.endsWith('.go') && !name.endsWith('_test.go') && !name.startsWith('_') && !name.startsWith('.');
}
