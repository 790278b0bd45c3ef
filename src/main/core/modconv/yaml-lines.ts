/**
 * The line scanner go used for glide.lock and vendor.yml (two copies of one loop in modconv):
 * inside the section that starts with a line `<section>:` (and lasts while lines start with "-",
 * space or tab), a `- <nameKey>:` line names an entry and each following `  <versionKey>:` line
 * (exactly two spaces) gives it a version. The name is not reset, so a second version line
 * repeats the entry, as it did in go.
 */
import { goTrimSpace } from '../gostrings/go-space';
import { splitLines, type LegacyConfig, type LegacyRequire } from './legacy-config';

/** scanYamlSection reads entries of one section of a glide.lock-like file. */
export function scanYamlSection(data: string, section: string, nameKey: string, versionKey: string): LegacyConfig {
  const require: LegacyRequire[] = [];
  const sectionLine = section + ':';
  const nameLine = `- ${nameKey}:`;
  const versionLine = `  ${versionKey}:`;
  let inside = false;
  let name = '';
  for (const line of splitLines(data)) {
    if (line === '') continue;
    if (line.startsWith(sectionLine)) inside = true;
    else if (line[0] !== '-' && line[0] !== ' ' && line[0] !== '\t') inside = false;
    if (!inside) continue;
    if (line.startsWith(nameLine)) name = goTrimSpace(line.slice(nameLine.length));
    if (line.startsWith(versionLine)) {
      const version = goTrimSpace(line.slice(versionLine.length));
      if (name !== '' && version !== '') require.push({ path: name, version });
    }
  }
  return { require, replace: [] };
}
