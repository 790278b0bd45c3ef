// Bundles the gomodx CLI into CommonJS files so that it starts fast under plain Node.
//
// out/cli/gomodx.js holds only the argument handling; each verb that run.ts loads with a dynamic
// import becomes its own bundle, out/cli/gomodx-<verb>.js, loaded only when that verb runs. Node
// compiles every byte of a script it loads, and one verb (serve) pulls in zod and the HTTP
// server: in a single bundle, `list` and `graph` paid to compile that code on every run.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';

// A fresh id per build: answers remembered by one build are never reused by another.
const buildId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

const common = {
  define: { __GOMODX_BUILD_ID__: JSON.stringify(buildId) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['electron'],
  logLevel: 'warning',
};

const chunkOf = (spec) => `./gomodx-${basename(spec).replace(/-command$/, '')}.js`;
const commands = new Set();
const splitVerbs = {
  name: 'split-verbs',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+-command$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.importer.endsWith('run.ts')) return undefined;
      commands.add(args.path);
      return { path: chunkOf(args.path), namespace: 'verb-chunk' };
    });
    // The chunk is loaded with require, not import(): Node would otherwise scan the whole chunk
    // (cjs-module-lexer) for its export names, which cost as much as compiling it.
    b.onLoad({ filter: /.*/, namespace: 'verb-chunk' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: 'out/cli',
    }));
    b.onResolve({ filter: /^\.\/gomodx-[a-z]+\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// Bundles left from an earlier layout must not be picked up by mistake.
mkdirSync('out/cli', { recursive: true });
for (const f of readdirSync('out/cli', { withFileTypes: true }).filter((e) => e.isFile())) {
  if (/^gomodx-[a-z]+\.js(\.map)?$/.test(f.name)) rmSync(`out/cli/${f.name}`);
}

await build({ ...common, entryPoints: ['src/main/cli/main.ts'], outfile: 'out/cli/gomodx.js', plugins: [splitVerbs] });
await Promise.all(
  [...commands].map((spec) =>
    build({ ...common, entryPoints: [`src/main/cli/${spec.slice(2)}.ts`], outfile: `out/cli/${chunkOf(spec).slice(2)}` }),
  ),
);
