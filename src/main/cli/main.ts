/** Process entry of the gomodx CLI (bundled into out/cli/gomodx.js). */
import { setMaxListeners } from 'node:events';
import { runCli } from './run';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort(new Error('canceled')));
// Every proxy request (16 at a time, more while retrying) listens on this one signal; without
// this, Node prints a MaxListenersExceededWarning to stderr, which the go command never prints.
setMaxListeners(0, controller.signal);

// Writes are buffered into a few large chunks: a 1,000-module graph is tens of thousands of lines.
const out: string[] = [];
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (s) => out.push(s),
  stderr: (s) => process.stderr.write(s),
  signal: controller.signal,
}).then(
  (code) => {
    process.stdout.write(out.join(''), () => process.exit(code));
  },
  (e) => {
    process.stderr.write(`gomodx: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(3);
  },
);
