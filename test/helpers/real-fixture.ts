// Unpacks a recorded real project (test/fixtures/real/NAME.json.gz, made by
// scripts/record-fixture.mjs) into a file:// GOPROXY tree and a project directory, so tests open
// a real-shaped graph of hundreds of modules with no network (issue 18).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { escapeModulePath, escapeModuleVersion } from './universe/module-escape';

/** REAL_FIXTURES is the folder of recorded real projects. */
export const REAL_FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'real');

/** RealFixture is the recorded form: the project's go.mod and go.sum and the proxy's files by module. */
export interface RealFixture {
  readonly format: 1;
  readonly name: string;
  /** module and version are the real module the project was made from. */
  readonly module: string;
  readonly version: string;
  readonly recordedWith: string;
  readonly goMod: string;
  readonly goSum: string;
  readonly modules: Readonly<Record<string, { readonly list?: string; readonly versions: Readonly<Record<string, { readonly mod?: string; readonly info?: string }>> }>>;
}

/** UnpackedRealProject locates an unpacked fixture. */
export interface UnpackedRealProject {
  /** projectDir holds go.mod and go.sum. */
  readonly projectDir: string;
  /** proxyDir is the GOPROXY tree; proxyUrl is its file:// URL. */
  readonly proxyDir: string;
  readonly proxyUrl: string;
  readonly fixture: RealFixture;
}

/** realFixtureFile is where the fixture called name is kept. */
export function realFixtureFile(name: string): string {
  return path.join(REAL_FIXTURES, `${name}.json.gz`);
}

/** readRealFixture reads and checks the fixture called name (or at an explicit .json.gz path). */
export function readRealFixture(nameOrFile: string): RealFixture {
  const file = nameOrFile.endsWith('.json.gz') ? nameOrFile : realFixtureFile(nameOrFile);
  if (!existsSync(file)) throw new Error(`real fixture ${file} does not exist (record it with scripts/record-fixture.mjs)`);
  const fixture = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as RealFixture;
  if (fixture.format !== 1) throw new Error(`real fixture ${file}: format ${String(fixture.format)}, this helper reads format 1`);
  return fixture;
}

/**
 * unpackRealFixture writes the fixture called name under dir: dir/proxy (escaped paths and
 * versions, as the GOPROXY protocol has them) and dir/project (go.mod, go.sum).
 */
export function unpackRealFixture(name: string, dir: string): UnpackedRealProject {
  const fixture = readRealFixture(name);
  const proxyDir = path.join(dir, 'proxy');
  const projectDir = path.join(dir, 'project');
  for (const [mod, entry] of Object.entries(fixture.modules)) {
    const vdir = path.join(proxyDir, escapeModulePath(mod), '@v');
    mkdirSync(vdir, { recursive: true });
    if (entry.list !== undefined) writeFileSync(path.join(vdir, 'list'), entry.list);
    for (const [version, files] of Object.entries(entry.versions)) {
      const base = path.join(vdir, escapeModuleVersion(version));
      if (files.mod !== undefined) writeFileSync(`${base}.mod`, files.mod);
      if (files.info !== undefined) writeFileSync(`${base}.info`, files.info);
    }
  }
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(path.join(projectDir, 'go.mod'), fixture.goMod);
  writeFileSync(path.join(projectDir, 'go.sum'), fixture.goSum);
  return { projectDir, proxyDir, proxyUrl: pathToFileURL(proxyDir).href, fixture };
}
