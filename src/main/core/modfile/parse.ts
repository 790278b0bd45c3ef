/*
 * The go.mod grammar (x/mod's parse): a file is a sequence of lines and `verb (` ... `)` blocks,
 * with whole-line comments gathered into comment blocks or attached to the statement after them,
 * and end-of-line comments attached afterwards to the node they follow.
 */

import { ModFileError } from './errors';
import {
  isEolKind,
  Lexer,
  SyntaxAbort,
  TOKEN_COMMENT,
  TOKEN_EOF,
  TOKEN_EOL_COMMENT,
  type Token,
} from './lexer';
import {
  blankLineComment,
  emptyComments,
  isBlankLineComment,
  span,
  type Comment,
  type CommentBlock,
  type Expr,
  type FileSyntax,
  type Line,
  type LineBlock,
  type Position,
} from './syntax';

const NEWLINE = 0x0a;
const LPAREN = 0x28;
const RPAREN = 0x29;

class Parser {
  private readonly in: Lexer;
  readonly file: FileSyntax;

  constructor(filename: string, data: string) {
    this.in = new Lexer(filename, data);
    this.file = { kind: 'file', name: '', comments: emptyComments(), stmt: [] };
  }

  get comments(): Comment[] {
    return this.in.comments;
  }

  parseFile(): void {
    const input = this.in;
    let cb: CommentBlock | null = null;
    for (;;) {
      switch (input.peek()) {
        case NEWLINE:
          input.lex();
          if (cb !== null) {
            this.file.stmt.push(cb);
            cb = null;
          }
          break;
        case TOKEN_COMMENT: {
          const tok = input.lex();
          if (cb === null) cb = { kind: 'comment-block', comments: emptyComments(), start: tok.pos };
          cb.comments.before.push({ start: tok.pos, token: tok.text, suffix: false });
          break;
        }
        case TOKEN_EOF:
          if (cb !== null) this.file.stmt.push(cb);
          return;
        default:
          this.parseStmt();
          if (cb !== null) {
            this.file.stmt[this.file.stmt.length - 1]!.comments.before = cb.comments.before;
            cb = null;
          }
      }
    }
  }

  private parseStmt(): void {
    const input = this.in;
    const first = input.lex();
    const start = first.pos;
    let end = first.endPos;
    const tokens = [first.text];
    for (;;) {
      const tok = input.lex();
      if (isEolKind(tok.kind)) {
        this.file.stmt.push({ kind: 'line', comments: emptyComments(), start, token: tokens, inBlock: false, end });
        return;
      }
      if (tok.kind === LPAREN) {
        const next = input.peek();
        if (isEolKind(next)) {
          this.file.stmt.push(this.parseLineBlock(start, tokens, tok));
          return;
        }
        if (next === RPAREN) {
          const rparen = input.lex();
          if (isEolKind(input.peek())) {
            input.lex();
            this.file.stmt.push({
              kind: 'block',
              comments: emptyComments(),
              start,
              token: tokens,
              line: [],
              lparen: { kind: 'lparen', comments: emptyComments(), pos: tok.pos },
              rparen: { kind: 'rparen', comments: emptyComments(), pos: rparen.pos },
            });
            return;
          }
          // "( )" in the middle of a line is just two more tokens.
          tokens.push(tok.text, rparen.text);
        } else {
          tokens.push(tok.text);
        }
        continue;
      }
      tokens.push(tok.text);
      end = tok.endPos;
    }
  }

