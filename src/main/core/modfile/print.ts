/*
 * The go.mod printer (x/mod's Format): statements separated by blank lines, blocks indented with
 * one tab per level, comments where they were attached, trailing spaces and extra blank lines
 * removed.
 */

import { goTrimSpace } from '../gostrings/go-space';
import type { Comment, Expr, FileSyntax } from './syntax';

/**
 * Printer output, kept as finished lines plus the line being written: the printer only ever
 * looks at or trims the current line, and appending to one big string would re-flatten it each
 * time.
 */
class Printer {
  private readonly lines: string[] = [];
  private cur = '';
  private pending: Comment[] = [];
  private margin = 0;

  text(): string {
    return this.lines.length === 0 ? this.cur : `${this.lines.join('\n')}\n${this.cur}`;
  }

  private write(s: string): void {
    const parts = s.split('\n');
    this.cur += parts[0];
    for (let i = 1; i < parts.length; i++) {
      this.lines.push(this.cur);
      this.cur = parts[i]!;
    }
  }

  private isEmpty(): boolean {
    return this.lines.length === 0 && this.cur === '';
  }

  /** endsWithBlankLine reports whether the output ends in "\n\n". */
  private endsWithBlankLine(): boolean {
    return this.cur === '' && this.lines.length >= 2 && this.lines[this.lines.length - 1] === '';
  }

  private indentMargin(): void {
    this.cur += '\t'.repeat(this.margin);
  }

  /** trim removes trailing spaces and tabs from the current line. */
  private trim(): void {
    this.cur = this.cur.replace(/[ \t]+$/, '');
  }

  /** newline ends the current line, flushing pending end-of-line comments. */
  newline(): void {
    if (this.pending.length > 0) {
      this.write(' ');
      this.pending.forEach((com, i) => {
        if (i > 0) {
          this.trim();
          this.write('\n');
          this.indentMargin();
        }
        this.write(goTrimSpace(com.token));
      });
      this.pending = [];
    }
    this.trim();
    // No blank line at the top of the file, and never two in a row.
    if (!(this.isEmpty() || this.endsWithBlankLine())) this.write('\n');
    this.indentMargin();
  }

  file(f: FileSyntax): void {
    for (const com of f.comments.before) {
      this.write(goTrimSpace(com.token));
      this.newline();
    }
    f.stmt.forEach((stmt, i) => {
      this.expr(stmt);
      // A comment block's comments are all "before" comments, already followed by newlines.
      if (stmt.kind !== 'comment-block') this.newline();
      for (const com of stmt.comments.after) {
        this.write(goTrimSpace(com.token));
        this.newline();
      }
      if (i + 1 < f.stmt.length) this.newline();
    });
  }

  private expr(x: Expr): void {
    const before = x.comments.before;
    if (before.length > 0) {
      // Whole-line comments go on lines of their own, at the current margin.
      this.trim();
      if (this.cur.length > 0) this.write('\n');
      this.indentMargin();
      for (const com of before) {
        this.write(goTrimSpace(com.token));
        this.newline();
      }
    }

    switch (x.kind) {
      case 'comment-block':
        break;
      case 'lparen':
        this.write('(');
        break;
      case 'rparen':
        this.write(')');
        break;
      case 'line':
        this.tokens(x.token ?? []);
        break;
      case 'block':
        this.tokens(x.token);
        this.write(' ');
        this.expr(x.lparen);
        this.margin++;
        for (const l of x.line) {
          this.newline();
          this.expr(l);
        }
        this.margin--;
        this.newline();
        this.expr(x.rparen);
        break;
      case 'file':
        throw new Error('printer: unexpected file node');
    }

    this.pending.push(...x.comments.suffix);
  }

  private tokens(tokens: readonly string[]): void {
    let sep = '';
    for (const t of tokens) {
      if (t === ',' || t === ')' || t === ']' || t === '}') sep = '';
      this.write(sep + t);
      sep = ' ';
      if (t === '(' || t === '[' || t === '{') sep = '';
    }
  }
}

/** formatSyntax is modfile.Format: the file in standard style, as text. */
export function formatSyntax(f: FileSyntax): string {
  const p = new Printer();
  p.file(f);
  let b = p.text();
  // Drop trailing blank lines, keeping one final newline.
  while (b.length > 0 && b.endsWith('\n') && (b.length === 1 || b[b.length - 2] === '\n')) b = b.slice(0, -1);
  return b;
}

/** formatModFile is modfile.Format of a go.mod file's syntax tree (File.Format). */
export function formatModFile(f: { readonly syntax: FileSyntax }): string {
  return formatSyntax(f.syntax);
}

/** formatWorkFile is modfile.Format of a go.work file's syntax tree. */
export function formatWorkFile(f: { readonly syntax: FileSyntax }): string {
  return formatSyntax(f.syntax);
}
