import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapePath, escapeVersion, unescapePath, unescapeVersion } from './escape';
import { canonicalVersion, ModuleError } from './module-path';

interface EscapeGolden {
  paths: [p: string, ...rest: unknown[]][];
  versionEscapes: [
    v: string,
    escaped: string | null,
    escErr: string | null,
    unescaped: string | null,
    unescErr: string | null,
    canonicalVersion: string,
  ][];
}

const golden = JSON.parse(
  readFileSync(new URL('./testdata/modpath-golden.json', import.meta.url), 'utf8'),
) as EscapeGolden;

/** Returns [value, null] or [null, error text], the shape of the golden rows. */
function outcome<T>(f: () => T): [T | null, string | null] {
  try {
    return [f(), null];
  } catch (e) {
    return [null, (e as Error).message];
  }
}

describe('escaping, hand tables', () => {
  it.each([
    ['github.com/Azure/azure-sdk-for-go', 'github.com/!azure/azure-sdk-for-go'],
    ['github.com/GoogleCloudPlatform/cloudsql-proxy', 'github.com/!google!cloud!platform/cloudsql-proxy'],
    ['github.com/Sirupsen/logrus', 'github.com/!sirupsen/logrus'],
    ['rsc.io/quote', 'rsc.io/quote'],
  ])('escapePath(%j) = %j and back', (p, escaped) => {
    expect(escapePath(p)).toBe(escaped);
    expect(unescapePath(escaped)).toBe(p);
  });

  it.each([
    ['Example.com/x', 'malformed module path "Example.com/x": invalid char \'E\' in first path element'],
    ['x.y/!z', 'malformed module path "x.y/!z": invalid char \'!\''],
  ])('escapePath(%j) throws the checkPath error', (p, err) => {
    expect(outcome(() => escapePath(p))).toEqual([null, err]);
  });

  it.each([
    ['github.com/Azure/x', 'invalid escaped module path "github.com/Azure/x"'],
    ['github.com/!!x', 'invalid escaped module path "github.com/!!x"'],
    ['github.com/x!', 'invalid escaped module path "github.com/x!"'],
    ['!github.com/x', 'invalid escaped module path "!github.com/x": malformed module path "Github.com/x": invalid char \'G\' in first path element'],
  ])('unescapePath(%j) throws %j', (p, err) => {
    expect(outcome(() => unescapePath(p))).toEqual([null, err]);
  });

  it('versions', () => {
    expect(escapeVersion('v1.0.0-Beta')).toBe('v1.0.0-!beta');
    expect(unescapeVersion('v1.0.0-!beta')).toBe('v1.0.0-Beta');
    expect(outcome(() => escapeVersion('v1.0.0-!beta'))).toEqual([null, 'version "v1.0.0-!beta" invalid: disallowed version string']);
    expect(outcome(() => escapeVersion('a/b'))).toEqual([null, 'version "a/b" invalid: disallowed version string']);
    expect(outcome(() => unescapeVersion('v1.0.0-B'))).toEqual([null, 'invalid escaped version "v1.0.0-B"']);
    expect(outcome(() => unescapeVersion('!con'))).toEqual([
      null,
      'invalid escaped version "Con": "Con" disallowed as path element component on Windows',
    ]);
  });

  it('errors are ModuleErrors', () => {
    expect(() => escapeVersion('x!')).toThrow(ModuleError);
    expect(() => unescapePath('A')).toThrow(ModuleError);
  });
});

describe('escaping against golang.org/x/mod (golden data)', () => {
  it(`agrees on EscapePath/UnescapePath for ${golden.paths.length} paths`, () => {
    const mismatches = golden.paths.filter((row) => {
      const p = row[0];
      const want = row.slice(7);
      return JSON.stringify([...outcome(() => escapePath(p)), ...outcome(() => unescapePath(p))]) !== JSON.stringify(want);
    });
    expect(mismatches).toEqual([]);
  });

  it(`agrees on EscapeVersion/UnescapeVersion/CanonicalVersion for ${golden.versionEscapes.length} versions`, () => {
    const mismatches = golden.versionEscapes.filter(
      ([v, ...want]) =>
        JSON.stringify([...outcome(() => escapeVersion(v)), ...outcome(() => unescapeVersion(v)), canonicalVersion(v)]) !==
        JSON.stringify(want),
    );
    expect(mismatches).toEqual([]);
  });
});
