// Writes Git repositories without running git: loose objects (blobs, trees, commits, annotated
// tags) and refs, byte for byte as git stores them. Building a universe's repositories this way
// costs no process per commit, and with fixed identities and times every hash is the same on
// every run, so a seed replays exactly.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** IDENT is the author, committer and tagger of every generated object. */
const IDENT = 'Gomodx Test <test@gomodx.invalid>';

/** SYMLINK, at the start of a file's content, makes it a symbolic link to the rest. */
export const SYMLINK = '\0symlink:';
/** EXECUTABLE, at the start of a file's content, makes it an executable file. */
export const EXECUTABLE = '\0exec:';

/** BareRepo is a bare repository being written. */
export class BareRepo {
  constructor(readonly dir: string) {
    for (const d of ['objects', 'refs/heads', 'refs/tags', 'info']) mkdirSync(path.join(dir, d), { recursive: true });
    writeFileSync(path.join(dir, 'HEAD'), 'ref: refs/heads/main\n');
    // uploadpack.allowFilter lets the tests' clients ask for partial (blobless) fetches.
    writeFileSync(
      path.join(dir, 'config'),
      '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n[uploadpack]\n\tallowFilter = true\n\tallowAnySHA1InWant = true\n',
    );
  }

  private write(type: string, body: Buffer): string {
    const raw = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
    const oid = createHash('sha1').update(raw).digest('hex');
    const file = path.join(this.dir, 'objects', oid.slice(0, 2), oid.slice(2));
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, deflateSync(raw));
    }
    return oid;
  }

  blob(data: string | Buffer): string {
    return this.write('blob', Buffer.from(data));
  }

  /** tree writes the tree of a flat file map ("dir/file.go" → content), recursively. */
  tree(files: Readonly<Record<string, string>>): string {
    const here = new Map<string, { mode: string; oid: string }>();
    const sub = new Map<string, Record<string, string>>();
    for (const [p, content] of Object.entries(files)) {
      const i = p.indexOf('/');
      if (i < 0) {
        // Content starting with SYMLINK is a symbolic link to the rest; EXECUTABLE marks mode 755.
        if (content.startsWith(SYMLINK)) here.set(p, { mode: '120000', oid: this.blob(content.slice(SYMLINK.length)) });
        else if (content.startsWith(EXECUTABLE)) here.set(p, { mode: '100755', oid: this.blob(content.slice(EXECUTABLE.length)) });
        else here.set(p, { mode: '100644', oid: this.blob(content) });
      }
      else {
        const d = p.slice(0, i);
        if (!sub.has(d)) sub.set(d, {});
        sub.get(d)![p.slice(i + 1)] = content;
      }
    }
    for (const [d, m] of sub) here.set(d, { mode: '40000', oid: this.tree(m) });
    // Git sorts entries by name, comparing a tree's name as if it ended in "/".
    const key = (name: string, mode: string): string => (mode === '40000' ? name + '/' : name);
    const entries = [...here].sort(([a, x], [b, y]) => Buffer.compare(Buffer.from(key(a, x.mode)), Buffer.from(key(b, y.mode))));
    const body = Buffer.concat(entries.map(([name, e]) => Buffer.concat([Buffer.from(`${e.mode} ${name}\0`), Buffer.from(e.oid, 'hex')])));
    return this.write('tree', body);
  }

  /** commit writes a commit of tree with the given parents at unix time t (seconds, UTC). */
  commit(tree: string, parents: readonly string[], t: number, message: string): string {
    const lines = [`tree ${tree}`, ...parents.map((p) => `parent ${p}`), `author ${IDENT} ${t} +0000`, `committer ${IDENT} ${t} +0000`, '', message, ''];
    return this.write('commit', Buffer.from(lines.join('\n')));
  }

  /** annotatedTag writes a tag object for a commit and returns its id. */
  annotatedTag(commit: string, name: string, t: number): string {
    const lines = [`object ${commit}`, 'type commit', `tag ${name}`, `tagger ${IDENT} ${t} +0000`, '', `Release ${name}`, ''];
    return this.write('tag', Buffer.from(lines.join('\n')));
  }

  ref(name: string, oid: string): void {
    const file = path.join(this.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, oid + '\n');
  }
}
