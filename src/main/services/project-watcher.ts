/**
 * Watches an open project's go.mod, go.sum and go.work (and go.work.sum) and reports changes,
 * debounced, so that editors that write a file in several steps cause one reload.
 */
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** WATCHED_FILES are the file names whose change makes the graph stale. */
export const WATCHED_FILES: readonly string[] = ['go.mod', 'go.sum', 'go.work', 'go.work.sum'];

/** ProjectWatcher watches the directories of one project until closed. */
export class ProjectWatcher {
  private readonly watchers: FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFile = '';
  /** Files the app wrote itself, with what it wrote: their change is no news. */
  private readonly ownWrites = new Map<string, string | undefined>();

  /**
   * watch starts watching dirs (the project directory and, in a workspace, the go.work one);
   * onChange gets the path of the file that changed last, debounceMs after the last change.
   */
  constructor(dirs: readonly string[], onChange: (file: string) => void, debounceMs = 300) {
    for (const dir of new Set(dirs)) {
      try {
        const w = watch(dir, { persistent: false }, (_event, name) => {
          const file = name ? basename(name.toString()) : '';
          if (!WATCHED_FILES.includes(file)) return;
          const path = join(dir, file);
          if (this.isOwnWrite(path)) return;
          this.lastFile = path;
          clearTimeout(this.timer);
          this.timer = setTimeout(() => onChange(this.lastFile), debounceMs);
        });
        w.on('error', () => undefined);
        this.watchers.push(w);
      } catch {
        // A directory we cannot watch only loses automatic reload.
      }
    }
  }

  /**
   * expectOwnWrite says that the app itself is about to leave file with text (undefined: removed),
   * so that change is not reported; any other change to it still is.
   */
  expectOwnWrite(file: string, text: string | undefined): void {
    this.ownWrites.set(file, text);
  }

  private isOwnWrite(file: string): boolean {
    if (!this.ownWrites.has(file)) return false;
    let now: string | undefined;
    try {
      now = readFileSync(file, 'utf8');
    } catch {
      now = undefined;
    }
    if (now === this.ownWrites.get(file)) return true;
    this.ownWrites.delete(file);
    return false;
  }

  /** close stops watching. */
  close(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers.splice(0)) w.close();
  }
}

/** watchedDirs returns the directories to watch for a project: its dir, and its go.work's dir. */
export function watchedDirs(dir: string, workFile?: string): string[] {
  return workFile ? [dir, dirname(workFile)] : [dir];
}
