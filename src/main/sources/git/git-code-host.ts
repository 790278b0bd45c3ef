/**
 * GitCodeHost is one remote Git repository seen through a bare cache repository under
 * $GOMODX_CACHE/vcs/<sha256("git3:"+url)> (the key go uses for its own cache), implementing
 * core's CodeHost port with the go command's semantics (codehost/git.go) and less traffic.
 *
 * How it reads with the least transfer and few round trips:
 * - the remote's refs come from one `git ls-remote` per process (round trip 1);
 * - questions (stat a revision, read a file at a revision) are queued and answered in batches:
 *   everything asked during one turn of the event loop is looked up in the local cache with
 *   one `git cat-file --batch` process;
 * - what is missing is fetched with one `git fetch` (round trip 2): at depth 1, for exactly the
 *   refs needed, plus every revision that go.sum says the resolve will read from this
 *   repository (the hints), so that later waves of the graph find their commits already here;
 *   when a bare hash must be found (a pseudo-version), the fetch takes the history of all
 *   branches and tags instead, as go does, which then serves every later question;
 * - a later fetch happens only for what neither the questions nor go.sum announced.
 * Files are never read with one git process each: each batch is one cat-file process.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allHex, FileNotExistError, NoCommitsError, shortenHash, UnknownRevisionError, type CodeHost, type CodeRevInfo, type HostCall, type TagRef } from '../../core/vcs/code-host';
import { compareGoStrings } from '../../core/gostrings/go-string-order';
import { compare as semverCompare } from '../../core/semver/semver';
import { GitRunError, type GitRunner } from './git-runner';
import { DirLock } from './dir-lock';

/** How a revision maps onto the remote's refs. */
interface Target {
  readonly rev: string;
  /** hash is the full commit hash when the refs tell it. */
  readonly hash?: string;
  /** ref is the remote ref to fetch it by ("refs/tags/v1.0.0", "HEAD"), if any. */
  readonly ref?: string;
  /** version is what go's statLocal records as the asked-for version. */
  readonly version: string;
  /** expr is the object name to give cat-file. */
  readonly expr: string;
  readonly error?: Error;
}

interface Job {
  readonly rev: string;
  readonly file?: string;
  resolve(v: CodeRevInfo | Uint8Array): void;
  reject(e: Error): void;
}

/** Hints are the revisions a resolve is expected to read, announced before the first fetch. */
export interface FetchHints {
  /** revs are tag names or hash prefixes (from go.sum's versions). */
  readonly revs: readonly string[];
  /**
   * history says a pseudo-version will be validated against its base tag, which needs the
   * commits between them: the one fetch then takes the history of branches and tags.
   */
  readonly history?: boolean;
}

/** GitCodeHostOptions wires a host to its runner and cache. */
export interface GitCodeHostOptions {
  readonly runner: GitRunner;
  /** remote is the repository URL (https, ssh, git; file only in tests). */
  readonly remote: string;
  /** cacheRoot is $GOMODX_CACHE/vcs. */
  readonly cacheRoot: string;
  /** hints returns the revisions a resolve will read, given the remote's tag names. */
  readonly hints?: (tagNames: readonly string[]) => FetchHints;
}

/** cacheDirFor is the cache directory of a remote: sha256 of "git3:<url>", as go names it. */
export function cacheDirFor(cacheRoot: string, remote: string): string {
  return join(cacheRoot, createHash('sha256').update(`git3:${remote}`).digest('hex'));
}

const MIN_HASH_DIGITS = 7;
const FULL_FETCH = ['refs/heads/*:refs/heads/*', 'refs/tags/*:refs/tags/*'];

/** parseCommitTime reads the committer time of a raw commit object. */
function parseCommitTime(raw: Buffer): Date | undefined {
  const text = raw.toString('latin1');
  const end = text.indexOf('\n\n');
  const header = end < 0 ? text : text.slice(0, end);
  const m = /^committer .* (\d+) [+-]\d{4}$/m.exec(header);
  return m ? new Date(Number(m[1]) * 1000) : undefined;
}

/** CatFileResult is one answer of git cat-file --batch. */
type CatFileResult = { kind: 'object'; oid: string; type: string; data: Buffer } | { kind: 'missing' } | { kind: 'ambiguous' };

