// `npm start [-- /path/to/project]`: builds if needed, then starts the desktop app on the built
// files, passing the project directory on (the app opens it at once). Where no Electron binary
// is installed (ELECTRON_SKIP_BINARY_DOWNLOAD), it says so and points at `gomodx serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).map((a) => (a.startsWith('-') ? a : resolve(a)));

if (!existsSync(join(root, 'out', 'main', 'index.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

let electron;
try {
  electron = createRequire(import.meta.url)('electron');
} catch {
  electron = undefined;
}
if (typeof electron !== 'string' || !existsSync(electron)) {
  process.stderr.write(
    'npm start: no Electron binary is installed here (it was skipped at install time).\n' +
      `Use the same window in a browser instead:  node bin/gomodx.js serve ${args.join(' ')}\n`,
  );
  process.exit(1);
}
const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
