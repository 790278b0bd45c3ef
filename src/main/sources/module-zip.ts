/**
 * Module zip files as the proxy serves them (golang.org/x/mod/zip): reading their entries and
 * hashing them as go.sum records them (dirhash.Hash1, "h1:").
 */
import { createHash } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { InflateError, inflateRawChunks } from './inflate-chunks';
import { decodeGoBytes } from '../core/gostrings/utf8';
import { compareGoStrings } from '../core/gostrings/go-string-order';

/** ZipEntry is one file of a module zip: its full name ("path@version/dir/file.go") and bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  /** mode is the Unix mode from the entry's external attributes (0 when the zip has none). */
  readonly mode?: number;
}

/** ZipFormatError is a zip that cannot be read, in the words of Go's archive/zip. */
export class ZipFormatError extends Error {}

/** Go's archive/zip errors (and io's), as the go command prints them. */
const ERR_FORMAT = 'zip: not a valid zip file';
const ERR_CHECKSUM = 'zip: checksum error';
const ERR_ALGORITHM = 'zip: unsupported compression algorithm';
const ERR_UNEXPECTED_EOF = 'unexpected EOF';

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const DESCRIPTOR_SIG = 0x08074b50;

/** Inflated bytes are handled this many at a time: memory stays bounded whatever a file declares. */
const CHUNK = 1 << 16;

/** ZipFileHeader is one central directory entry, as the zip declares it. */
export interface ZipFileHeader {
  /** name is the entry's name, Go-decoded (invalid UTF-8 bytes kept as escapes, see decodeGoBytes). */
  readonly name: string;
  readonly rawName: Buffer;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** size is the declared uncompressed size; reading holds the file to it. */
  readonly size: number;
  readonly localOffset: number;
  /** mode is the Unix mode from the external attributes (0 when the zip has none). */
  readonly mode: number;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new ZipFormatError(ERR_FORMAT);
}

/**
 * ZipArchive is a zip held in memory (compressed, as served: at most 500 MiB) whose files are
 * inflated one at a time and never beyond the size they declare, as Go's archive/zip reads them:
 * more bytes than declared is a format error, fewer an unexpected EOF, a wrong CRC-32 a checksum
 * error. A 1 MiB zip that claims or hides a gigabyte never costs more than a chunk of memory.
 */
export class ZipArchive {
  readonly files: readonly ZipFileHeader[];

  private constructor(
    private readonly buf: Buffer,
    files: ZipFileHeader[],
  ) {
    this.files = files;
  }