/** parseCatFileBatch splits git cat-file --batch output into one result per input line. */
export function parseCatFileBatch(out: Buffer, count: number): CatFileResult[] {
  const results: CatFileResult[] = [];
  let pos = 0;
  while (results.length < count && pos < out.length) {
    const nl = out.indexOf(0x0a, pos);
    if (nl < 0) break;
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    if (header.endsWith(' missing')) {
      results.push({ kind: 'missing' });
      continue;
    }
    if (header.endsWith(' ambiguous')) {
      results.push({ kind: 'ambiguous' });
      continue;
    }
    const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
    if (!m) throw new Error(`unexpected output from git cat-file: ${JSON.stringify(header)}`);
    const size = Number(m[3]);
    results.push({ kind: 'object', oid: m[1]!, type: m[2]!, data: out.subarray(pos, pos + size) });
    pos += size + 1;
  }
  while (results.length < count) results.push({ kind: 'missing' });
  return results;
}

/** GitCodeHost implements CodeHost for one remote repository. */
export class GitCodeHost implements CodeHost {
  readonly dir: string;
  private readonly runner: GitRunner;
  private readonly lock: DirLock;
  private initDone?: Promise<Map<string, string> | undefined>;
  private refsPromise?: Promise<Map<string, string>>;
  private fetchedAll = false;
  private fetchedRefs = new Set<string>();
  private hintsUsed = false;
  private queue: Job[] = [];
  private scheduled = false;
  private readonly statMemo = new Map<string, Promise<CodeRevInfo>>();
  private readonly fileMemo = new Map<string, Promise<Uint8Array>>();
  private chain: Promise<void> = Promise.resolve();
  /** The signal of the batch being assembled (the first asker's). */
  private batchSignal?: AbortSignal;

  constructor(private readonly opts: GitCodeHostOptions) {
    this.runner = opts.runner;
    this.dir = cacheDirFor(opts.cacheRoot, opts.remote);
    this.lock = DirLock.at(this.dir + '.lock');
  }

  private git(args: readonly string[], call?: HostCall, extra: { network?: boolean; input?: string; timeoutMs?: number } = {}): Promise<Buffer> {
    return this.runner.run(this.dir, args, { gitDir: this.dir, ...(call?.signal ? { signal: call.signal } : {}), ...extra });
  }

  /**
   * init creates the bare cache repository once (git init --bare; git remote add origin -- URL).
   * As go does, a new cache asks the remote for its refs first, by URL, to learn the hash
   * format: those refs are then the process's answer (returned here, else undefined).
   */
  private init(call?: HostCall): Promise<Map<string, string> | undefined> {
    this.initDone ??= (async () => {
      await mkdir(this.opts.cacheRoot, { recursive: true });
      const key = `git3:${this.opts.remote}`;
      return this.lock.run(async () => {
        let have = '';
        try {
          have = (await readFile(this.dir + '.info', 'utf8')).replace(/\n$/, '');
        } catch {
          // no info file: start from scratch
        }
        if (have !== '' && have !== key) throw new Error(`${this.dir}.info exists with wrong content (have ${JSON.stringify(have)} want ${JSON.stringify(key)})`);
        if (have === key && existsSync(join(this.dir, 'objects'))) return undefined;
        await rm(this.dir, { recursive: true, force: true });
        await mkdir(this.dir, { recursive: true });
        await writeFile(this.dir + '.info', key);
        const refs = await this.lsRemote(this.opts.remote, call);
        const sha256 = [...refs.values()].some((h) => h.length === 64);
        try {
          await this.git(['init', '--bare', ...(sha256 ? ['--object-format=sha256'] : [])], call);
          await this.git(['remote', 'add', 'origin', '--', this.opts.remote], call);
        } catch (e) {
          await rm(this.dir, { recursive: true, force: true });
          await rm(this.dir + '.info', { force: true });
          throw e;
        }
        return refs;
      });
    })();
    this.initDone.catch(() => {
      this.initDone = undefined;
    });
    return this.initDone;
  }

  /** lsRemote runs git ls-remote on remote (the URL, or "origin") and parses its refs. */
  private async lsRemote(remote: string, call?: HostCall): Promise<Map<string, string>> {
    let out: Buffer;
    try {
      out = await this.git(['ls-remote', '-q', '--end-of-options', remote], call, { network: true });
    } catch (e) {
      if (e instanceof GitRunError && /fatal: could not read Username/.test(e.stderr)) {
        e.message += `\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.`;
      }
      throw e;
    }
    const refs = new Map<string, string>();
    for (const line of out.toString('utf8').split('\n')) {
      const f = line.split(/\s+/).filter(Boolean);
      if (f.length !== 2) continue;
      const [hash, ref] = f as [string, string];
      if (ref === 'HEAD' || ref.startsWith('refs/heads/') || ref.startsWith('refs/tags/')) refs.set(ref, hash);
    }
    for (const [ref, hash] of [...refs]) {
      if (ref.endsWith('^{}')) {
        refs.set(ref.slice(0, -3), hash);
        refs.delete(ref);
      }
    }
    return refs;
  }

