import { describe, expect, it } from 'vitest';
import { goModLookup, selectToolchain, type SelectInput, type Selection } from './select';

const base = {
  localVersion: '1.26.8',
  localToolchain: 'go1.26.8',
  goos: 'linux',
  goarch: 'amd64',
} as const;

function sel(gotoolchain: string, goMod: string | undefined, onPath: readonly string[] = []): Selection {
  const input: SelectInput = {
    ...base,
    gotoolchain,
    file: goMod === undefined ? undefined : { shortPath: 'go.mod', data: goMod },
    onPath: (n) => onPath.includes(n),
  };
  return selectToolchain(input);
}

function run(s: Selection): { version: string; how: string; explain: string } {
  if (s.kind !== 'run') throw new Error(`refused: ${s.message}`);
  return { version: s.version, how: s.how, explain: s.explain };
}

const mod = (go: string, toolchain?: string): string => `module m\n\ngo ${go}\n${toolchain ? `toolchain ${toolchain}\n` : ''}`;

describe('selectToolchain (toolchain.Select and Exec)', () => {
  // [GOTOOLCHAIN, go.mod, PATH toolchains, modelled version, how, TooNewError explain]
  const runs: [string, string | undefined, string[], string, string, string][] = [
    ['local', mod('1.27.0'), [], '1.26.8', 'local', '; GOTOOLCHAIN=local'],
    ['auto', mod('1.27.0'), [], '1.27.0', 'download', ''],
    ['auto', mod('1.26.2'), [], '1.26.8', 'local', ''],
    ['auto', mod('1.27'), [], '1.27.0', 'download', ''],
    ['auto', mod('1.26.2', 'go1.27.3'), [], '1.27.3', 'download', ''],
    ['auto', mod('1.27.3', 'go1.27.1'), [], '1.27.3', 'download', ''],
    ['auto', mod('1.27.0'), ['go1.27.0'], '1.27.0', 'path', ''],
    ['path', mod('1.27.0'), ['go1.27.0'], '1.27.0', 'path', '; GOTOOLCHAIN=path'],
    ['local+auto', mod('1.27.1'), [], '1.27.1', 'download', '; GOTOOLCHAIN=local+auto'],
    ['go1.27.3', mod('1.26.0'), [], '1.27.3', 'download', '; GOTOOLCHAIN=go1.27.3'],
    ['go1.27.3', mod('1.27.3'), [], '1.27.3', 'download', '; GOTOOLCHAIN=go1.27.3'],
    ['go1.27.1+auto', mod('1.27.3'), [], '1.27.3', 'download', '; GOTOOLCHAIN=go1.27.1+auto; go.mod sets go 1.27.3'],
    ['go1.26.8', mod('1.22.0'), [], '1.26.8', 'local', '; GOTOOLCHAIN=go1.26.8'],
    ['auto', mod('1.22.0', 'default'), [], '1.26.8', 'local', '; go.mod sets toolchain default'],
    ['go1.27.3+auto', mod('1.27.0', 'default'), [], '1.27.3', 'download', '; GOTOOLCHAIN=go1.27.3+auto; go.mod sets toolchain default'],
    ['auto', undefined, [], '1.26.8', 'local', ''],
  ];
  for (const [gt, file, path, version, how, explain] of runs) {
    it(`GOTOOLCHAIN=${gt} ${file?.replace(/\n/g, ' ') ?? '(no go.mod)'} -> go ${version} (${how})`, () => {
      expect(run(sel(gt, file, path))).toEqual({ version, how, explain });
    });
  }

  // [GOTOOLCHAIN, go.mod, go's message]
  const refusals: [string, string | undefined, string][] = [
    ['bash', mod('1.22.0'), 'invalid GOTOOLCHAIN "bash"'],
    ['go1.27.3+foo', mod('1.22.0'), 'invalid GOTOOLCHAIN "go1.27.3+foo": only version suffixes are +auto and +path'],
    ['xyz+auto', mod('1.22.0'), 'invalid GOTOOLCHAIN "xyz+auto": invalid minimum toolchain "xyz"'],
    ['path', mod('1.27.0'), 'cannot find "go1.27.0" in PATH'],
    ['go1.27.3+path', mod('1.22.0'), 'cannot find "go1.27.3" in PATH'],
    ['go1.27', mod('1.22.0'), 'invalid toolchain: go1.27 is a language version but not a toolchain version (go1.27.x)'],
    ['auto', mod('1.22.0', 'go1.27'), 'invalid toolchain: go1.27 is a language version but not a toolchain version (go1.27.x)'],
    ['auto', mod('1.22.0', 'banana'), 'invalid toolchain "banana" in go.mod'],
    ['auto', mod('1.22.0', 'go1.27.3/x'), 'invalid toolchain "go1.27.3/x" in go.mod'],
    ['go1.23.40', mod('1.18'), 'download go1.23.40 for linux/amd64: toolchain not available'],
    ['go1.27.3-custom', mod('1.22.0'), 'download go1.27.3-custom for linux/amd64: toolchain not available'],
  ];
  for (const [gt, file, message] of refusals) {
    it(`GOTOOLCHAIN=${gt} ${file?.replace(/\n/g, ' ')} refuses: ${message}`, () => {
      expect(sel(gt, file)).toEqual({ kind: 'refuse', message });
    });
  }

  it.each([
    ['auto', mod('1.31.0')],
    ['auto', mod('1.27.9')],
    ['go1.20.14', mod('1.18')],
  ])('GOTOOLCHAIN=%s %j: a go gomodx does not model is refused by gomodx, not guessed', (gt, file) => {
    const s = sel(gt, file);
    expect(s.kind).toBe('refuse');
    expect(s.kind === 'refuse' && s.gomodx).toBe(true);
  });

  it('says why in words', () => {
    const s = sel('auto', mod('1.27.0'));
    expect(s.kind === 'run' && s.reason).toBe('go.mod says go 1.27.0, GOTOOLCHAIN=auto: go1.27.0, downloaded');
    const l = sel('local', mod('1.22.0'));
    expect(l.kind === 'run' && l.reason).toBe('GOTOOLCHAIN=local: the local go');
  });
});

describe('goModLookup (gover.GoModLookup)', () => {
  it.each([
    ['module m\ngo 1.22\n', 'go', '1.22'],
    ['module m\n  go\t1.22 // comment\n', 'go', '1.22'],
    ['module m\ngofmt 1\ngo 1.23\n', 'go', '1.23'],
    ['module m\ntoolchain go1.27.3\r\n', 'toolchain', 'go1.27.3'],
    ['module m\n', 'go', ''],
    ['go 1.20\ngo 1.21\n', 'go', '1.20'],
  ])('%j %s -> %j', (data, key, want) => {
    expect(goModLookup(data, key)).toBe(want);
  });
});
