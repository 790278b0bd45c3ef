/**
 * A copy of a parsed go.mod that edits can change without touching the original: edits change
 * the tree in place, and copying a parse is several times cheaper than parsing the same text
 * again (structuredClone is slower than both).
 *
 * What edits change is copied: nodes, token lists, comment lists. What they only ever replace is
 * shared: positions and Comment objects (edit.ts and syntax.ts build new ones instead).
 */
import type { ModFile } from './rules';
import type { Comments, FileSyntax, Line, LineBlock, Stmt } from './syntax';

function comments(c: Comments): Comments {
  return { before: c.before.slice(), suffix: c.suffix.slice(), after: c.after.slice() };
}

/** cloneModFile returns a copy of f that an edit can change (see above). */
export function cloneModFile(f: ModFile): ModFile {
  // The statements name lines of the tree: each is mapped to its copy.
  const lines = new Map<Line, Line>();
  const line = (l: Line): Line => {
    const c: Line = { kind: 'line', comments: comments(l.comments), start: l.start, token: l.token && l.token.slice(), inBlock: l.inBlock, end: l.end };
    lines.set(l, c);
    return c;
  };
  const block = (b: LineBlock): LineBlock => ({
    kind: 'block',
    comments: comments(b.comments),
    start: b.start,
    lparen: { kind: 'lparen', comments: comments(b.lparen.comments), pos: b.lparen.pos },
    token: b.token.slice(),
    line: b.line.map(line),
    rparen: { kind: 'rparen', comments: comments(b.rparen.comments), pos: b.rparen.pos },
  });
  const stmt = (s: Stmt): Stmt => {
    if (s.kind === 'line') return line(s);
    if (s.kind === 'block') return block(s);
    return { kind: 'comment-block', comments: comments(s.comments), start: s.start };
  };
  const syntax: FileSyntax = { kind: 'file', name: f.syntax.name, comments: comments(f.syntax.comments), stmt: f.syntax.stmt.map(stmt) };
  const to = (l: Line): Line => {
    const c = lines.get(l);
    if (!c) throw new Error('internal error: a statement of go.mod names a line outside its syntax tree');
    return c;
  };
  return {
    module: f.module && { mod: { ...f.module.mod }, deprecated: f.module.deprecated, syntax: to(f.module.syntax) },
    go: f.go && { version: f.go.version, syntax: to(f.go.syntax) },
    toolchain: f.toolchain && { name: f.toolchain.name, syntax: to(f.toolchain.syntax) },
    godebug: f.godebug.map((d) => ({ key: d.key, value: d.value, syntax: to(d.syntax) })),
    require: f.require.map((r) => ({ mod: { ...r.mod }, indirect: r.indirect, syntax: to(r.syntax) })),
    exclude: f.exclude.map((x) => ({ mod: { ...x.mod }, syntax: to(x.syntax) })),
    replace: f.replace.map((r) => ({ old: { ...r.old }, new: { ...r.new }, syntax: to(r.syntax) })),
    retract: f.retract.map((r) => ({ low: r.low, high: r.high, rationale: r.rationale, syntax: to(r.syntax) })),
    tool: f.tool.map((t) => ({ path: t.path, syntax: to(t.syntax) })),
    ignore: f.ignore.map((i) => ({ path: i.path, syntax: to(i.syntax) })),
    syntax,
  };
}
