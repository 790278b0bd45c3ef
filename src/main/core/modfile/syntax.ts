/*
 * The syntax tree of a go.mod / go.work file (x/mod's FileSyntax and friends): lines of tokens,
 * parenthesized blocks of lines, and the comments attached to them. Edits work on this tree so
 * that formatting the result keeps the user's comments and layout.
 *
 * Nodes are plain mutable objects, discriminated by `kind`, because edits change them in place
 * (the parsed File keeps references to its Lines).
 */

import { byteLength, runeAt } from '../gostrings/utf8';

/** Position is a place in the source: 1-based line, 1-based rune in line, 0-based byte offset. */
export interface Position {
  line: number;
  lineRune: number;
  byte: number;
}

/** zeroPosition is Go's zero Position, which positions of synthesized nodes keep. */
export function zeroPosition(): Position {
  return { line: 0, lineRune: 0, byte: 0 };
}

/** advancePosition returns the position at the end of s when s starts at p. */
export function advancePosition(p: Position, s: string): Position {
  const out = { ...p, byte: p.byte + byteLength(s) };
  const nl = s.lastIndexOf('\n');
  let tail = s;
  if (nl >= 0) {
    let count = 0;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) count++;
    out.line += count;
    out.lineRune = 1;
    tail = s.slice(nl + 1);
  }
  for (let i = 0; i < tail.length; ) {
    i += runeAt(tail, i).units;
    out.lineRune++;
  }
  return out;
}

/**
 * Comment is one // comment. An empty token with a zero position stands for a blank line kept
 * inside a block.
 */
export interface Comment {
  start: Position;
  /** The text, starting with "//", without the line ending. */
  token: string;
  /** True for an end-of-line comment (one that follows code on its line). */
  suffix: boolean;
}

/** blankLineComment is the marker x/mod stores for a blank line inside a block. */
export function blankLineComment(): Comment {
  return { start: zeroPosition(), token: '', suffix: false };
}

/** isBlankLineComment reports whether c is exactly the blank-line marker (Go's c == Comment{}). */
export function isBlankLineComment(c: Comment): boolean {
  return c.token === '' && !c.suffix && c.start.line === 0 && c.start.lineRune === 0 && c.start.byte === 0;
}

/** Comments are the comments attached to one node. */
export interface Comments {
  /** Whole-line comments before the node. */
  before: Comment[];
  /** End-of-line comments after the node. */
  suffix: Comment[];
  /** Whole-line comments after the node (top-level statements only). */
  after: Comment[];
}

/** emptyComments returns a fresh Comments with nothing attached. */
export function emptyComments(): Comments {
  return { before: [], suffix: [], after: [] };
}

/**
 * Line is a single line of tokens, either a statement of its own or a line inside a block (then
 * without the block's leading verb). A null token list marks a line deleted by an edit; cleanup
 * drops it.
 */
export interface Line {
  kind: 'line';
  comments: Comments;
  start: Position;
  token: string[] | null;
  inBlock: boolean;
  end: Position;
}

/** LParen is the "(" opening a block, which can carry an end-of-line comment. */
export interface LParen {
  kind: 'lparen';
  comments: Comments;
  pos: Position;
}

/** RParen is the ")" closing a block; the block's trailing whole-line comments attach to it. */
export interface RParen {
  kind: 'rparen';
  comments: Comments;
  pos: Position;
}

/** LineBlock is a factored block: `verb (` newline, lines, `)`. */
export interface LineBlock {
  kind: 'block';
  comments: Comments;
  start: Position;
  lparen: LParen;
  token: string[];
  line: Line[];
  rparen: RParen;
}

/** CommentBlock is a top-level run of comments not attached to any statement. */
export interface CommentBlock {
  kind: 'comment-block';
  comments: Comments;
  start: Position;
}

/** FileSyntax is a whole parsed file. */
export interface FileSyntax {
  kind: 'file';
  /** The file name used in positions and errors. */
  name: string;
  comments: Comments;
  stmt: Stmt[];
}

/** Stmt is a top-level statement. */
export type Stmt = Line | LineBlock | CommentBlock;

/** Expr is any node that can carry comments. */
export type Expr = Stmt | LParen | RParen | FileSyntax;

/** newLine makes a synthesized line (zero positions, no comments). */
export function newLine(token: string[], inBlock = false): Line {
  return { kind: 'line', comments: emptyComments(), start: zeroPosition(), token, inBlock, end: zeroPosition() };
}

/** newLineBlock makes a synthesized block with the given verb tokens and lines. */
export function newLineBlock(token: string[], lines: Line[] = []): LineBlock {
  return {
    kind: 'block',
    comments: emptyComments(),
    start: zeroPosition(),
    lparen: { kind: 'lparen', comments: emptyComments(), pos: zeroPosition() },
    token,
    line: lines,
    rparen: { kind: 'rparen', comments: emptyComments(), pos: zeroPosition() },
  };
}

/** newFileSyntax makes an empty file. */
export function newFileSyntax(name = ''): FileSyntax {
  return { kind: 'file', name, comments: emptyComments(), stmt: [] };
}

