/** Process entry of the gomodx CLI (bundled into out/cli/gomodx.js). */
import { setMaxListeners } from 'node:events';
import { runCli } from './run';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort(new Error('canceled')));
// Every proxy request (16 at a time, more while retrying) listens on this one signal; without
// this, Node prints a MaxListenersExceededWarning to stderr, which the go command never prints.
setMaxListeners(0, controller.signal);

/**
 * written resolves once everything written to stream so far has been handed to the system. A
 * pipe takes 64 KiB before writes queue up in the process; exiting before they drain would cut
 * the output there, so the CLI exits only after both streams report done.
 */
function written(stream: NodeJS.WriteStream, text = ''): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text, () => resolve());
  });
}

async function exitAfterFlush(code: number, stdout: string): Promise<never> {
  await Promise.all([written(process.stdout, stdout), written(process.stderr)]);
  process.exit(code);
}

// Writes are buffered into a few large chunks: a 1,000-module graph is tens of thousands of lines.
const out: string[] = [];
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (s) => out.push(s),
  stderr: (s) => process.stderr.write(s),
  signal: controller.signal,
}).then(
  (code) => exitAfterFlush(code, out.join('')),
  (e) => {
    process.stderr.write(`gomodx: internal error: ${(e as Error).stack ?? e}\n`);
    return exitAfterFlush(3, '');
  },
);
