// Bundles the gomodx CLI into one CommonJS file so that it starts fast under plain Node.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main/cli/main.ts'],
  outfile: 'out/cli/gomodx.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['electron'],
  logLevel: 'warning',
});
