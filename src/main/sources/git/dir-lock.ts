/**
 * DirLock serializes changes to one cache repository: within this process with a promise
 * chain, and between processes (the app and the CLI may share $GOMODX_CACHE) with a lock file
 * created exclusively, holding the owner's pid. A lock whose owner is gone is taken over.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';

const POLL_MS = 50;
const WAIT_MS = 10 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const locks = new Map<string, DirLock>();

/** DirLock is a mutual exclusion lock on a lock file path. */
export class DirLock {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: string) {}

  /** at returns the process's one lock for file. */
  static at(file: string): DirLock {
    let l = locks.get(file);
    if (!l) locks.set(file, (l = new DirLock(file)));
    return l;
  }

  /** run calls fn while holding the lock. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(
      () => this.withFile(fn),
      () => this.withFile(fn),
    );
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async withFile<T>(fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        const h = await open(this.file, 'wx');
        await h.writeFile(String(process.pid));
        await h.close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = Number((await readFile(this.file, 'utf8').catch(() => '')).trim());
        let stale: boolean;
        if (Number.isInteger(owner) && owner > 0) stale = !alive(owner) || owner === process.pid;
        else {
          // Just created by another process that has not written its pid yet, or left half-written.
          const age = Date.now() - ((await stat(this.file).catch(() => undefined))?.mtimeMs ?? 0);
          stale = age > 5000;
        }
        if (stale) {
          await rm(this.file, { force: true });
          continue;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${this.file} held by process ${owner}`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    try {
      return await fn();
    } finally {
      await rm(this.file, { force: true });
    }
  }
}
