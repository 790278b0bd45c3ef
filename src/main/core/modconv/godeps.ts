/** Godeps' Godeps/Godeps.json (modconv.ParseGodepsJSON): Deps[].ImportPath (a package, often several per repository) and Rev. */
import type { LegacyConfig } from './legacy-config';
import { readJsonLock } from './json-lock';

/** parseGodepsJson reads a Godeps.json. */
export function parseGodepsJson(file: string, data: string): LegacyConfig {
  return readJsonLock(file, data, { topFields: ['ImportPath'], list: 'Deps', path: 'ImportPath', rev: 'Rev' });
}
