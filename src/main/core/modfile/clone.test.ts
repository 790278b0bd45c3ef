import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloneModFile } from './clone';
import { addGoStmt, addRequire, addToolchainStmt, cleanupModFile, dropReplace, dropToolchainStmt, setRequire, setRequireSeparateIndirect } from './edit';
import { decodeGoBytes } from '../gostrings/utf8';
import { formatModFile } from './print';
import { parseModFile, type ModFile } from './rules';

const testdata = new URL('./testdata/', import.meta.url);

/** Every testdata go.mod that parses. */
const files = readdirSync(testdata)
  .filter((n) => n.endsWith('.mod'))
  .sort()
  .flatMap((name) => {
    const text = decodeGoBytes(new Uint8Array(readFileSync(new URL(name, testdata))));
    try {
      return [{ name, text, file: parseModFile(name, text) }];
    } catch {
      return [];
    }
  });

/** edit changes everything an edit of go get can touch (go.mod files of go 1.17 and later). */
function edit(f: ModFile): void {
  addGoStmt(f, '1.23.0');
  addToolchainStmt(f, 'go1.24.1');
  setRequireSeparateIndirect(f, [
    ...f.require.slice(1).map((r) => ({ mod: { path: r.mod.path, version: 'v9.9.9' }, indirect: !r.indirect })),
    { mod: { path: 'example.com/new', version: 'v1.0.0' }, indirect: true },
  ]);
  addRequire(f, 'example.com/other', 'v0.1.0');
  for (const r of f.replace) dropReplace(f, r.old.path, r.old.version);
  cleanupModFile(f);
}

/** editOld is edit as go get does it for a go.mod older than go 1.17 (one requirement block). */
function editOld(f: ModFile): void {
  addGoStmt(f, '1.16');
  dropToolchainStmt(f);
  setRequire(f, [...f.require.slice(1).map((r) => ({ mod: { path: r.mod.path, version: 'v0.0.1' }, indirect: !r.indirect })), { mod: { path: 'example.com/new', version: 'v1.0.0' }, indirect: true }]);
  cleanupModFile(f);
}

describe('cloneModFile', () => {
  it('has go.mod files to copy', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('copies $name exactly', ({ name, text, file }) => {
    const copy = cloneModFile(file);
    expect(copy).toStrictEqual(parseModFile(name, text));
    expect(formatModFile(copy)).toBe(formatModFile(file));
  });

  it.each(files.flatMap((f) => [{ ...f, how: edit }, { ...f, how: editOld }]))(
    'an edit of the copy of $name ($how.name) leaves the original as parsed, and edits as the original would',
    ({ name, text, file, how }) => {
      const copy = cloneModFile(file);
      how(copy);
      expect(file).toStrictEqual(parseModFile(name, text));
      const direct = parseModFile(name, text);
      how(direct);
      expect(formatModFile(copy)).toBe(formatModFile(direct));
      expect(copy).toStrictEqual(direct);
    },
  );
});