  /** open reads the central directory (zip.NewReader); it inflates nothing. */
  static open(buf: Buffer): ZipArchive {
    if (buf.length < 22) throw new ZipFormatError(ERR_FORMAT);
    const end = findEndOfCentralDirectory(buf);
    if (end >= 20 && buf.readUInt32LE(end - 20) === ZIP64_LOCATOR_SIG) throw new ZipFormatError('zip: zip64 archives are not supported');
    const count = buf.readUInt16LE(end + 10);
    let p = buf.readUInt32LE(end + 16);
    const files: ZipFileHeader[] = [];
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipFormatError(ERR_FORMAT);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      if (p + 46 + nameLen + extraLen + commentLen > buf.length) throw new ZipFormatError(ERR_FORMAT);
      const rawName = buf.subarray(p + 46, p + 46 + nameLen);
      const madeBy = buf.readUInt16LE(p + 4) >> 8;
      files.push({
        name: decodeGoBytes(rawName),
        rawName,
        flags: buf.readUInt16LE(p + 8),
        method: buf.readUInt16LE(p + 10),
        crc: buf.readUInt32LE(p + 16),
        compressedSize: buf.readUInt32LE(p + 20),
        size: buf.readUInt32LE(p + 24),
        localOffset: buf.readUInt32LE(p + 42),
        mode: madeBy === 3 ? buf.readUInt32LE(p + 38) >>> 16 : 0,
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipArchive(buf, files);
  }

  /** body returns a file's stored bytes (findBodyOffset: the local header must be there). */
  private body(f: ZipFileHeader): { data: Buffer; end: number } {
    const h = f.localOffset;
    if (h + 30 > this.buf.length) throw new ZipFormatError(ERR_UNEXPECTED_EOF);
    if (this.buf.readUInt32LE(h) !== LOCAL_SIG) throw new ZipFormatError(ERR_FORMAT);
    const start = h + 30 + this.buf.readUInt16LE(h + 26) + this.buf.readUInt16LE(h + 28);
    const end = start + f.compressedSize;
    if (end > this.buf.length) throw new ZipFormatError(ERR_UNEXPECTED_EOF);
    return { data: this.buf.subarray(start, end), end };
  }

  /** finish checks what a fully read file must satisfy (checksumReader at EOF). */
  private finish(f: ZipFileHeader, end: number, n: number, crc: number): void {
    if (n !== f.size) throw new ZipFormatError(ERR_UNEXPECTED_EOF);
    if (f.flags & 0x8) {
      // A data descriptor follows the data; its CRC must be the directory's, and so must ours.
      let p = end;
      if (p + 4 > this.buf.length) throw new ZipFormatError(ERR_UNEXPECTED_EOF);
      if (this.buf.readUInt32LE(p) === DESCRIPTOR_SIG) p += 4;
      if (p + 4 > this.buf.length) throw new ZipFormatError(ERR_UNEXPECTED_EOF);
      if (this.buf.readUInt32LE(p) !== f.crc || crc >>> 0 !== f.crc) throw new ZipFormatError(ERR_CHECKSUM);
    } else if (f.crc !== 0 && crc >>> 0 !== f.crc) {
      throw new ZipFormatError(ERR_CHECKSUM);
    }
  }

  /**
   * stream hands a file's bytes to onChunk, at most CHUNK at a time, and checks them as Go's
   * checksumReader does. Directory entries read as empty (or fail, when they claim a size).
   */
  async stream(f: ZipFileHeader, onChunk: (b: Buffer) => void, signal?: AbortSignal): Promise<void> {
    if (f.name.endsWith('/')) {
      this.body(f);
      if (f.size !== 0) throw new ZipFormatError(ERR_FORMAT);
      return;
    }
    const { data, end } = this.body(f);
    if (f.method !== 0 && f.method !== 8) throw new ZipFormatError(ERR_ALGORITHM);
    let n = 0;
    let crc = 0;
    const take = (b: Buffer): void => {
      n += b.length;
      if (n > f.size) throw new ZipFormatError(ERR_FORMAT);
      crc = crc32(b, crc);
      onChunk(b);
    };
    if (f.method === 0) {
      for (let i = 0; i < data.length; i += CHUNK) take(data.subarray(i, Math.min(data.length, i + CHUNK)));
    } else {
      try {
        await inflateRawChunks(data, CHUNK, take, signal);
      } catch (e) {
        if (!(e instanceof InflateError)) throw e;
        throw new ZipFormatError(e.code === 'Z_BUF_ERROR' ? ERR_UNEXPECTED_EOF : `flate: ${e.message}`);
      }
    }
    this.finish(f, end, n, crc);
  }

  /** read returns a whole file, checked as stream checks it (for files the caller will use). */
  read(f: ZipFileHeader): Buffer {
    if (f.name.endsWith('/')) {
      this.body(f);
      if (f.size !== 0) throw new ZipFormatError(ERR_FORMAT);
      return Buffer.alloc(0);
    }
    const { data, end } = this.body(f);
    let out: Buffer;
    if (f.method === 0) out = Buffer.from(data);
    else if (f.method === 8) {
      try {
        // One byte more than declared is enough to know the file lies about its size.
        out = inflateRawSync(data, { maxOutputLength: f.size + 1 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipFormatError(ERR_FORMAT);
        throw new ZipFormatError(`flate: ${(e as Error).message}`);
      }
    } else throw new ZipFormatError(ERR_ALGORITHM);
    if (out.length > f.size) throw new ZipFormatError(ERR_FORMAT);
    this.finish(f, end, out.length, crc32(out));
    return out;
  }

  /**
   * hash is dirhash.HashZip: "h1:" + base64(sha256 of one line "<hex sha256(file)>  <name>\n" per
   * entry name, sorted), each name read through the last entry that has it. Every file is
   * inflated in chunks and checked as it goes, so a bomb fails as soon as it overruns.
   */
  async hash(signal?: AbortSignal): Promise<string> {
    const summary = createHash('sha256');
    await this.readAll(signal, (f) => {
      const h = createHash('sha256');
      return {
        chunk: (b) => h.update(b),
        end: () => {
          summary.update(`${h.digest('hex')}  `);
          summary.update(f.rawName);
          summary.update('\n');
        },
      };
    });
    return 'h1:' + summary.digest('base64');
  }

  /**
   * verify reads every file as hash does, failing where hash would, without hashing: for a zip
   * that will be refused anyway, where only the error that comes first matters.
   */
  async verify(signal?: AbortSignal): Promise<void> {
    await this.readAll(signal, () => ({ chunk: () => undefined, end: () => undefined }));
  }

  private async readAll(signal: AbortSignal | undefined, sink: (f: ZipFileHeader) => { chunk: (b: Buffer) => void; end: () => void }): Promise<void> {
    const byName = new Map<string, ZipFileHeader>();
    for (const f of this.files) byName.set(f.name, f);
    const names = this.files.map((f) => f.name).sort(compareGoStrings);
    for (const name of names) {
      const f = byName.get(name)!;
      if (f.rawName.includes(0x0a)) throw new Error('dirhash: filenames with newlines are not supported');
      const s = sink(f);
      await this.stream(f, s.chunk, signal);
      s.end();
    }
  }
}

/**
 * readZipEntries returns the file entries of a zip (stored or deflated), in central directory
 * order, each checked against its declared size and CRC. For zips this program made or that are
 * known to be small (direct mode's git archives); module zips from a proxy go through ZipArchive.
 */
export function readZipEntries(buf: Buffer): ZipEntry[] {
  const zip = ZipArchive.open(buf);
  return zip.files.filter((f) => !f.name.endsWith('/')).map((f) => ({ name: f.name, data: zip.read(f), mode: f.mode }));
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
