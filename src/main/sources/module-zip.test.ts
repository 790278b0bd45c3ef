import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { craftZip, zeroDeflate } from '../../../test/helpers/craft-zip';
import { readZipEntries, ZipArchive } from './module-zip';

const P = 'example.com/a@v1.0.0/';

/** h1 is dirhash.Hash1 over (name, bytes) pairs, written out the long way. */
function h1(files: [string, string][]): string {
  const lines = files
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, d]) => `${createHash('sha256').update(d).digest('hex')}  ${n}\n`)
    .join('');
  return 'h1:' + createHash('sha256').update(lines).digest('base64');
}

describe('ZipArchive (archive/zip reading, dirhash.HashZip)', () => {
  it('hashes stored and deflated files as dirhash does', async () => {
    const zip = ZipArchive.open(craftZip([{ name: P + 'go.mod', data: 'module example.com/a\n' }, { name: P + 'a.go', data: 'package a\n', deflate: true }]));
    expect(await zip.hash()).toBe(
      h1([
        [P + 'go.mod', 'module example.com/a\n'],
        [P + 'a.go', 'package a\n'],
      ]),
    );
    expect(zip.read(zip.files[1]!).toString()).toBe('package a\n');
  });

  it('hashes a repeated name twice, through its last entry', async () => {
    const zip = ZipArchive.open(craftZip([{ name: P + 'a.go', data: 'one' }, { name: P + 'a.go', data: 'two' }]));
    expect(await zip.hash()).toBe(
      h1([
        [P + 'a.go', 'two'],
        [P + 'a.go', 'two'],
      ]),
    );
  });

  it('fails as archive/zip does', async () => {
    const hashOf = (entries: Parameters<typeof craftZip>[0]) => ZipArchive.open(craftZip(entries)).hash();
    await expect(hashOf([{ name: P + 'a.go', data: 'x', crc: 1 }])).rejects.toThrow(/^zip: checksum error$/);
    await expect(hashOf([{ name: P + 'a.go', data: 'x', crc: 0 }])).resolves.toMatch(/^h1:/); // CRC 0: not checked
    await expect(hashOf([{ name: P + 'a.go', data: 'hello', size: 3 }])).rejects.toThrow(/^zip: not a valid zip file$/);
    await expect(hashOf([{ name: P + 'a.go', data: 'hello', size: 9 }])).rejects.toThrow(/^unexpected EOF$/);
    await expect(hashOf([{ name: P + 'a\n.go', data: 'x' }])).rejects.toThrow('dirhash: filenames with newlines are not supported');
    expect(() => ZipArchive.open(Buffer.from('not a zip at all, not even a short one'))).toThrow('zip: not a valid zip file');
  });

  it('stops a file that inflates beyond its declared size at once', async () => {
    const zip = ZipArchive.open(craftZip([{ name: P + 'big', deflated: zeroDeflate(256 << 20), size: 1000, crc: 0 }]));
    const t0 = performance.now();
    await expect(zip.verify()).rejects.toThrow('zip: not a valid zip file');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(() => zip.read(zip.files[0]!)).toThrow('zip: not a valid zip file');
  });

  it('reads entries for direct mode, directories left out', () => {
    expect(readZipEntries(craftZip([{ name: 'prefix/' }, { name: 'prefix/a', data: 'x' }])).map((e) => [e.name, e.data.toString()])).toEqual([['prefix/a', 'x']]);
  });
});
