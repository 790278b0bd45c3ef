/** govend's vendor.yml (modconv.ParseVendorYML): the `vendors:` section, `- path:` and `  rev:` lines. */
import type { LegacyConfig } from './legacy-config';
import { scanYamlSection } from './yaml-lines';

/** parseVendorYml reads a vendor.yml; it cannot fail. */
export function parseVendorYml(_file: string, data: string): LegacyConfig {
  return scanYamlSection(data, 'vendors', 'path', 'rev');
}
