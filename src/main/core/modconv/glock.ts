/** Glock's GLOCKFILE (modconv.ParseGLOCKFILE): "path revision" per line; "cmd" lines name tools, not dependencies. */
import { goFields } from '../gostrings/go-space';
import { splitLines, type LegacyConfig, type LegacyRequire } from './legacy-config';

/** parseGlockfile reads a GLOCKFILE; it cannot fail. */
export function parseGlockfile(_file: string, data: string): LegacyConfig {
  const require: LegacyRequire[] = [];
  for (const line of splitLines(data)) {
    const f = goFields(line);
    if (f.length >= 2 && f[0] !== 'cmd') require.push({ path: f[0]!, version: f[1]! });
  }
  return { require, replace: [] };
}
