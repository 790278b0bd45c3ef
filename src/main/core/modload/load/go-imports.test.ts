import { describe, expect, it } from 'vitest';
import { ANY_TAGS, buildTags, matchFile, parseGoFileHeader, shouldBuild } from './go-imports';

const linux = buildTags({ goos: 'linux', goarch: 'amd64', cgo: false, localGo: '1.22.3', toolTags: ['amd64.v1'] });
const windows = buildTags({ goos: 'windows', goarch: 'arm64', cgo: true, localGo: '1.22.3' });

function builds(src: string): { linux: boolean; windows: boolean; any: boolean } {
  const h = parseGoFileHeader(src)!;
  return { linux: shouldBuild(h, linux), windows: shouldBuild(h, windows), any: shouldBuild(h, ANY_TAGS) };
}

describe('go file headers', () => {
  it('reads the package clause and every import form', () => {
    const h = parseGoFileHeader('// doc\npackage x // c\n\nimport "a.com/one"\nimport (\n\tb "b.com/two"\n\t. "c.com/three"\n\t_ `d.com/four`\n)\nimport "e.com/five"; var _ = 1\nimport "f.com/not-an-import"\n')!;
    expect(h.packageName).toBe('x');
    expect(h.imports).toEqual(['a.com/one', 'b.com/two', 'c.com/three', 'd.com/four', 'e.com/five']);
    expect(h.constraint).toBeUndefined();
  });

  it('evaluates //go:build lines like imports.ShouldBuild', () => {
    expect(builds('//go:build linux\n\npackage x\n')).toEqual({ linux: true, windows: false, any: true });
    expect(builds('//go:build !linux && (windows || darwin)\n\npackage x\n')).toEqual({ linux: false, windows: true, any: true });
    expect(builds('//go:build unix\n\npackage x\n')).toEqual({ linux: true, windows: false, any: true });
    expect(builds('//go:build cgo\n\npackage x\n')).toEqual({ linux: false, windows: true, any: true });
    expect(builds('//go:build go1.22 && !go1.23\n\npackage x\n')).toEqual({ linux: true, windows: true, any: true });
    expect(builds('//go:build amd64.v1\n\npackage x\n')).toEqual({ linux: true, windows: false, any: true });
    // "ignore" is satisfied by no build, any tags included; nor is a malformed or doubled line.
    expect(builds('//go:build ignore\n\npackage x\n')).toEqual({ linux: false, windows: false, any: false });
    expect(builds('//go:build linux &&\n\npackage x\n')).toEqual({ linux: false, windows: false, any: false });
    expect(builds('//go:build linux\n//go:build windows\n\npackage x\n')).toEqual({ linux: false, windows: false, any: false });
    // A //go:build line inside a block comment, or after the package clause, is no constraint.
    expect(builds('/*\n//go:build windows\n*/\npackage x\n')).toEqual({ linux: true, windows: true, any: true });
    expect(builds('package x\n//go:build windows\n')).toEqual({ linux: true, windows: true, any: true });
  });

  it('evaluates // +build lines only before a blank line, and only without //go:build', () => {
    expect(builds('// +build linux,!cgo darwin\n\npackage x\n')).toEqual({ linux: true, windows: false, any: true });
    expect(builds('// +build windows\npackage x\n')).toEqual({ linux: true, windows: true, any: true });
    expect(builds('// +build linux\n// +build amd64\n\npackage x\n')).toEqual({ linux: true, windows: false, any: true });
    expect(builds('//go:build windows\n// +build linux\n\npackage x\n')).toEqual({ linux: false, windows: true, any: true });
    expect(builds('// +build !!linux\n\npackage x\n')).toEqual({ linux: false, windows: false, any: false });
  });

  it('matches GOOS and GOARCH file name suffixes like imports.MatchFile', () => {
    expect(matchFile('x_linux.go', linux)).toBe(true);
    expect(matchFile('x_windows.go', linux)).toBe(false);
    expect(matchFile('x_windows_arm64_test.go', windows)).toBe(true);
    expect(matchFile('x_linux_arm64.go', linux)).toBe(false);
    expect(matchFile('x_amd64.go', linux)).toBe(true);
    expect(matchFile('linux.go', linux)).toBe(true);
    expect(matchFile('x_nosuchos.go', linux)).toBe(true);
    expect(matchFile('x_windows.go', ANY_TAGS)).toBe(true);
  });
});
