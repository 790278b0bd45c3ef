/**
 * trash's vendor.conf (modconv.ParseVendorConf): "path revision [repository]" per line, "#" to
 * the end of a line a comment. The third column (an alternate repository) was ignored by go, so
 * it is here: it gives no replacement.
 */
import { goFields } from '../gostrings/go-space';
import { splitLines, type LegacyConfig, type LegacyRequire } from './legacy-config';

/** parseVendorConf reads a vendor.conf; it cannot fail. */
export function parseVendorConf(_file: string, data: string): LegacyConfig {
  const require: LegacyRequire[] = [];
  for (let line of splitLines(data)) {
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    const f = goFields(line);
    if (f.length >= 2) require.push({ path: f[0]!, version: f[1]! });
  }
  return { require, replace: [] };
}
