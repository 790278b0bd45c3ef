/**
 * Whether GOROOT holds a package at a path, as modget's queryPath asks before it looks for a
 * module: a path without a dot in its first element that names no standard or cmd package is
 * queried as a module path, which go then refuses as malformed.
 */
import { STD_PACKAGES } from './std-packages';

let index: Set<string> | undefined;

/** isGorootPackage reports whether the go release gomodx models has a package at path in GOROOT. */
export function isGorootPackage(path: string): boolean {
  index ??= new Set(STD_PACKAGES.split('\n').filter((p) => p !== ''));
  return index.has(path);
}