  /** refs is ls-remote's answer: HEAD, branches and tags to commit hashes (tags peeled). */
  refs(call?: HostCall): Promise<Map<string, string>> {
    this.refsPromise ??= (async () => {
      const fromInit = await this.init(call);
      return fromInit ?? (await this.lsRemote('origin', call));
    })();
    this.refsPromise.catch((e: Error) => {
      if (e.name === 'AbortError') this.refsPromise = undefined;
    });
    return this.refsPromise;
  }

  async tags(prefix: string, call?: HostCall): Promise<readonly TagRef[]> {
    const refs = await this.refs(call);
    const list: TagRef[] = [];
    for (const [ref, hash] of refs) {
      if (!ref.startsWith('refs/tags/')) continue;
      const name = ref.slice('refs/tags/'.length);
      if (name.startsWith(prefix)) list.push({ name, hash });
    }
    return list.sort((a, b) => compareGoStrings(a.name, b.name));
  }

  stat(rev: string, call?: HostCall): Promise<CodeRevInfo> {
    let p = this.statMemo.get(rev);
    if (!p) {
      p = new Promise<CodeRevInfo>((resolve, reject) => this.enqueue({ rev, resolve: resolve as (v: CodeRevInfo | Uint8Array) => void, reject }, call));
      this.statMemo.set(rev, p);
      p.catch((e: Error) => {
        if (e.name === 'AbortError') this.statMemo.delete(rev);
      });
    }
    return p;
  }

  async latest(call?: HostCall): Promise<CodeRevInfo> {
    const refs = await this.refs(call);
    const head = refs.get('HEAD');
    if (!head) throw new NoCommitsError();
    return this.stat(head, call);
  }

  readFile(rev: string, file: string, call?: HostCall): Promise<Uint8Array> {
    const key = `${rev}\x00${file}`;
    let p = this.fileMemo.get(key);
    if (!p) {
      p = new Promise<Uint8Array>((resolve, reject) => this.enqueue({ rev, file, resolve: resolve as (v: CodeRevInfo | Uint8Array) => void, reject }, call));
      this.fileMemo.set(key, p);
      p.catch((e: Error) => {
        if (e.name === 'AbortError') this.fileMemo.delete(key);
      });
    }
    return p;
  }

