/**
 * GOAUTH as cmd/go/internal/auth runs it: a semicolon-separated list of methods, run in reverse
 * order so that the first one named wins a prefix; "netrc" ($NETRC or ~/.netrc), "git <dir>"
 * (`git credential fill` in that directory, only once a request has failed), "off", and any
 * other command, run once with no arguments before the first https request and again with the
 * URL and the failed response on its stdin after a 4xx. Credentials are kept per URL prefix and
 * a request takes the longest prefix that matches. Failures of one method are not errors: a
 * request just goes without credentials, as go's do (go prints them only with -x).
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parseGitAuth, parseUserAuth, splitQuoted, type Header } from './goauth-output';
import { parseNetrc } from './netrc';

type Env = Readonly<Record<string, string | undefined>>;

/** FailedResponse is what a GOAUTH command reads on stdin after a 4xx: status line and headers. */
export interface FailedResponse {
  readonly status: string;
  readonly headers: readonly Header[];
}

/** GoAuthFatal is a GOAUTH setting go refuses outright (base.Fatalf); the request cannot go on. */
export class GoAuthFatal extends Error {}

/** AuthRunner runs a command with stdin and returns its stdout (tests replace it). */
export type AuthRunner = (argv: readonly string[], opts: { cwd?: string; stdin: string; env: Env; combined?: boolean }) => Promise<string>;

const COMMAND_TIME_LIMIT_MS = 60_000;

const runCommand: AuthRunner = (argv, opts) =>
  new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      env: opts.env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: COMMAND_TIME_LIMIT_MS,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (opts.combined ? (out += b.toString('utf8')) : (err += b.toString('utf8'))));
    child.on('error', (e) => reject(new Error(`could not run command ${argv.join(' ')}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`could not run command ${argv.join(' ')}: exit status ${code}\n${err}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin);
  });

function basic(user: string, password: string): Header[] {
  return [['Authorization', 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64')]];
}

function trimPrefix(p: string): string {
  return p.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/** GoAuth holds one process's credentials, as go's credentialCache does. */
export class GoAuth {
  private readonly cache = new Map<string, Header[]>();
  private first: Promise<void> | undefined;
  private readonly setting: string;

  constructor(
    private readonly env: Env,
    private readonly run: AuthRunner = runCommand,
  ) {
    this.setting = env.GOAUTH || 'netrc';
  }

  /**
   * headersFor is auth.AddCredentials: the headers for an https URL. With failed, the request
   * got a 4xx and every method is asked again about this URL first.
   */
  async headersFor(url: string, failed?: FailedResponse): Promise<Header[] | undefined> {
    if (this.setting === 'off') return undefined;
    this.first ??= this.runAll(undefined, '');
    await this.first;
    if (failed) await this.runAll(failed, url);
    return this.lookup(url);
  }

  private lookup(url: string): Header[] | undefined {
    let prefix = trimPrefix(url);
    for (;;) {
      const h = this.cache.get(prefix);
      if (h) return h;
      const slash = prefix.lastIndexOf('/');
      if (slash < 0) return undefined;
      prefix = prefix.slice(0, slash);
    }
  }

  private store(prefix: string, headers: Header[]): void {
    const key = trimPrefix(prefix);
    if (headers.length === 0) this.cache.delete(key);
    else this.cache.set(key, headers);
  }

  private async runAll(failed: FailedResponse | undefined, url: string): Promise<void> {
    const methods = this.setting.split(';').reverse();
    for (const raw of methods) {
      const command = raw.trim();
      const words = command.split(/[ \t\n\r\v\f]+/).filter(Boolean);
      if (words.length === 0) throw new GoAuthFatal(`GOAUTH encountered an empty command (GOAUTH=${this.setting})`);
      switch (words[0]) {
        case 'off':
          if (methods.length !== 1) throw new GoAuthFatal(`GOAUTH=off cannot be combined with other authentication commands (GOAUTH=${this.setting})`);
          return;
        case 'netrc':
          this.readNetrc();
          break;
        case 'git':
          await this.gitCredential(words, url);
          break;
        default:
          await this.userCommand(command, url, failed);
      }
    }
  }

  private readNetrc(): void {
    let data: string;
    try {
      data = readFileSync(this.env.NETRC || join(this.env.HOME || homedir(), '.netrc'), 'utf8');
    } catch {
      return;
    }
    const lines = parseNetrc(data);
    // Later lines first, so that the first entry of a machine is the one kept.
    for (let i = lines.length - 1; i >= 0; i--) this.store(lines[i]!.machine, basic(lines[i]!.login, lines[i]!.password));
  }

  private async gitCredential(words: string[], url: string): Promise<void> {
    const needs = 'GOAUTH=git dir method requires an absolute path to the git working directory';
    if (words.length !== 2) throw new GoAuthFatal(needs);
    const dir = words[1]!;
    if (!isAbsolute(dir)) throw new GoAuthFatal(`${needs}, dir is not absolute`);
    let isDir: boolean;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (e) {
      throw new GoAuthFatal(`GOAUTH=git encountered an error; cannot stat ${dir}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    if (!isDir) throw new GoAuthFatal(`${needs}, dir is not a directory`);
    // git credential cannot list what it has: it is asked only about a URL that failed.
    if (url === '') return;
    let out: string;
    try {
      out = await this.run(['git', 'credential', 'fill'], { cwd: dir, stdin: `url=${url}\n`, env: { ...this.env, GIT_TERMINAL_PROMPT: '0' }, combined: true });
    } catch {
      return;
    }
    const cred = parseGitAuth(out);
    if (cred.prefix === '' || !url.startsWith(cred.prefix)) return;
    this.store(cred.prefix, basic(cred.username, cred.password));
  }

  private async userCommand(command: string, url: string, failed: FailedResponse | undefined): Promise<void> {
    let argv: string[];
    try {
      argv = splitQuoted(command);
    } catch {
      return;
    }
    if (url !== '') argv.push(url);
    const stdin = failed ? `HTTP/1.1 ${failed.status}\n${failed.headers.map(([k, v]) => `${k}: ${v}\n`).join('')}\n` : '';
    let out: string;
    try {
      out = await this.run(argv, { stdin, env: this.env });
    } catch {
      return;
    }
    let creds: Map<string, Header[]>;
    try {
      creds = parseUserAuth(out);
    } catch {
      return;
    }
    for (const [prefix, headers] of creds) this.store(prefix, headers);
  }
}
