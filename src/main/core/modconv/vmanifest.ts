/** gvt's vendor/manifest (modconv.ParseVendorManifest): dependencies[].importpath and revision. */
import type { LegacyConfig } from './legacy-config';
import { readJsonLock } from './json-lock';

/** parseVendorManifest reads a vendor/manifest. */
export function parseVendorManifest(file: string, data: string): LegacyConfig {
  return readJsonLock(file, data, { topFields: [], list: 'Dependencies', path: 'ImportPath', rev: 'Revision' });
}
