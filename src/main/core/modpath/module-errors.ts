/*
 * The error types of golang.org/x/mod/module, with the exact texts their Error() methods produce.
 *
 * Go has three unrelated types (ModuleError, InvalidVersionError, InvalidPathError). Here they share
 * the base class ModuleError so callers can catch "anything this layer rejects" with one
 * `instanceof ModuleError`; `kind` tells which Go type an instance stands for.
 */

import { goQuote } from '../gostrings/go-quote';

/**
 * ModuleErrorKind names the Go error type an instance of ModuleError stands for; 'other' is a
 * plain Go error (fmt.Errorf) that x/mod returns, such as the unescape failures.
 */
export type ModuleErrorKind = 'module' | 'invalid-version' | 'invalid-path' | 'other';

/** ModuleError is x/mod's module.ModuleError: an error about one module path (and maybe version). */
export class ModuleError extends Error {
  readonly kind: ModuleErrorKind;
  /** The module path the error is about ("" for a bare InvalidVersionError). */
  readonly path: string;
  /** The version the error is about, or "" when the error concerns the path alone. */
  readonly version: string;
  /** The underlying error (Go's Err field). */
  readonly err: Error;

  constructor(path: string, version: string, err: Error);
  constructor(path: string, version: string, err: Error, kind: ModuleErrorKind, message: string);
  constructor(path: string, version: string, err: Error, kind?: ModuleErrorKind, message?: string) {
    super(message ?? formatModuleError(path, version, err), { cause: err });
    this.name = 'ModuleError';
    this.kind = kind ?? 'module';
    this.path = path;
    this.version = version;
    this.err = err;
  }
}

function formatModuleError(path: string, version: string, err: Error): string {
  // A wrapped InvalidVersionError names the version it carries, not the ModuleError's own field.
  if (err instanceof InvalidVersionError) {
    return `${path}@${err.version}: invalid ${err.noun}: ${err.err.message}`;
  }
  if (version !== '') return `${path}@${version}: ${err.message}`;
  return `module ${path}: ${err.message}`;
}

/** InvalidVersionError is x/mod's module.InvalidVersionError: a bad version, module path unknown. */
export class InvalidVersionError extends ModuleError {
  /** True when the version was meant to be a pseudo-version (changes the wording). */
  readonly pseudo: boolean;

  constructor(version: string, err: Error, pseudo = false) {
    const noun = pseudo ? 'pseudo-version' : 'version';
    super('', version, err, 'invalid-version', `${noun} ${goQuote(version)} invalid: ${err.message}`);
    this.name = 'InvalidVersionError';
    this.pseudo = pseudo;
  }

  /** noun is "pseudo-version" or "version", as Go's InvalidVersionError.noun. */
  get noun(): string {
    return this.pseudo ? 'pseudo-version' : 'version';
  }
}

/** PathKind says which of x/mod's three path grammars a path was checked against. */
export type PathKind = 'module' | 'import' | 'file';

/** InvalidPathError is x/mod's module.InvalidPathError: `malformed <kind> path "<path>": <reason>`. */
export class InvalidPathError extends ModuleError {
  readonly pathKind: PathKind;

  constructor(pathKind: PathKind, path: string, err: Error) {
    super(path, '', err, 'invalid-path', `malformed ${pathKind} path ${goQuote(path)}: ${err.message}`);
    this.name = 'InvalidPathError';
    this.pathKind = pathKind;
  }
}

/** Walks an error and its `cause` chain, as Go's errors.As walks Unwrap. */
function findPlainModuleError(err: unknown): ModuleError | undefined {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e instanceof Error && !seen.has(e)) {
    seen.add(e);
    if (e instanceof ModuleError && e.kind === 'module') return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * versionError is x/mod's module.VersionError: it wraps err as a ModuleError about m, unless err
 * already is (or wraps) a ModuleError about exactly that path and version, which is returned as is.
 */
export function versionError(m: { readonly path: string; readonly version: string }, err: Error): ModuleError {
  const existing = findPlainModuleError(err);
  if (existing && existing.path === m.path && existing.version === m.version) {
    if (err instanceof ModuleError) return err;
    // Go returns the wrapper itself; keep its text while typing the result as the ModuleError it wraps.
    return new ModuleError(existing.path, existing.version, err, 'module', err.message);
  }
  return new ModuleError(m.path, m.version, err);
}
