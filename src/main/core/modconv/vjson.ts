/** govendor's vendor/vendor.json (modconv.ParseVendorJSON): package[].path and revision. */
import type { LegacyConfig } from './legacy-config';
import { readJsonLock } from './json-lock';

/** parseVendorJson reads a vendor/vendor.json. */
export function parseVendorJson(file: string, data: string): LegacyConfig {
  return readJsonLock(file, data, { topFields: [], list: 'Package', path: 'Path', rev: 'Revision' });
}
