/**
 * Writing a user's files: whole or not at all. A file is written to a temporary name in its own
 * directory (so the rename stays on one file system) and renamed over the original, so a crash
 * or a full disk never leaves half a go.mod behind.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** writeFileAtomic replaces file's contents with text in one rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.gomodx-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** readIfExists returns a file's text, or undefined when there is no such file. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
