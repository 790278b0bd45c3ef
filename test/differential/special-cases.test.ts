// Hand-made projects where the go command's answer depends on configuration or on odd go.mod
// files rather than on the module graph: vendor directories, GOFLAGS=-mod, toolchain lines that
// go would drop, missing module lines, no go.mod at all. gomodx must answer exactly as go does.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { hasGo, hermeticGoEnv, runGo } from '../helpers/go-oracle';

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly args: string[];
  readonly env?: Record<string, string>;
}

const A_MOD = 'module example.com/a\n\ngo 1.21\n';
const proxyFiles = {
  'proxy/example.com/a/@v/list': 'v1.0.0\n',
  'proxy/example.com/a/@v/v1.0.0.info': '{"Version":"v1.0.0","Time":"2021-01-01T00:00:00Z"}',
  'proxy/example.com/a/@v/v1.0.0.mod': A_MOD,
};
const SUM = 'example.com/a v1.0.0/go.mod h1:WY1cYqyoZ/y5TsLlcDxDvjnSwH6e+PMkfRGRKDUO4Tg=\n';

const cases: Case[] = [
  { name: 'vendor directory with go >= 1.14', files: { 'w/go.mod': 'module m\n\ngo 1.21\n', 'w/vendor/modules.txt': '' }, args: ['list', '-m', 'all'] },
  { name: 'vendor directory with go < 1.14 and a dirty go.mod', files: { 'w/go.mod': 'module m\n\ngo 1.13\n\nrequire example.com/a v1.0.0\nexclude example.com/a v1.0.0\n', 'w/vendor/modules.txt': '' }, args: ['list', '-m', 'all'] },
  { name: 'GOFLAGS=-mod=vendor', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', 'all'], env: { GOFLAGS: '-mod=vendor' } },
  { name: 'explicit -mod=readonly and a dirty go.mod', files: { 'w/go.mod': 'module m\n\ngo 1.21.0\n\ntoolchain go1.21.0\n' }, args: ['list', '-m', 'all'], env: { GOFLAGS: '-mod=readonly' } },
  { name: 'toolchain equal to the go line', files: { 'w/go.mod': 'module m\n\ngo 1.21.0\n\ntoolchain go1.21.0\n' }, args: ['list', '-m', 'all'] },
  { name: 'toolchain below 1.21', files: { 'w/go.mod': 'module m\n\ngo 1.21.0\n\ntoolchain go1.20\n' }, args: ['list', '-m', 'all'] },
  { name: 'toolchain above the go line', files: { 'w/go.mod': 'module m\n\ngo 1.21.0\n\ntoolchain go1.22.0\n' }, args: ['list', '-m', 'all'] },
  { name: 'no go line', files: { 'w/go.mod': 'module m\n\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['list', '-m', '-json', 'all'] },
  { name: 'duplicate identical requirement', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['list', '-m', 'all'] },
  { name: 'excluded requirement in readonly mode', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n\nexclude example.com/a v1.0.0\n' }, args: ['list', '-m', 'all'] },
  { name: 'excluded requirement in mod graph', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n\nexclude example.com/a v1.0.0\n' }, args: ['mod', 'graph'] },
  { name: 'missing module line', files: { 'w/go.mod': 'go 1.21\n' }, args: ['list', '-m', 'all'] },
  { name: 'reserved module path', files: { 'w/go.mod': 'module toolchain\n\ngo 1.21\n' }, args: ['list', '-m', 'all'] },
  { name: 'module path with a leading dash', files: { 'w/go.mod': 'module -x\n\ngo 1.21\n' }, args: ['list', '-m', 'all'] },
  { name: 'no go.mod anywhere', files: { 'w/README': '' }, args: ['list', '-m', 'all'] },
  { name: 'missing replacement directory', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n\nreplace example.com/a => ./gone\n' }, args: ['list', '-m', 'all'] },
  { name: 'GOFLAGS=-mod=mod lists the fixed build list', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['list', '-m', 'all'], env: { GOFLAGS: '-mod=mod' } },
  // Arguments: "--" ends the flags as in go's flag package, and a path go cannot look up is refused before any proxy is asked.
  { name: 'list -m -- PATH', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', '--', 'm'] },
  { name: 'list -m -versions of a malformed module path', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', '-versions', 'example.com/Bad%Path'] },
  { name: 'get of a malformed module path', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'example.com/Bad%Path@latest'] },
  { name: 'list -m -versions -- PATH', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', '-versions', '--', 'example.com/a'] },
  // modget.queryPath: a path with no dot in its first element is a standard-library package only where GOROOT holds one; otherwise it is queried as a module path and refused as malformed.
  { name: 'get of a path with an invalid character and no dot', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'Bad%Path'] },
  { name: 'get -- of a path with a leading dash', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', '--', '-foo'] },
  { name: 'get -- of a path with a leading dash and a version', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', '--', '-foo@v1.0.0'] },
  { name: 'get of a dotless path GOROOT does not hold', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'foo'] },
  { name: 'get of a package in GOROOT/src/vendor', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'vendor/golang.org/x/net/route'] },
  { name: 'get of standard-library and cmd packages', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'fmt', 'cmd/go', 'internal/abi'] },
  { name: 'get of a standard-library package at a version', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'fmt@latest'] },
  // modfetch.lookup's errRepo: with GOPROXY=off the refusal is not wrapped in the module's name.
  { name: 'list -m -versions with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', '-versions', 'example.com/zz'], env: { GOPROXY: 'off' } },
  { name: 'list -m PATH@latest with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', 'example.com/zz@latest'], env: { GOPROXY: 'off' } },
  { name: 'list -m PATH@version with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['list', '-m', '-json', 'example.com/zz@v1.0.0'], env: { GOPROXY: 'off' } },
  { name: 'list -m -u all with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['list', '-m', '-u', 'all'], env: { GOPROXY: 'off' } },
  { name: 'list -m all with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['list', '-m', 'all'], env: { GOPROXY: 'off' } },
  { name: 'list -m -u PATH with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['list', '-m', '-u', 'example.com/a'], env: { GOPROXY: 'off' } },
  { name: 'get PATH with GOPROXY=off', files: { 'w/go.mod': 'module m\n\ngo 1.21\n' }, args: ['get', 'example.com/zz'], env: { GOPROXY: 'off' } },
  { name: 'GOPROXY=off with an uncached module', files: { 'w/go.mod': 'module m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n', 'w/go.sum': SUM }, args: ['mod', 'graph'], env: { GOPROXY: 'off' } },
];

describe.skipIf(!hasGo())('special cases: gomodx vs the go command', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'gomodx-special-'));
      for (const [rel, text] of Object.entries({ ...proxyFiles, ...c.files })) {
        await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await writeFile(path.join(root, rel), text);
      }
      const cwd = path.join(root, 'w');
      const env = { ...hermeticGoEnv({ root: path.join(root, 'go'), proxy: path.join(root, 'proxy') }), GOWORK: 'off', ...c.env };
      const go = await runGo(c.args, { cwd, env });
      let stdout = '';
      let stderr = '';
      const genv = { ...hermeticGoEnv({ root: path.join(root, 'gx'), proxy: path.join(root, 'proxy') }), GOWORK: 'off', GOMODX_CACHE: path.join(root, 'gx-cache'), ...c.env };
      const code = await runCli(c.args[0] === 'mod' && c.args[1] === 'graph' ? ['graph'] : c.args, {
        cwd,
        env: genv,
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
      });
      expect({ code: code === 0 ? 0 : 1, stdout, stderr }).toEqual({ code: go.code === 0 ? 0 : 1, stdout: go.stdout, stderr: go.stderr });
    });
  }
});
