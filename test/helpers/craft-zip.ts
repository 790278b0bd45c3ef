// Zips that no honest tool writes, for the fault suite: every field of an entry can lie (its
// name, its CRC, its declared sizes), names may repeat, and data may be deflated far beyond any
// sane ratio. The writer streams nothing: a bomb's compressed bytes are small, only what they
// inflate to is large.
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';

/** CraftEntry is one entry: name and bytes, plus the lies to tell about them. */
export interface CraftEntry {
  readonly name: string;
  /** data is stored (or deflated) as given. */
  readonly data?: Uint8Array | string;
  /** deflated is already deflate-compressed data (used as is, method 8); data is then ignored. */
  readonly deflated?: Uint8Array;
  /** deflate compresses data (method 8) instead of storing it. */
  readonly deflate?: boolean;
  /** crc overrides the CRC-32 written for the entry. */
  readonly crc?: number;
  /** size overrides the declared uncompressed size. */
  readonly size?: number;
}

/** craftZip builds a zip of the given entries, in order, with whatever each entry claims. */
export function craftZip(entries: readonly CraftEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = e.data === undefined ? Buffer.alloc(0) : Buffer.from(e.data);
    const method = e.deflated !== undefined || e.deflate ? 8 : 0;
    const body = e.deflated !== undefined ? Buffer.from(e.deflated) : e.deflate ? deflateRawSync(raw) : raw;
    const crc = (e.crc ?? crc32(raw)) >>> 0;
    const size = e.size ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/**
 * zeroDeflate returns a raw deflate stream of `size` zero bytes without ever holding them: 1 MiB of
 * zeros is compressed once with a sync flush (which ends byte-aligned and not final), repeated,
 * and closed with an empty final block. The copies stay valid because every back-reference in
 * them points at zeros, which is all that precedes them.
 */
export function zeroDeflate(size: number): Buffer {
  const MIB = 1 << 20;
  const piece = (n: number) => deflateRawSync(Buffer.alloc(n), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const whole = piece(MIB);
  const out: Buffer[] = [];
  for (let left = size; left > 0; left -= MIB) out.push(left >= MIB ? whole : piece(left));
  out.push(deflateRawSync(Buffer.alloc(0)));
  return Buffer.concat(out);
}
