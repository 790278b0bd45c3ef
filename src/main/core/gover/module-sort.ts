/*
 * The two orders the go command sorts module versions in. x/mod's module.Sort compares versions
 * as semver (go.sum is written in this order); cmd/go's gover.ModSort compares the virtual "go"
 * and "toolchain" modules' versions as Go versions (requirement lists, build lists). Both order
 * paths by strings.Compare and put a "/suffix" on a version ("v1.2.3/go.mod") after the bare
 * version; for every path but go and toolchain they agree.
 */

import type { ModuleVersion } from '../../../shared/model/module-version';
import { compareGoStrings } from '../gostrings/go-string-order';
import { compare as semverCompare } from '../semver/semver';
import { modCompare } from './gover';

function compareModules(a: ModuleVersion, b: ModuleVersion, compareVersions: (path: string, va: string, vb: string) => -1 | 0 | 1): -1 | 0 | 1 {
  if (a.path !== b.path) return compareGoStrings(a.path, b.path);
  let va = a.version;
  let vb = b.version;
  let fa = '';
  let fb = '';
  const ka = va.indexOf('/');
  if (ka >= 0) [va, fa] = [va.slice(0, ka), va.slice(ka)];
  const kb = vb.indexOf('/');
  if (kb >= 0) [vb, fb] = [vb.slice(0, kb), vb.slice(kb)];
  if (va !== vb) return compareVersions(a.path, va, vb);
  return compareGoStrings(fa, fb);
}

const bySemver = (_path: string, va: string, vb: string): -1 | 0 | 1 => semverCompare(va, vb);

/** compareModulesForSort is module.Sort's order: path, then semver of the version before any "/", then the "/suffix". */
export function compareModulesForSort(a: ModuleVersion, b: ModuleVersion): -1 | 0 | 1 {
  return compareModules(a, b, bySemver);
}

/** sortModules returns a new array sorted as module.Sort sorts it. */
export function sortModules<T extends ModuleVersion>(list: readonly T[]): T[] {
  return [...list].sort(compareModulesForSort);
}

/** compareModulesForModSort is gover.ModSort's order: as module.Sort, but versions by modCompare. */
export function compareModulesForModSort(a: ModuleVersion, b: ModuleVersion): -1 | 0 | 1 {
  return compareModules(a, b, modCompare);
}

/** modSort returns a new array sorted as gover.ModSort sorts module versions. */
export function modSort<T extends ModuleVersion>(list: readonly T[]): T[] {
  return [...list].sort(compareModulesForModSort);
}
