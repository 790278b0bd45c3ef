/**
 * Module zip files as the proxy serves them (golang.org/x/mod/zip): reading their entries and
 * hashing them as go.sum records them (dirhash.Hash1, "h1:").
 */
import { createHash } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { compareGoStrings } from '../core/gostrings/go-string-order';

/** ZipEntry is one file of a module zip: its full name ("path@version/dir/file.go") and bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  /** mode is the Unix mode from the entry's external attributes (0 when the zip has none). */
  readonly mode?: number;
}

/** ZipFormatError is a zip that cannot be read (go says "zip: not a valid zip file"). */
export class ZipFormatError extends Error {}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;

function findEndOfCentralDirectory(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new ZipFormatError('zip: not a valid zip file');
}

/**
 * readZipEntries returns the file entries of a zip (stored or deflated), in central directory
 * order. Zip64 archives (over 4 GiB) are refused: module zips are limited to 500 MiB.
 */
export function readZipEntries(buf: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(buf);
  if (end >= 20 && buf.readUInt32LE(end - 20) === ZIP64_LOCATOR_SIG) throw new ZipFormatError('zip: zip64 archives are not supported');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipFormatError('zip: not a valid zip file');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const mode = madeBy === 3 ? buf.readUInt32LE(p + 38) >>> 16 : 0;
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (buf.readUInt32LE(localOffset) !== LOCAL_SIG) throw new ZipFormatError('zip: not a valid zip file');
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new ZipFormatError(`zip: unsupported compression algorithm`);
    if (data.length !== size) throw new ZipFormatError('zip: checksum error');
    out.push({ name, data, mode });
  }
  return out;
}

/**
 * writeStoredZip builds a zip of uncompressed entries (what a module zip made here needs: its
 * files are hashed, never extracted by anything but this program).
 */
export function writeStoredZip(files: readonly { name: string; data: Uint8Array }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = Buffer.from(f.data);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(CENTRAL_SIG, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(c, name);
    offset += 30 + name.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIG, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/**
 * hashZipEntries is dirhash.HashZip: "h1:" + base64(sha256 of one line
 * "<hex sha256(file)>  <name>\n" per file, sorted by name).
 */
export function hashZipEntries(entries: readonly ZipEntry[]): string {
  const lines = entries
    .map((e) => ({ name: e.name, sum: createHash('sha256').update(e.data).digest('hex') }))
    .sort((a, b) => compareGoStrings(a.name, b.name))
    .map((e) => `${e.sum}  ${e.name}\n`)
    .join('');
  return 'h1:' + createHash('sha256').update(lines).digest('base64');
}
