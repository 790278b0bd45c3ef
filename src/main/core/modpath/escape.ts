/*
 * Case-escaping of module paths and versions for the module cache and the proxy protocol
 * (golang.org/x/mod/module EscapePath & co).
 *
 * File systems and URLs may be case-insensitive, so every upper-case ASCII letter is written as
 * '!' followed by its lower-case form ("github.com/Azure" -> "github.com/!azure"). Module paths
 * never contain '!', so the escaping is unambiguous; escaped text never contains upper case.
 */

import { goQuote } from '../gostrings/go-quote';
import { InvalidVersionError, ModuleError } from './module-errors';
import { checkFileNameElem, checkPath } from './module-path';

function escapeString(s: string): string {
  let haveUpper = false;
  for (const c of s) {
    // The callers' checks already exclude these; the escaping below relies on it.
    if (c === '!' || c.codePointAt(0)! >= 0x80) throw new Error('internal error: inconsistency in EscapePath');
    if (c >= 'A' && c <= 'Z') haveUpper = true;
  }
  if (!haveUpper) return s;
  return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** Undoes escapeString; undefined if the text is not a possible escaping. */
function unescapeString(escaped: string): string | undefined {
  let out = '';
  let bang = false;
  for (const c of escaped) {
    if (c.codePointAt(0)! >= 0x80) return undefined;
    if (bang) {
      bang = false;
      if (c < 'a' || c > 'z') return undefined;
      out += c.toUpperCase();
      continue;
    }
    if (c === '!') {
      bang = true;
      continue;
    }
    if (c >= 'A' && c <= 'Z') return undefined;
    out += c;
  }
  return bang ? undefined : out;
}

/** escapePath returns the escaped form of a module path; throws the checkPath error if it is invalid. */
export function escapePath(path: string): string {
  checkPath(path);
  return escapeString(path);
}

/**
 * escapeVersion returns the escaped form of a version. Versions need not be semver but must be a
 * valid file name without '!'; otherwise it throws `version "x" invalid: disallowed version string`.
 */
export function escapeVersion(v: string): string {
  let ok = !v.includes('!');
  if (ok) {
    try {
      checkFileNameElem(v);
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new InvalidVersionError(v, new Error('disallowed version string'));
  return escapeString(v);
}

/** unescapePath returns the module path an escaped path stands for; throws a ModuleError if invalid. */
export function unescapePath(escaped: string): string {
  const path = unescapeString(escaped);
  if (path === undefined) throw new ModuleError('', '', new Error(''), 'other', `invalid escaped module path ${goQuote(escaped)}`);
  try {
    checkPath(path);
  } catch (e) {
    const err = e as Error;
    throw new ModuleError('', '', err, 'other', `invalid escaped module path ${goQuote(escaped)}: ${err.message}`);
  }
  return path;
}

/** unescapeVersion returns the version an escaped version stands for; throws a ModuleError if invalid. */
export function unescapeVersion(escaped: string): string {
  const v = unescapeString(escaped);
  if (v === undefined) throw new ModuleError('', '', new Error(''), 'other', `invalid escaped version ${goQuote(escaped)}`);
  try {
    checkFileNameElem(v);
  } catch (e) {
    const err = e as Error;
    // Go quotes the unescaped version here, not the escaped text.
    throw new ModuleError('', '', err, 'other', `invalid escaped version ${goQuote(v)}: ${err.message}`);
  }
  return v;
}
