import { describe, expect, it } from 'vitest';
import { resolveLegacyConfig } from './convert';
import { parseGopkgLock } from './dep';
import { checkNewModulePath, findImportComment, newGoModText } from './mod-init';

// Expected texts are what go1.21.13's go mod init wrote for the same entries (go line aside).
describe('newGoModText', () => {
  it('writes one require as a line, several as a block', () => {
    expect(newGoModText('example.com/w4', '1.21.13', [{ mod: { path: 'example.com/b', version: 'v1.1.0' } }])).toBe(
      'module example.com/w4\n\ngo 1.21.13\n\nrequire example.com/b v1.1.0\n',
    );
    expect(newGoModText('m', '1.26.8', [])).toBe('module m\n\ngo 1.26.8\n');
  });
  it('puts a replace before the requires when the replaced module sorts first (golang.org/issue/33406)', async () => {
    const lock = parseGopkgLock(
      'Gopkg.lock',
      [
        '[[projects]]',
        '  name = "z.org/b"',
        '  revision = "1111111111111111111111111111111111111111"',
        '  source = "https://example.com/a.git"',
        '[[projects]]',
        '  name = "example.com/b"',
        '  revision = "x"',
        '  version = "v1.2.0"',
        '[[projects]]',
        '  name = "example.com/a"',
        '  revision = "x"',
        '  version = "v1.0.0"',
      ].join('\n'),
    );
    const asked: string[] = [];
    const res = await resolveLegacyConfig('Gopkg.lock', lock, async (path, rev) => {
      asked.push(`${path}@${rev}`);
      return { path, version: rev.startsWith('v') ? rev : 'v1.1.0' };
    }, { concurrency: 2 });
    expect(asked.sort()).toEqual(['example.com/a@1111111111111111111111111111111111111111', 'example.com/a@1111111111111111111111111111111111111111', 'example.com/b@v1.2.0']);
    expect(newGoModText('example.com/w2', '1.21.13', res.requirements)).toBe(
      'module example.com/w2\n\ngo 1.21.13\n\nreplace z.org/b 1111111111111111111111111111111111111111 => example.com/a v1.1.0\n\nrequire (\n\texample.com/a v1.1.0\n\texample.com/b v1.2.0\n)\n',
    );
  });
  it('drops failed entries with go\'s line and merges the rest to the highest', async () => {
    const lock = { require: [{ path: 'a.com/x', version: 'r1' }, { path: 'a.com/x/sub', version: 'r2' }, { path: 'no.com/y', version: 'r3' }, { path: '', version: '' }], replace: [] };
    const res = await resolveLegacyConfig('Godeps/Godeps.json', lock, async (path, rev) => {
      if (path.startsWith('no.com')) throw new Error('not found');
      return { path: 'a.com/x', version: rev === 'r1' ? 'v2.0.0+incompatible' : 'v1.9.0' };
    }, { concurrency: 1 });
    expect(res.requirements).toEqual([{ mod: { path: 'a.com/x', version: 'v2.0.0+incompatible' } }]);
    expect(res.dropped.map((d) => d.line)).toEqual(['go: converting Godeps/Godeps.json: stat no.com/y@r3: not found']);
  });
  it('stops when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(resolveLegacyConfig('Gopkg.lock', { require: [{ path: 'a.com/x', version: 'r' }], replace: [] }, async () => ({ path: 'a.com/x', version: 'v1.0.0' }), { concurrency: 1, signal: ac.signal })).rejects.toThrow('cancelled');
  });
});

describe('module paths', () => {
  it('refuses paths as go mod init does', () => {
    expect(checkNewModulePath('example.com/m')).toBeUndefined();
    expect(checkNewModulePath('./x')).toBe('go: malformed module path "./x": is a local import path');
    expect(checkNewModulePath('example.com/m/v1')).toBe(
      'go: invalid module path "example.com/m/v1": major version suffixes must be in the form of /vN and are only allowed for v2 or later:\n\tgo mod init example.com/m/v2',
    );
    expect(checkNewModulePath('gopkg.in/yaml')).toBe(
      'go: invalid module path "gopkg.in/yaml": module paths beginning with gopkg.in/ must always have a major version suffix in the form of .vN:\n\tgo mod init gopkg.in/yaml.v1',
    );
  });
  it('reads import comments', () => {
    expect(findImportComment('// c\npackage x // import "example.com/x"\n')).toBe('example.com/x');
    expect(findImportComment('package x // import "example.com/x"')).toBe('');
  });
});
