/**
 * Package modconv: the pre-module lock files `go mod init` read from Go 1.11 to Go 1.21
 * (cmd/go/internal/modconv, removed in Go 1.22), and what it made of them.
 *
 * Domain rules:
 * - Nine formats, looked for in the order of ALT_CONFIGS; only the first one present is read.
 * - A parser yields raw (path, revision-or-version) pairs as the file spells them, in file order,
 *   duplicates kept; only dep's Gopkg.lock yields replacements (its `source`). Nothing is
 *   resolved here: convert.ts asks the module proxy what each pair means.
 * - Where go scanned lines, so do we (no TOML or YAML parser), so odd files convert as go
 *   converted them; the JSON formats are read as encoding/json reads them (keys match fields
 *   case-insensitively, unknown keys are ignored).
 */

/** LegacyRequire is one entry of a lock file: a package or repository path and a revision or version. */
export interface LegacyRequire {
  readonly path: string;
  readonly version: string;
}

/** LegacyReplace is a dep `source` override: the entry (old) fetched from another path (new). */
export interface LegacyReplace {
  readonly old: LegacyRequire;
  readonly new: LegacyRequire;
}

/** LegacyConfig is what a parser read from a lock file. */
export interface LegacyConfig {
  readonly require: readonly LegacyRequire[];
  readonly replace: readonly LegacyReplace[];
}

/** LegacyParser reads one format; file is the name its errors give (go passes the full path). */
export type LegacyParser = (file: string, data: string) => LegacyConfig;

/** LegacyParseError is a malformed lock file, with the line where go found it (0: none). */
export class LegacyParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'LegacyParseError';
  }
}

/** splitLines is strings.Split(s, "\n"): a final empty line counts, "\r" stays on its line. */
export function splitLines(data: string): string[] {
  return data.split('\n');
}
