/*
 * The go.mod lexer (x/mod's input.readToken): identifiers are runs of printable non-space runes
 * other than ( ) [ ] { } ,; strings are "..." or `...`; // comments run to the end of the line.
 *
 * The lexer keeps one token of lookahead, as x/mod's does, because the positions in error messages
 * are wherever the lexer stands when the parser notices a problem.
 */

import { errorEntry, type ModFileErrorEntry } from './errors';
import { goQuoteRune } from '../gostrings/go-quote';
import { goTrimSpace, isGoSpace } from '../gostrings/go-space';
import { isGoPrint } from '../gostrings/unicode-print';
import { runeAt } from '../gostrings/utf8';
import type { Comment, Position } from './syntax';

// Token kinds. Newline and punctuation tokens use their character code as their kind.

/** TOKEN_EOF is the kind of the end-of-file token. */
export const TOKEN_EOF = -1;
/** TOKEN_EOL_COMMENT is the kind of a comment that follows code on its line. */
export const TOKEN_EOL_COMMENT = -2;
/** TOKEN_IDENT is the kind of an unquoted word. */
export const TOKEN_IDENT = -3;
/** TOKEN_STRING is the kind of a "..." or `...` string, quotes included. */
export const TOKEN_STRING = -4;
/** TOKEN_COMMENT is the kind of a comment alone on its line. */
export const TOKEN_COMMENT = -5;

/** Token is one lexed token. */
export interface Token {
  kind: number;
  pos: Position;
  endPos: Position;
  text: string;
}

/** isCommentKind reports whether k is a whole-line or end-of-line comment. */
export function isCommentKind(k: number): boolean {
  return k === TOKEN_COMMENT || k === TOKEN_EOL_COMMENT;
}

/** isEolKind reports whether k ends a line: end of file, newline, or an end-of-line comment. */
export function isEolKind(k: number): boolean {
  return k === TOKEN_EOF || k === TOKEN_EOL_COMMENT || k === 10;
}

/** SyntaxAbort carries the single scanner or parser error that stops a parse. */
export class SyntaxAbort extends Error {
  readonly entry: ModFileErrorEntry;

  constructor(entry: ModFileErrorEntry) {
    super(entry.message);
    this.name = 'SyntaxAbort';
    this.entry = entry;
  }
}

/** isIdentRune is x/mod's isIdent. */
export function isIdentRune(r: number): boolean {
  if (r < 0x80) return r > 0x20 && r < 0x7f && r !== 0x28 && r !== 0x29 && r !== 0x5b && r !== 0x5d && r !== 0x7b && r !== 0x7d && r !== 0x2c;
  switch (r) {
    case 0x20:
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case 0x2c:
      return false;
    default:
      return !isGoSpace(r) && isGoPrint(r);
  }
}

/** Lexer scans one file. */
export class Lexer {
  readonly filename: string;
  private readonly complete: string;
  /** Index into `complete` of the next unread character. */
  private index = 0;
  private tokenStart = 0;
  /** The lookahead token. */
  token: Token;
  private line = 1;
  private lineRune = 1;
  private byte = 0;
  /** The current scan position (just past the lookahead token). */
  get pos(): Position {
    return { line: this.line, lineRune: this.lineRune, byte: this.byte };
  }
  set pos(p: Position) {
    this.line = p.line;
    this.lineRune = p.lineRune;
    this.byte = p.byte;
  }
  /** End-of-line comments seen so far, to be attached to syntax after parsing. */
  readonly comments: Comment[] = [];

  constructor(filename: string, data: string) {
    this.filename = filename;
    this.complete = data;
    const p0 = this.pos;
    this.token = { kind: TOKEN_EOF, pos: p0, endPos: p0, text: '' };
    this.readToken();
  }

  /** error stops the parse with message at the current position. */
  error(message: string): never {
    throw new SyntaxAbort(errorEntry(this.filename, this.pos, message));
  }

  private eof(): boolean {
    return this.index >= this.complete.length;
  }

  private peekRune(): number {
    if (this.eof()) return 0;
    const u = this.complete.charCodeAt(this.index);
    if (u < 0xd800) return u;
    return runeAt(this.complete, this.index).rune;
  }

