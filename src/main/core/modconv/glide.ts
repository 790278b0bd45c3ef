/** glide's glide.lock (modconv.ParseGlideLock): the `imports:` section only; testImports are not dependencies. */
import type { LegacyConfig } from './legacy-config';
import { scanYamlSection } from './yaml-lines';

/** parseGlideLock reads a glide.lock; it cannot fail. */
export function parseGlideLock(_file: string, data: string): LegacyConfig {
  return scanYamlSection(data, 'imports', 'name', 'version');
}
