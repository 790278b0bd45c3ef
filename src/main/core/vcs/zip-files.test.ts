import { describe, expect, it } from 'vitest';
import { isVendoredPackage, selectZipFiles, ZipFilesError, type TreeFile } from './zip-files';

const file = (path: string, data = 'x'): TreeFile => ({ path, kind: 'file', size: data.length, data: new TextEncoder().encode(data) });

describe('module zip file rules (x/mod/zip)', () => {
  it('leaves out nested modules, vendored packages, links and hg markers', () => {
    const tree = [
      file('go.mod', 'module m\n\ngo 1.21\n'),
      file('a.go'),
      file('sub/go.mod', 'module m/sub\n'),
      file('sub/b.go'),
      file('vendor/modules.txt'),
      file('vendor/x.test/y/y.go'),
      file('pkg/vendor/v.go'),
      file('.hg_archival.txt'),
      { path: 'link.go', kind: 'symlink', size: 4 } as TreeFile,
    ];
    expect(selectZipFiles(tree).map((f) => f.path)).toEqual(['go.mod', 'a.go', 'vendor/modules.txt']); // before go 1.24, pkg/vendor/v.go counts as vendored
  });

  it('follows go 1.24 for vendor/modules.txt and pkg/vendor/ files', () => {
    expect(isVendoredPackage('vendor/modules.txt', true)).toBe(true);
    expect(isVendoredPackage('vendor/modules.txt', false)).toBe(false);
    expect(isVendoredPackage('pkg/vendor/v.go', false)).toBe(true);
    expect(isVendoredPackage('pkg/vendor/v.go', true)).toBe(false);
    expect(isVendoredPackage('pkg/vendor/d/v.go', true)).toBe(true);
    const tree = [file('go.mod', 'module m\n\ngo 1.24.0\n'), file('vendor/modules.txt'), file('pkg/vendor/v.go')];
    expect(selectZipFiles(tree).map((f) => f.path)).toEqual(['go.mod', 'pkg/vendor/v.go']);
  });

  it('refuses invalid trees as modzip.Create does', () => {
    expect(() => selectZipFiles([file('a.go'), file('A.go')])).toThrow('case-insensitive file name collision: "a.go" and "A.go"');
    expect(() => selectZipFiles([file('GO.MOD')])).toThrow('go.mod files must have lowercase names');
    expect(() => selectZipFiles([file('x/../y.go')])).toThrow(ZipFilesError);
  });
});