  private peekPrefix(prefix: string): boolean {
    return this.complete.startsWith(prefix, this.index);
  }

  private readRune(): number {
    if (this.eof()) this.error('internal lexer error: readRune at EOF');
    const u = this.complete.charCodeAt(this.index);
    let rune: number;
    if (u < 0x80) {
      rune = u;
      this.index++;
      this.byte++;
    } else {
      const r = runeAt(this.complete, this.index);
      rune = r.rune;
      this.index += r.units;
      this.byte += r.bytes;
    }
    if (rune === 10) {
      this.line++;
      this.lineRune = 1;
    } else {
      this.lineRune++;
    }
    return rune;
  }

  private startToken(): void {
    this.tokenStart = this.index;
    const p = this.pos;
    this.token = { kind: TOKEN_EOF, pos: p, endPos: p, text: '' };
  }

  private endToken(kind: number): void {
    let text = this.complete.slice(this.tokenStart, this.index);
    if (isCommentKind(kind)) {
      // One trailing newline (LF or CRLF) belongs to the comment but not to its text.
      if (text.endsWith('\r\n')) text = text.slice(0, -2);
      else if (text.endsWith('\n')) text = text.slice(0, -1);
    }
    this.token = { kind, pos: this.token.pos, endPos: this.pos, text };
  }

  /** peek returns the kind of the lookahead token. */
  peek(): number {
    return this.token.kind;
  }

  /** lex returns the lookahead token and scans the next one. */
  lex(): Token {
    const tok = this.token;
    this.readToken();
    return tok;
  }

  private readToken(): void {
    while (!this.eof()) {
      const c = this.peekRune();
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.readRune();
        continue;
      }
      if (this.peekPrefix('//')) {
        this.startToken();
        // A comment is a suffix comment if anything but spaces precedes it on its line.
        const lineStart = this.complete.lastIndexOf('\n', this.index - 1) + 1;
        const suffix = goTrimSpace(this.complete.slice(lineStart, this.index)).length > 0;
        this.readRune();
        this.readRune();
        while (!this.eof() && this.readRune() !== 10) {
          // consume to end of line
        }
        if (!suffix) {
          // Whole-line comments are tokens the grammar handles itself.
          this.endToken(TOKEN_COMMENT);
          return;
        }
        this.endToken(TOKEN_EOL_COMMENT);
        this.comments.push({ start: this.token.pos, token: this.token.text, suffix });
        return;
      }
      if (this.peekPrefix('/*')) this.error('mod files must use // comments (not /* */ comments)');
      break;
    }

    this.startToken();
    if (this.eof()) {
      this.endToken(TOKEN_EOF);
      return;
    }

    const c = this.peekRune();
    switch (c) {
      case 0x0a:
      case 0x28:
      case 0x29:
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
      case 0x2c:
        this.readRune();
        this.endToken(c);
        return;
      case 0x22:
      case 0x60: {
        const quote = c;
        this.readRune();
        for (;;) {
          if (this.eof()) {
            this.pos = this.token.pos;
            this.error('unexpected EOF in string');
          }
          if (this.peekRune() === 0x0a) this.error('unexpected newline in string');
          const r = this.readRune();
          if (r === quote) break;
          if (r === 0x5c && quote !== 0x60) {
            if (this.eof()) {
              this.pos = this.token.pos;
              this.error('unexpected EOF in string');
            }
            // The escaped rune is taken whatever it is, even a newline.
            this.readRune();
          }
        }
        this.endToken(TOKEN_STRING);
        return;
      }
    }

    if (!isIdentRune(c)) this.error(`unexpected input character ${goQuoteRune(c)}`);
    while (isIdentRune(this.peekRune())) {
      if (this.complete.charCodeAt(this.index) === 0x2f) {
        if (this.peekPrefix('//')) break;
        if (this.peekPrefix('/*')) this.error('mod files must use // comments (not /* */ comments)');
      }
      this.readRune();
    }
    this.endToken(TOKEN_IDENT);
  }
}
