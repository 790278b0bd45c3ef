/**
 * The recent projects list, kept as a small JSON file (Electron's userData, or the user config
 * directory for `gomodx serve`). A damaged file reads as an empty list: it is a convenience.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecentProjectDto } from '../../shared/ipc/contract';

/** MAX_RECENT is how many projects the list keeps. */
export const MAX_RECENT = 10;

/** RecentProjects reads and updates the list in one file. */
export class RecentProjects {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** list returns the projects, newest first. */
  list(): RecentProjectDto[] {
    try {
      const data: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!Array.isArray(data)) return [];
      return data
        .filter((e): e is RecentProjectDto => typeof e?.dir === 'string' && typeof e?.name === 'string' && typeof e?.openedAt === 'string')
        .slice(0, MAX_RECENT);
    } catch {
      return [];
    }
  }

  /** add records dir as just opened (moving it to the front). */
  add(dir: string, name: string): RecentProjectDto[] {
    const list = [{ dir, name, openedAt: this.now().toISOString() }, ...this.list().filter((e) => e.dir !== dir)].slice(0, MAX_RECENT);
    this.write(list);
    return list;
  }

  /** remove drops dir from the list. */
  remove(dir: string): RecentProjectDto[] {
    const list = this.list().filter((e) => e.dir !== dir);
    this.write(list);
    return list;
  }

  private write(list: readonly RecentProjectDto[]): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(list, null, 2) + '\n');
      renameSync(tmp, this.file);
    } catch {
      // Not being able to remember recent projects must not stop anything.
    }
  }
}
