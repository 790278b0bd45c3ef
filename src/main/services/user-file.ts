/**
 * Writing a user's go.mod and go.sum as the go command does (lockedfile.Transform): the file is
 * opened for writing where it is and rewritten in place, so a symbolic link still points at the
 * file it named (which gets the new bytes), a hard link still shares them, the file keeps its
 * mode and owner, and a read-only directory is no obstacle; a read-only file is refused with
 * go's "permission denied". A file that grows gets its new tail first (a full disk fails before
 * the old bytes are touched); if overwriting fails, the old bytes are put back.
 *
 * Text here is Go's bytes (decodeGoBytes): bytes that are not UTF-8, such as a Latin-1 comment,
 * come back out unchanged.
 */
import { constants } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { decodeGoBytes, encodeGoBytes } from '../core/gostrings/utf8';

/** goPathError words a Node file error as Go's *PathError does: "open /p/go.mod: permission denied". */
export function goPathError(e: unknown, file: string): Error {
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or directory',
    EISDIR: 'is a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'not a directory',
    ELOOP: 'too many levels of symbolic links',
  };
  const reason = (err.code && reasons[err.code]) ?? err.message;
  return new Error(`${err.syscall ?? 'open'} ${err.path ?? file}: ${reason}`);
}

/**
 * writeFileInPlace replaces file's contents with text (Go bytes), creating the file (mode 0666
 * less the umask) when there is none. Errors are Go's words ("open PATH: permission denied").
 */
export async function writeFileInPlace(file: string, text: string): Promise<void> {
  const data = Buffer.from(encodeGoBytes(text));
  let fh: FileHandle;
  try {
    fh = await open(file, constants.O_RDWR | constants.O_CREAT, 0o666);
  } catch (e) {
    throw goPathError(e, file);
  }
  try {
    const old = await fh.readFile();
    if (data.length > old.length) {
      try {
        await fh.write(data, old.length, data.length - old.length, old.length);
      } catch (e) {
        await fh.truncate(old.length).catch(() => undefined);
        throw e;
      }
    }
    try {
      await fh.write(data, 0, Math.min(data.length, old.length), 0);
      if (data.length < old.length) await fh.truncate(data.length);
    } catch (e) {
      try {
        await fh.write(old, 0, old.length, 0);
        await fh.truncate(old.length);
      } catch {
        // the best effort failed too; the first error is the one to report
      }
      throw e;
    }
  } catch (e) {
    throw (e as NodeJS.ErrnoException).code ? goPathError(e, file) : e;
  } finally {
    await fh.close();
  }
}

/** readIfExists returns a file's text (Go bytes), or undefined when there is no such file. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return decodeGoBytes(await readFile(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
