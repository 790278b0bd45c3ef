/**
 * godeps' dependencies.tsv (modconv.ParseDependenciesTSV): tab-separated path, vcs, revision.
 * Fields are split on tabs only and not trimmed, so spaces stay part of a path, as in go.
 */
import { splitLines, type LegacyConfig, type LegacyRequire } from './legacy-config';

/** parseDependenciesTsv reads a dependencies.tsv; it cannot fail. */
export function parseDependenciesTsv(_file: string, data: string): LegacyConfig {
  const require: LegacyRequire[] = [];
  for (const line of splitLines(data)) {
    const f = line.split('\t');
    if (f.length >= 3) require.push({ path: f[0]!, version: f[2]! });
  }
  return { require, replace: [] };
}
