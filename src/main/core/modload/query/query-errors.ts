/**
 * The errors of version queries and version predicates, with the go command's texts
 * (modload's NoMatchingVersionError, NoPatchBaseError, excludedError, ModuleRetractedError,
 * QueryMatchesMainModulesError, PackageNotInModuleError).
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { goTrimSpace, isGoSpace } from '../../gostrings/go-space';
import { isGoGraphic } from '../../gostrings/unicode-print';

/** NoMatchingVersionError: the module exists, but no version satisfies the query. */
export class NoMatchingVersionError extends Error {
  constructor(readonly query: string, readonly current: string) {
    const suffix = (query === 'upgrade' || query === 'patch') && current !== '' && current !== 'none' ? ` (current version is ${current})` : '';
    super(`no matching versions for query "${query}"${suffix}`);
    this.name = 'NoMatchingVersionError';
  }
}

/** NoPatchBaseError: "patch" needs a current version to patch. */
export class NoPatchBaseError extends Error {
  constructor(readonly path: string) {
    super(`can't query version "patch" of module ${path}: no existing version is required`);
    this.name = 'NoPatchBaseError';
  }
}

/** ExcludedError: the main module excludes this version (equivalent to ErrDisallowed). */
export class ExcludedError extends Error {
  readonly disallowed = true;
  constructor() {
    super('excluded by go.mod');
    this.name = 'ExcludedError';
  }
}

/** ModuleRetractedError: the module's author retracted this version (equivalent to ErrDisallowed). */
export class ModuleRetractedError extends Error {
  readonly disallowed = true;
  constructor(readonly rationale: readonly string[]) {
    super(rationale.length > 0 ? `retracted by module author: ${shortMessage(rationale[0]!, 'retracted by module author')}` : 'retracted by module author');
    this.name = 'ModuleRetractedError';
  }
}

/** RetractionLoadingError: retractions could not be read (not a reason to refuse a version). */
export class RetractionLoadingError extends Error {
  constructor(m: ModuleVersion, readonly err: Error) {
    super(`loading module retractions for ${m.path}@${m.version}: ${err.message}`, { cause: err });
    this.name = 'RetractionLoadingError';
  }
}

/** QueryMatchesMainModulesError: the main module's version cannot be chosen. */
export class QueryMatchesMainModulesError extends Error {
  constructor(mainModules: readonly string[], pattern: string, query: string, patternIsModule: boolean) {
    super(
      patternIsModule
        ? `can't request version "${query}" of the main module (${pattern})`
        : `can't request version "${query}" of pattern "${pattern}" that includes the main module${mainModules.length > 1 ? 's' : ''} (${mainModules.join(', ')})`,
    );
    this.name = 'QueryMatchesMainModulesError';
  }
}

/** QueryMatchesPackagesInMainModuleError: a version was asked of packages that the main module holds. */
export class QueryMatchesPackagesInMainModuleError extends Error {
  constructor(pattern: string, query: string, packages: readonly string[]) {
    super(
      packages.length > 1
        ? `pattern ${pattern} matches ${packages.length} packages in the main module, so can't request version ${query}`
        : pattern.includes('...') || ['std', 'cmd', 'all', 'tool', 'work'].includes(pattern)
          ? `pattern ${pattern} matches package ${packages[0]} in the main module, so can't request version ${query}`
          : `package ${packages[0]} is in the main module, so can't request version ${query}`,
    );
    this.name = 'QueryMatchesPackagesInMainModuleError';
  }
}

/** PackageNotInModuleError: a module matched the path's prefix but holds no such package. */
export class PackageNotInModuleError extends Error {
  constructor(
    readonly mod: ModuleVersion,
    readonly replacement: ModuleVersion | undefined,
    readonly query: string,
    readonly pattern: string,
    mainModules: readonly string[] = [],
  ) {
    super(packageNotInModuleText(mod, replacement, query, pattern, mainModules));
    this.name = 'PackageNotInModuleError';
  }
}

function packageNotInModuleText(mod: ModuleVersion, r: ModuleVersion | undefined, query: string, pattern: string, mainModules: readonly string[]): string {
  if (mainModules.length > 0) {
    const prefix = mainModules.length === 1 ? `main module (${mainModules[0]}) does` : 'workspace modules do';
    return pattern.includes('...') ? `${prefix} not contain packages matching ${pattern}` : `${prefix} not contain package ${pattern}`;
  }
  let found = '';
  if (r && r.path !== '') {
    const replacement = r.version !== '' ? `${r.path}@${r.version}` : r.path;
    found = query === mod.version ? ` (replaced by ${replacement})` : ` (${mod.version}, replaced by ${replacement})`;
  } else if (query !== mod.version) {
    found = ` (${mod.version})`;
  }
  const what = pattern.includes('...') ? `packages matching ${pattern}` : `package ${pattern}`;
  return `module ${mod.path}@${query} found${found}, but does not contain ${what}`;
}

/** isDisallowed reports whether err means "this version must not be used" (modload.ErrDisallowed). */
export function isDisallowed(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e instanceof Error && !seen.has(e)) {
    seen.add(e);
    if ((e as { disallowed?: boolean }).disallowed === true) return true;
    e = (e as { cause?: unknown }).cause ?? (e as { err?: unknown }).err;
  }
  return false;
}

/** findError returns the first error of type T on err's cause chain. */
export function findError<T extends Error>(err: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e instanceof Error && !seen.has(e)) {
    seen.add(e);
    if (e instanceof type) return e;
    e = (e as { cause?: unknown }).cause ?? (e as { err?: unknown }).err;
  }
  return undefined;
}

const MAX_MESSAGE = 500;

/**
 * shortMessage is modload.ShortMessage: the first line of a go.mod comment (a retraction
 * rationale or a deprecation), trimmed, or a fixed text when it is empty, too long or holds
 * characters a terminal should not print.
 */
export function shortMessage(message: string, emptyDefault: string): string {
  const nl = message.indexOf('\n');
  const m = goTrimSpace(nl >= 0 ? message.slice(0, nl) : message);
  if (m === '') return emptyDefault;
  if (new TextEncoder().encode(m).length > MAX_MESSAGE) return '(message omitted: too long)';
  for (const ch of m) {
    const r = ch.codePointAt(0)!;
    if (!isGoGraphic(r) && !isGoSpace(r)) return '(message omitted: contains non-printable characters)';
  }
  return m;
}