  private parseLineBlock(start: Position, token: string[], lparen: Token): LineBlock {
    const input = this.in;
    const x: LineBlock = {
      kind: 'block',
      comments: emptyComments(),
      start,
      token,
      line: [],
      lparen: { kind: 'lparen', comments: emptyComments(), pos: lparen.pos },
      rparen: { kind: 'rparen', comments: emptyComments(), pos: { line: 0, lineRune: 0, byte: 0 } },
    };
    let comments: Comment[] = [];
    for (;;) {
      switch (input.peek()) {
        case TOKEN_EOL_COMMENT:
          // Attached later, with the other end-of-line comments.
          input.lex();
          break;
        case NEWLINE:
          input.lex();
          // A blank line is kept as an empty comment, but only one in a row and not at the top.
          if (
            (comments.length === 0 && x.line.length > 0) ||
            (comments.length > 0 && comments[comments.length - 1]!.token !== '')
          ) {
            comments.push(blankLineComment());
          }
          break;
        case TOKEN_COMMENT: {
          const tok = input.lex();
          comments.push({ start: tok.pos, token: tok.text, suffix: false });
          break;
        }
        case TOKEN_EOF:
          return input.error(
            `syntax error (unterminated block started at ${input.filename}:${x.start.line}:${x.start.lineRune})`,
          );
        case RPAREN: {
          const rparen = input.lex();
          // A blank line just before the ")" is not kept.
          if (comments.length === 1 && isBlankLineComment(comments[0]!)) comments = [];
          x.rparen.comments.before = comments;
          x.rparen.pos = rparen.pos;
          if (!isEolKind(input.peek())) input.error('syntax error (expected newline after closing paren)');
          input.lex();
          return x;
        }
        default: {
          const l = this.parseLine();
          x.line.push(l);
          l.comments.before = comments;
          comments = [];
        }
      }
    }
  }

  private parseLine(): Line {
    const input = this.in;
    const first = input.lex();
    if (isEolKind(first.kind)) input.error('internal parse error: parseLine at end of line');
    const start = first.pos;
    let end = first.endPos;
    const tokens = [first.text];
    for (;;) {
      const tok = input.lex();
      if (isEolKind(tok.kind)) {
        return { kind: 'line', comments: emptyComments(), start, token: tokens, inBlock: true, end };
      }
      tokens.push(tok.text);
      end = tok.endPos;
    }
  }
}

function collectOrder(x: Expr, pre: Expr[], post: Expr[]): void {
  pre.push(x);
  if (x.kind === 'file') {
    for (const stmt of x.stmt) collectOrder(stmt, pre, post);
  } else if (x.kind === 'block') {
    collectOrder(x.lparen, pre, post);
    for (const l of x.line) collectOrder(l, pre, post);
    collectOrder(x.rparen, pre, post);
  }
  post.push(x);
}

/**
 * assignComments attaches whole-line comments to the node that follows them and end-of-line
 * comments to the node they follow (never to a node spanning several lines).
 */
function assignComments(file: FileSyntax, comments: readonly Comment[]): void {
  const pre: Expr[] = [];
  const post: Expr[] = [];
  collectOrder(file, pre, post);

  let lineComments = comments.filter((c) => !c.suffix);
  const suffix = comments.filter((c) => c.suffix);

  for (const x of pre) {
    const { start } = span(x);
    while (lineComments.length > 0 && start.byte >= lineComments[0]!.start.byte) {
      x.comments.before.push(lineComments[0]!);
      lineComments = lineComments.slice(1);
    }
  }
  file.comments.after.push(...lineComments);

  for (let i = post.length - 1; i >= 0; i--) {
    const x = post[i]!;
    if (x.kind === 'file') continue;
    const { start, end } = span(x);
    if (start.line !== end.line) continue;
    while (suffix.length > 0 && end.byte <= suffix[suffix.length - 1]!.start.byte) {
      x.comments.suffix.push(suffix.pop()!);
    }
  }
  // Suffix comments were collected back to front.
  for (const x of post) x.comments.suffix.reverse();
  file.comments.before.push(...suffix);
}

/**
 * parseSyntax parses data into a syntax tree; filename is used in positions and errors.
 * It throws ModFileError on a syntax error.
 */
export function parseSyntax(filename: string, data: string): FileSyntax {
  let parser: Parser;
  try {
    parser = new Parser(filename, data);
    parser.parseFile();
  } catch (e) {
    if (e instanceof SyntaxAbort) throw new ModFileError([e.entry]);
    throw e;
  }
  parser.file.name = filename;
  assignComments(parser.file, parser.comments);
  return parser.file;
}
