// Small readers shared by the differential suites that compare files and go's stderr.
import { readFile } from 'node:fs/promises';

/** withoutDownloads drops go's "go: downloading …" lines, which depend on what its cache held. */
export function withoutDownloads(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !l.startsWith('go: downloading '))
    .join('\n');
}

/** readOrAbsent reads a file's text, or "<absent>" when there is none (so a missing file compares too). */
export async function readOrAbsent(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '<absent>';
  }
}
