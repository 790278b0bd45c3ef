/**
 * Package git: reading modules straight from Git repositories (direct mode). This file is the
 * one place that runs git, through simple-git, with these rules:
 * - the user's environment reaches git (credential helpers, url.insteadOf, SSH settings), and
 *   no prompt can ever block: GIT_TERMINAL_PROMPT=0, GCM_INTERACTIVE=never, GIT_ASKPASS and
 *   SSH_ASKPASS empty (as the go command sets them, plus the askpass programs);
 * - simple-git's unsafe-argument guards stay on; every argument that comes from outside (a
 *   ref name, a URL, a path) is checked by the caller and placed after --end-of-options or --;
 * - every call has a timeout (no output for timeoutMs kills it) and honours an AbortSignal;
 * - a failure becomes a GitRunError whose text is the go command's RunError text:
 *   "git <args> in <dir>: exit status N:\n\t<stderr>".
 */
import { simpleGit, type SimpleGitOptions } from 'simple-git';
import { Semaphore } from '../semaphore';

/**
 * At most this many git processes run at once in this process: a resolve touching a hundred
 * repositories must not start a hundred fetches together (go bounds its network use too).
 */
const PROCESSES = new Semaphore(8);

/** GitCall describes one git process, for counters and progress. */
export interface GitCall {
  /** dir is the repository (or working directory) the command ran in. */
  readonly dir: string;
  /** args are the git arguments (without "git"). */
  readonly args: readonly string[];
  /** network is true for commands that talk to a remote (ls-remote, fetch). */
  readonly network: boolean;
}

const observers = new Set<(call: GitCall) => void>();

/**
 * observeGitCalls registers fn to see every git process any runner in this process starts (the
 * tests count processes and network round trips per repository); it returns the unregister.
 */
export function observeGitCalls(fn: (call: GitCall) => void): () => void {
  observers.add(fn);
  return () => observers.delete(fn);
}

/** GitRunError is a failed git command, worded as the go command's codehost.RunError. */
export class GitRunError extends Error {
  constructor(
    readonly cmdline: string,
    readonly dir: string,
    readonly exitCode: number,
    readonly stderr: string,
    readonly reason: string,
  ) {
    const trimmed = stderr.replace(/\n+$/, '');
    super(`${cmdline} in ${dir}: ${reason}${trimmed ? ':\n\t' + trimmed.split('\n').join('\n\t') : ''}`);
    this.name = 'GitRunError';
  }
}

/** GitRunnerOptions configures every git process. */
export interface GitRunnerOptions {
  /** env is the user's environment (the process environment, or the CLI's). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** timeoutMs kills a command that prints nothing for that long (default 120 s). */
  readonly timeoutMs?: number;
  /** onCall observes every git process started. */
  readonly onCall?: (call: GitCall) => void;
}

/** RunOptions are the per-call settings. */
export interface RunOptions {
  readonly signal?: AbortSignal;
  /** gitDir sets GIT_DIR (bare repositories, as go does: safe.bareRepository=explicit). */
  readonly gitDir?: string;
  /** input is written to the command's standard input. */
  readonly input?: string | Buffer;
  readonly network?: boolean;
  /** timeoutMs overrides the runner's timeout for this call. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** The environment variables that keep git from ever asking anyone anything. */
const NO_PROMPT: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
};

function isGuardedKey(k: string): boolean {
  const l = k.toLowerCase();
  return l.startsWith('git_') || ['editor', 'pager', 'ssh_askpass', 'prefix', 'gcm_interactive', 'visual'].includes(l);
}

/** Variables for programs our commands never start (editors, pagers, diff tools): dropped. */
const IRRELEVANT = new Set(['editor', 'visual', 'pager', 'prefix', 'git_editor', 'git_sequence_editor', 'git_pager', 'git_external_diff', 'git_template_dir']);

/**
 * The simple-git guards that variables of the user's environment would trip, by variable. They
 * are relaxed only for variables that are actually set — the user's own configuration, which
 * git would read anyway — never for anything that comes from a module path, tag or page: our
 * arguments carry none of these settings.
 */
