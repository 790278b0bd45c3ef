// setRequireAtMostTwo (x/mod SetRequireAtMostTwo, what go 1.27 writes for go.mod files at go
// 1.27 or later). The expected text is what go1.27.3's `go get ex.com/d@v1.0.0` wrote for the
// same file (every module replaced by a local directory).
import { describe, expect, it } from 'vitest';
import { cleanupModFile, setRequireAtMostTwo, setRequireSeparateIndirect } from './edit';
import { formatModFile } from './print';
import { parseModFile } from './rules';

const before = `module ex.com/m

go 1.27.0

// first block
require (
	ex.com/a v1.0.0 // indirect
)

// second block
// two lines
require ex.com/b v1.0.0

// third
require (
	// inner
	ex.com/c v1.0.0
)
`;

const want = `module ex.com/m

go 1.27.0

// third
require (
	// second block
	// two lines
	ex.com/b v1.0.0
	// inner
	ex.com/c v1.0.0
)

// first block
require (
	ex.com/a v1.0.0 // indirect
	ex.com/d v1.0.0 // indirect
)
`;

const req = [
  { mod: { path: 'ex.com/a', version: 'v1.0.0' }, indirect: true },
  { mod: { path: 'ex.com/b', version: 'v1.0.0' }, indirect: false },
  { mod: { path: 'ex.com/c', version: 'v1.0.0' }, indirect: false },
  { mod: { path: 'ex.com/d', version: 'v1.0.0' }, indirect: true },
];

describe('setRequireAtMostTwo', () => {
  it('gathers every requirement into one direct and one indirect block, block comments too', () => {
    const f = parseModFile('go.mod', before);
    setRequireAtMostTwo(f, req);
    cleanupModFile(f);
    expect(formatModFile(f)).toBe(want);
  });

  it('differs from setRequireSeparateIndirect, which keeps the blocks it finds', () => {
    const f = parseModFile('go.mod', before);
    setRequireSeparateIndirect(f, req);
    cleanupModFile(f);
    expect(formatModFile(f)).not.toBe(want);
  });
});