  private enqueue(job: Job, call?: HostCall): void {
    this.queue.push(job);
    if (call?.signal) this.batchSignal ??= call.signal;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const jobs = this.queue;
      const signal = this.batchSignal;
      this.queue = [];
      this.batchSignal = undefined;
      // Batches of one repository run one after the other, so that a batch sees what the
      // previous one fetched instead of fetching it again.
      this.chain = this.chain.then(() =>
        this.runBatch(jobs, signal ? { signal } : undefined).catch((e: Error) => {
          for (const j of jobs) j.reject(e);
        }),
      );
    });
  }

  /** target maps a revision onto the remote refs as gitRepo.stat does, without fetching. */
  private target(rev: string, refs: Map<string, string>): Target {
    const isHash = rev.length >= MIN_HASH_DIGITS && rev.length <= 40 && allHex(rev);
    const tag = refs.get('refs/tags/' + rev);
    if (tag) return { rev, hash: tag, ref: 'refs/tags/' + rev, version: rev, expr: tag };
    const head = refs.get('refs/heads/' + rev);
    if (head) return { rev, hash: head, ref: 'refs/heads/' + rev, version: head, expr: head };
    if (rev === 'HEAD' && refs.get('HEAD')) {
      const h = refs.get('HEAD')!;
      return { rev, hash: h, ref: 'HEAD', version: h, expr: h };
    }
    if (isHash) {
      let hash = '';
      let ref = '';
      for (const [k, h] of refs) {
        if (!h.startsWith(rev)) continue;
        if (hash !== '' && hash !== h) return { rev, version: rev, expr: rev, error: new Error(`ambiguous revision ${rev}`) };
        if (ref === '' || compareGoStrings(k, ref) < 0) ref = k;
        hash = h;
      }
      if (hash !== '') return { rev, hash, ref, version: hash, expr: hash };
      if (rev.length === 40) return { rev, hash: rev, version: rev, expr: rev };
      return { rev, version: rev, expr: `${rev}^{commit}` };
    }
    return { rev, version: rev, expr: rev, error: new UnknownRevisionError(rev) };
  }

  /**
   * runBatch answers one batch: resolve every revision, read what is local with one cat-file,
   * fetch what is missing with one fetch, then read the rest with one more cat-file.
   */
  private async runBatch(jobs: Job[], call?: HostCall): Promise<void> {
    const refs = await this.refs(call);
    const pending: { job: Job; t: Target }[] = [];
    for (const job of jobs) {
      const t = this.target(job.rev, refs);
      if (t.error) job.reject(t.error);
      else pending.push({ job, t });
    }
    if (pending.length === 0) return;
    let missing = await this.answer(pending, refs, call);
    if (missing.length === 0) return;
    await this.fetchFor(missing.map((m) => m.t), refs, call);
    missing = await this.answer(missing, refs, call);
    // As go's second statLocal: a fetched ref that still lacks its commit is named by the ref.
    for (const { job, t } of missing) job.reject(new UnknownRevisionError(t.hash !== undefined && t.ref ? t.ref : t.rev));
  }

  /**
   * answer reads the commits (and files) of pending jobs with one cat-file --batch and settles
   * every job it can; it returns the jobs whose commit is not in the cache.
   */
  private async answer(pending: { job: Job; t: Target }[], refs: Map<string, string>, call?: HostCall): Promise<{ job: Job; t: Target }[]> {
    const lines: string[] = [];
    const index = new Map<string, number>();
    const want = (expr: string): number => {
      let i = index.get(expr);
      if (i === undefined) {
        i = lines.length;
        lines.push(expr);
        index.set(expr, i);
      }
      return i;
    };
    const plan = pending.map(({ job, t }) => ({ job, t, commit: want(t.expr), file: job.file !== undefined ? want(`${t.expr}:${job.file}`) : -1 }));
    const out = await this.git(['cat-file', '--batch'], call, { input: lines.join('\n') + '\n' });
    const results = parseCatFileBatch(out, lines.length);
    const missing: { job: Job; t: Target }[] = [];
    for (const { job, t, commit, file } of plan) {
      const c = results[commit]!;
      if (c.kind === 'ambiguous') {
        job.reject(new UnknownRevisionError(t.rev));
        continue;
      }
      if (c.kind === 'missing' || c.type !== 'commit') {
        missing.push({ job, t });
        continue;
      }
      if (job.file === undefined) {
        const time = parseCommitTime(c.data);
        if (!time) {
          job.reject(new Error(`unexpected commit object ${c.oid}`));
          continue;
        }
        job.resolve(this.revInfo(c.oid, time, t, refs));
        continue;
      }
      const f = results[file]!;
      if (f.kind === 'object' && f.type === 'blob') job.resolve(new Uint8Array(f.data));
      else job.reject(new FileNotExistError());
    }
    return missing;
  }

  private revInfo(hash: string, time: Date, t: Target, refs: Map<string, string>): CodeRevInfo {
    const tags: string[] = [];
    for (const [ref, h] of refs) if (h === hash && ref.startsWith('refs/tags/')) tags.push(ref.slice('refs/tags/'.length));
    tags.sort(compareGoStrings);
    let version = hash;
    if (hash.startsWith(t.version)) version = hash;
    else if (tags.includes(t.version)) version = t.version;
    return { name: hash, short: shortenHash(hash), version, time, tags: [...new Set(tags)] };
  }

  /**
   * fetchFor fetches what the targets need, with the revisions go.sum announced on the first
   * fetch: by ref at depth 1, or the whole history of branches and tags when a bare hash must
   * be found.
   */
  private async fetchFor(targets: Target[], refs: Map<string, string>, call?: HostCall): Promise<void> {
    if (this.fetchedAll) return;
    const want = new Set<string>();
    let full = false;
    for (const t of targets) {
      if (t.ref && t.hash) want.add(t.ref);
      else full = true;
    }
    if (!this.hintsUsed && this.opts.hints) {
      this.hintsUsed = true;
      const tagNames = [...refs.keys()].filter((k) => k.startsWith('refs/tags/')).map((k) => k.slice('refs/tags/'.length));
      const hints = this.opts.hints(tagNames);
      if (hints.history) full = true;
      for (const rev of hints.revs) {
        const t = this.target(rev, refs);
        if (t.error) continue;
        if (t.ref && t.hash) want.add(t.ref);
        else full = true;
      }
    }
    for (const r of this.fetchedRefs) want.delete(r);
    if (!full && want.size === 0) return;
    await this.lock.run(async () => {
      const shallow = existsSync(join(this.dir, 'shallow'));
      if (full) {
        const args = ['fetch', '-f', ...(shallow ? ['--unshallow'] : []), '--end-of-options', 'origin', ...FULL_FETCH];
        await this.git(args, call, { network: true });
        this.fetchedAll = true;
        return;
      }
      const refspecs = [...want].sort(compareGoStrings).map((r) => (r === 'HEAD' ? `${refs.get('HEAD')}:refs/dummy` : `${r}:${r}`));
      await this.git(['-c', 'protocol.version=2', 'fetch', '-f', '--depth=1', '--no-tags', '--end-of-options', 'origin', ...refspecs], call, { network: true });
      for (const r of want) this.fetchedRefs.add(r);
    });
  }

  /** fetchAll fetches the history of every branch and tag (go's fetchRefsLocked). */
  private async fetchAll(call?: HostCall): Promise<void> {
    if (this.fetchedAll) return;
    await this.refs(call);
    await this.lock.run(async () => {
      if (this.fetchedAll) return;
      const shallow = existsSync(join(this.dir, 'shallow'));
      await this.git(['fetch', '-f', ...(shallow ? ['--unshallow'] : []), '--end-of-options', 'origin', ...FULL_FETCH], call, { network: true });
      this.fetchedAll = true;
    });
  }

  async recentTag(rev: string, prefix: string, allowed: (tag: string) => boolean, call?: HostCall): Promise<string> {
    const info = await this.stat(rev, call);
    const describe = async (): Promise<string> => {
      const out = await this.git(['for-each-ref', '--format=%(refname)', `--merged=${info.name}`], call);
      let highest = '';
      for (const raw of out.toString('utf8').split('\n')) {
        const line = raw.trim();
        if (!line.startsWith('refs/tags/')) continue;
        const tag = line.slice('refs/tags/'.length);
        if (!tag.startsWith(prefix) || !allowed(tag)) continue;
        const semtag = tag.slice(prefix.length);
        if (semverCompare(semtag, highest) > 0) highest = semtag;
      }
      return highest === '' ? '' : prefix + highest;
    };
    let tag = await describe();
    if (tag !== '' && !allHex(tag)) return tag;
    if ((await this.tags(prefix + 'v', call)).length === 0) return '';
    // There are plausible tags, but the history to tell whether rev descends from them is missing.
    if (!this.fetchedAll) {
      await this.fetchAll(call);
      tag = await describe();
    }
    return tag;
  }

  private readonly descends = new Map<string, Promise<boolean>>();

  descendsFrom(rev: string, tag: string, call?: HostCall): Promise<boolean> {
    const key = `${rev}\x00${tag}`;
    let p = this.descends.get(key);
    if (!p) {
      p = this.loadDescendsFrom(rev, tag, call);
      this.descends.set(key, p);
      p.catch(() => this.descends.delete(key));
    }
    return p;
  }

  private async loadDescendsFrom(rev: string, tag: string, call?: HostCall): Promise<boolean> {
    const isAncestor = async (): Promise<boolean | Error> => {
      try {
        await this.git(['merge-base', '--is-ancestor', '--', tag, rev], call);
        return true;
      } catch (e) {
        if (e instanceof GitRunError && e.exitCode === 1) return false;
        return e as Error;
      }
    };
    if ((await isAncestor()) === true) return true;
    if ((await this.tags(tag, call)).length === 0) return false;
    await this.stat(rev, call);
    await this.fetchAll(call);
    const again = await isAncestor();
    if (again instanceof Error) throw again;
    return again;
  }

  /**
   * archiveZip writes `git archive --format=zip` of rev (limited to subdir) to file, with the
   * settings go uses so that every machine makes the same archive.
   */
  async archiveZip(rev: string, subdir: string, file: string, call?: HostCall): Promise<void> {
    const info = await this.stat(rev, call);
    await this.lock.run(async () => {
      const attr = '\n* -export-subst -export-ignore\n';
      const p = join(this.dir, 'info', 'attributes');
      await mkdir(join(this.dir, 'info'), { recursive: true });
      let have = '';
      try {
        have = await readFile(p, 'utf8');
      } catch {
        // none yet
      }
      if (!have.endsWith(attr)) await appendFile(p, attr);
    });
    const args = ['-c', 'core.autocrlf=input', '-c', 'core.eol=lf', 'archive', '--format=zip', '--prefix=prefix/', `--output=${file}`, '--end-of-options', info.name];
    if (subdir !== '') args.push(subdir);
    await this.git(args, call);
  }
}
