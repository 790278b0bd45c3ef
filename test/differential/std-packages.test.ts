// The GOROOT package list go get consults (modget.queryPath) is generated from the go command;
// this keeps it equal to what that go lists, so a new Go release shows up as a failing test
// with the command that regenerates the file.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STD_PACKAGES, STD_PACKAGES_GO_VERSION } from '../../src/main/core/modload/load/std-packages';
import { isGorootPackage } from '../../src/main/core/modload/load/std-packages-index';
import { hasGo, hermeticGoEnv, localGoVersion, runGo } from '../helpers/go-oracle';

describe.skipIf(!hasGo())('GOROOT packages for go get', () => {
  it(`equal go list std cmd without GOROOT/src/vendor (${STD_PACKAGES_GO_VERSION})`, async () => {
    expect(`go${localGoVersion()}`, 'regenerate with: node scripts/gen-std-packages.mjs').toBe(STD_PACKAGES_GO_VERSION);
    const root = await mkdtemp(path.join(tmpdir(), 'gomodx-std-'));
    const env = hermeticGoEnv({ root: path.join(root, 'go'), proxy: path.join(root, 'proxy') });
    const got = await runGo(['list', 'std', 'cmd'], { cwd: root, env: { ...env, GO111MODULE: 'off' } });
    const want = got.stdout.split('\n').filter((p) => p !== '' && !p.startsWith('vendor/')).sort();
    expect(STD_PACKAGES.split('\n').filter((p) => p !== ''), 'regenerate with: node scripts/gen-std-packages.mjs').toEqual(want);
  });

  it('answers for packages, not for directories without Go files or for GOROOT/src/vendor', () => {
    expect(isGorootPackage('fmt')).toBe(true);
    expect(isGorootPackage('cmd/go')).toBe(true);
    expect(isGorootPackage('cmd/vendor/golang.org/x/mod/module')).toBe(true);
    expect(isGorootPackage('go')).toBe(false);
    expect(isGorootPackage('vendor/golang.org/x/net/route')).toBe(false);
    expect(isGorootPackage('foo')).toBe(false);
  });
});