/** span returns where x starts and ends, excluding comments (x/mod's Expr.Span). */
export function span(x: Expr): { start: Position; end: Position } {
  switch (x.kind) {
    case 'file': {
      if (x.stmt.length === 0) return { start: zeroPosition(), end: zeroPosition() };
      return { start: span(x.stmt[0]!).start, end: span(x.stmt[x.stmt.length - 1]!).end };
    }
    case 'comment-block':
      return { start: x.start, end: x.start };
    case 'line':
      return { start: x.start, end: x.end };
    case 'block':
      return { start: x.start, end: advancePosition(x.rparen.pos, ')') };
    case 'lparen':
    case 'rparen':
      return { start: x.pos, end: advancePosition(x.pos, ')') };
  }
}

/**
 * addLine adds a line with the given tokens (verb first) to the file, next to hint:
 *  - hint with the same verb: at the end of hint's block (or after hint inside its block), turning
 *    a lone hint line into a block if needed;
 *  - hint with another verb: as a new statement after hint's statement;
 *  - no hint: at the end of the last statement with the same verb, or at the end of the file.
 */
export function addLine(x: FileSyntax, hint: Expr | null, tokens: string[]): Line {
  const verb = tokens[0];
  if (hint === null) {
    for (let i = x.stmt.length - 1; i >= 0; i--) {
      const stmt = x.stmt[i]!;
      if (stmt.kind === 'line' && stmt.token !== null && stmt.token[0] === verb) {
        hint = stmt;
        break;
      }
      if (stmt.kind === 'block' && stmt.token[0] === verb) {
        hint = stmt;
        break;
      }
    }
  }

  const newLineAfter = (i: number): Line => {
    const line = newLine(tokens);
    x.stmt.splice(i + 1, 0, line);
    return line;
  };

  if (hint !== null) {
    for (let i = 0; i < x.stmt.length; i++) {
      const stmt = x.stmt[i]!;
      if (stmt.kind === 'line') {
        if (stmt !== hint) continue;
        if (stmt.token === null || stmt.token[0] !== verb) return newLineAfter(i);
        // The hint stands alone: make it the first line of a new block.
        stmt.inBlock = true;
        const block = newLineBlock(stmt.token.slice(0, 1), [stmt]);
        stmt.token = stmt.token.slice(1);
        x.stmt[i] = block;
        const line = newLine(tokens.slice(1), true);
        block.line.push(line);
        return line;
      }
      if (stmt.kind === 'block') {
        if (stmt === hint) {
          if (stmt.token[0] !== verb) return newLineAfter(i);
          const line = newLine(tokens.slice(1), true);
          stmt.line.push(line);
          return line;
        }
        for (let j = 0; j < stmt.line.length; j++) {
          if (stmt.line[j] !== hint) continue;
          if (stmt.token[0] !== verb) return newLineAfter(i);
          const line = newLine(tokens.slice(1), true);
          stmt.line.splice(j + 1, 0, line);
          return line;
        }
      }
    }
  }

  const line = newLine(tokens);
  x.stmt.push(line);
  return line;
}

/**
 * appendLine adds a line with the given tokens as the file's last statement. x/mod's AddExclude
 * and AddReplace end up here when they find no hint: they pass a nil *Line, which is not a nil
 * Expr, so addLine's search for a same-verb block never runs.
 */
export function appendLine(x: FileSyntax, tokens: string[]): Line {
  const line = newLine(tokens);
  x.stmt.push(line);
  return line;
}

/** updateLine replaces the tokens of line (given verb first; the verb is dropped inside a block). */
export function updateLine(line: Line, tokens: string[]): void {
  line.token = line.inBlock ? tokens.slice(1) : tokens;
}

/** markLineRemoved marks line (and its end-of-line comment) for deletion by cleanupSyntax. */
export function markLineRemoved(line: Line): void {
  line.token = null;
  line.comments.suffix = [];
}

/**
 * cleanupSyntax drops the lines marked removed, drops blocks left empty, and turns blocks left
 * with one line (and no comment before the closing paren) back into a single line.
 */
export function cleanupSyntax(x: FileSyntax): void {
  const kept: Stmt[] = [];
  for (const stmt of x.stmt) {
    if (stmt.kind === 'line') {
      if (stmt.token === null) continue;
    } else if (stmt.kind === 'block') {
      const lines = stmt.line.filter((l) => l.token !== null);
      if (lines.length === 0) continue;
      if (lines.length === 1 && stmt.rparen.comments.before.length === 0) {
        // Collapse in place: the parsed File still points at this Line object.
        const only = lines[0]!;
        only.comments = {
          before: [...stmt.comments.before, ...only.comments.before],
          suffix: [...only.comments.suffix, ...stmt.comments.suffix],
          after: [...only.comments.after, ...stmt.comments.after],
        };
        only.token = [...stmt.token, ...(only.token ?? [])];
        only.start = zeroPosition();
        only.end = zeroPosition();
        only.inBlock = false;
        kept.push(only);
        continue;
      }
      stmt.line = lines;
    }
    kept.push(stmt);
  }
  x.stmt = kept;
}