const USER_ENV_GUARDS: Readonly<Record<string, string>> = {
  git_config_global: 'allowUnsafeConfigPaths',
  git_config_system: 'allowUnsafeConfigPaths',
  git_config: 'allowUnsafeConfigPaths',
  git_config_count: 'allowUnsafeConfigEnvCount',
  git_config_parameters: 'allowUnsafeConfigEnvCount',
  git_exec_path: 'allowUnsafeExec',
  git_proxy_command: 'allowUnsafeGitProxy',
  git_ssh: 'allowUnsafeSshCommand',
  git_ssh_command: 'allowUnsafeSshCommand',
  git_askpass: 'allowUnsafeAskPass',
  ssh_askpass: 'allowUnsafeAskPass',
};

/** GitRunner runs git commands through simple-git. */
export class GitRunner {
  private readonly env: Record<string, string>;
  private readonly allowed: string[];
  private readonly unsafe: Record<string, boolean>;

  constructor(private readonly opts: GitRunnerOptions) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) env[k] = v;
    // An explicit GIT_TERMINAL_PROMPT=1 is the user's choice, as for the go command.
    const prompt = env.GIT_TERMINAL_PROMPT;
    Object.assign(env, NO_PROMPT);
    if (prompt === '1') env.GIT_TERMINAL_PROMPT = '1';
    // Variables that would point git at another repository must not leak in from outside.
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_CEILING_DIRECTORIES', 'GIT_COMMON_DIR']) delete env[k];
    for (const k of Object.keys(env)) if (IRRELEVANT.has(k.toLowerCase())) delete env[k];
    this.unsafe = {};
    for (const k of Object.keys(env)) {
      const guard = USER_ENV_GUARDS[k.toLowerCase()];
      if (guard) this.unsafe[guard] = true;
    }
    this.env = env;
    // simple-git strips git variables it was not told about; the ones set here are deliberate.
    this.allowed = [...Object.keys(env).filter(isGuardedKey), 'GIT_DIR'];
  }

  /** run runs git args in dir and returns its standard output as bytes. */
  run(dir: string, args: readonly string[], opts: RunOptions = {}): Promise<Buffer> {
    return PROCESSES.run(() => this.runNow(dir, args, opts));
  }

  private async runNow(dir: string, args: readonly string[], opts: RunOptions): Promise<Buffer> {
    opts.signal?.throwIfAborted();
    const call: GitCall = { dir, args, network: !!opts.network };
    this.opts.onCall?.(call);
    for (const o of observers) o(call);
    // GOMODX_GIT_TRACE=1 shows each git command on stderr, as go's -x does.
    if (this.opts.env.GOMODX_GIT_TRACE === '1') process.stderr.write(`cd ${dir}; git ${args.join(' ')}\n`);
    const env = opts.gitDir ? { ...this.env, GIT_DIR: opts.gitDir } : this.env;
    let failure: GitRunError | undefined;
    const cmdline = ['git', ...args].join(' ');
    const options: Partial<SimpleGitOptions> = {
      baseDir: dir,
      maxConcurrentProcesses: 8,
      timeout: { block: opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      allowEnvironment: this.allowed,
      unsafe: this.unsafe,
      errors: (error, result) => {
        if (result.exitCode !== 0 || error) {
          const stderr = Buffer.concat(result.stdErr).toString('utf8');
          const msg = error instanceof Error ? error.message : '';
          const reason =
            result.exitCode > 0 ? `exit status ${result.exitCode}` : /block timeout reached/.test(msg) ? 'signal: killed (no output within the time limit)' : msg !== '' ? msg : 'signal: killed';
          failure = new GitRunError(cmdline, dir, result.exitCode, stderr, reason);
          return failure;
        }
        return undefined;
      },
      ...(opts.signal ? { abort: opts.signal } : {}),
      ...(opts.input !== undefined ? { input: () => opts.input } : {}),
    };
    const git = simpleGit(options).env(env);
    try {
      // cat-file is the one simple-git task that returns raw bytes; the rest are read as bytes too.
      if (args[0] === 'cat-file') return (await git.binaryCatFile([...args.slice(1)])) as unknown as Buffer;
      return Buffer.from(await git.raw([...args]), 'utf8');
    } catch (e) {
      opts.signal?.throwIfAborted();
      if (failure) throw failure;
      const msg = (e as Error).message;
      if (/block timeout reached/.test(msg)) throw new GitRunError(cmdline, dir, -1, '', 'signal: killed (no output within the time limit)');
      throw new GitRunError(cmdline, dir, -1, '', msg);
    }
  }
}
