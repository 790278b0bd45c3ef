// The scripts' reader of recorded real projects (test/fixtures/real/NAME.json.gz, made by
// scripts/record-fixture.mjs); test/helpers/real-fixture.ts is the typed one the tests use.
// Kept apart because scripts run as plain Node modules, without the tests' TypeScript loader.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT, escapeModulePath } from './real-world.mjs';

/** realFixtureFile is where the recorded project name is kept. */
export function realFixtureFile(name) {
  return join(ROOT, 'test', 'fixtures', 'real', `${name}.json.gz`);
}

/**
 * unpackRealFixture writes the recorded project name under dir: dir/proxy, a GOPROXY tree
 * (paths and versions case-escaped), and dir/project with go.mod and go.sum.
 */
export function unpackRealFixture(name, dir) {
  const file = realFixtureFile(name);
  if (!existsSync(file)) throw new Error(`no recorded project ${name}: ${file} does not exist (record it with scripts/record-fixture.mjs)`);
  const fixture = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  if (fixture.format !== 1) throw new Error(`${file}: format ${fixture.format}, this reader knows format 1`);
  const proxyDir = join(dir, 'proxy');
  const projectDir = join(dir, 'project');
  for (const [mod, entry] of Object.entries(fixture.modules)) {
    const vdir = join(proxyDir, escapeModulePath(mod), '@v');
    mkdirSync(vdir, { recursive: true });
    if (entry.list !== undefined) writeFileSync(join(vdir, 'list'), entry.list);
    for (const [version, files] of Object.entries(entry.versions)) {
      // Versions are case-escaped by the same rule as paths.
      const base = join(vdir, escapeModulePath(version));
      if (files.mod !== undefined) writeFileSync(`${base}.mod`, files.mod);
      if (files.info !== undefined) writeFileSync(`${base}.info`, files.info);
    }
  }
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(join(projectDir, 'go.mod'), fixture.goMod);
  writeFileSync(join(projectDir, 'go.sum'), fixture.goSum);
  return { projectDir, proxyDir, fixture };
}
