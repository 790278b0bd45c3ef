/*
 * Errors from parsing go.mod / go.work files, formatted exactly as x/mod's modfile.Error and
 * modfile.ErrorList format them (and so as the go command prints them).
 */

import type { Position } from './syntax';

/** ModFileErrorEntry is one problem found in a file (x/mod's modfile.Error). */
export interface ModFileErrorEntry {
  readonly file: string;
  /** 1-based line, or 0 when the problem has no position. */
  readonly line: number;
  /** 1-based column in runes; present only when Go prints it (scanner errors, never column 1). */
  readonly column?: number;
  /** Everything Go prints after the position, e.g. "require x/y: version "z" invalid: ...". */
  readonly message: string;
}

/** errorEntry builds an entry at pos, keeping the column only where Go would print it. */
export function errorEntry(file: string, pos: Position, message: string): ModFileErrorEntry {
  if (pos.lineRune > 1) return { file, line: pos.line, column: pos.lineRune, message };
  return { file, line: pos.line, message };
}

/** directiveMessage prefixes message with "verb path: " or "verb: " as modfile.Error does. */
export function directiveMessage(verb: string, modPath: string, message: string): string {
  if (modPath !== '') return `${verb} ${modPath}: ${message}`;
  if (verb !== '') return `${verb}: ${message}`;
  return message;
}

/** formatErrorEntry is modfile.Error's Error(): "file:line:col: message" with Go's elisions. */
export function formatErrorEntry(e: ModFileErrorEntry): string {
  let pos = '';
  if (e.column !== undefined && e.column > 1) pos = `${e.file}:${e.line}:${e.column}: `;
  else if (e.line > 0) pos = `${e.file}:${e.line}: `;
  else if (e.file !== '') pos = `${e.file}: `;
  return pos + e.message;
}

/**
 * ModFileError is a failed parse: one or more entries. Its message is modfile.ErrorList's text,
 * the entries' texts joined by newlines.
 */
export class ModFileError extends Error {
  readonly entries: readonly ModFileErrorEntry[];

  constructor(entries: readonly ModFileErrorEntry[]) {
    super(entries.map(formatErrorEntry).join('\n'));
    this.name = 'ModFileError';
    this.entries = entries;
  }
}
