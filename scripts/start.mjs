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

function electronBinary() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

let electron = electronBinary();
let installError = '';
if (!electron && existsSync(join(root, 'node_modules', 'electron', 'install.js'))) {
  // The install step may have skipped the download (ELECTRON_SKIP_BINARY_DOWNLOAD): try it now.
  process.stderr.write('npm start: fetching the Electron binary (once)...\n');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  // The installer's output is kept: where it fails, its first line says why (its stack, nothing).
  const install = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: join(root, 'node_modules', 'electron'),
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  electron = electronBinary();
  if (!electron) installError = `${install.stderr ?? ''}`.split('\n').find((l) => l.trim() !== '')?.trim() ?? (install.error?.message ?? '');
}
if (!electron) {
  process.stderr.write(
    `npm start: the Electron binary cannot be had here (${installError || 'no network to its release host'}).\n` +
      'Opening the same explorer in a browser instead (gomodx serve; Ctrl+C to stop).\n',
  );
  const serve = spawn(process.execPath, [join(root, 'bin', 'gomodx.js'), 'serve', ...args], { stdio: 'inherit' });
  serve.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
