/**
 * Package sources: the adapters that fetch module data (module cache, GOPROXY, our own
 * download cache) and read the go command's configuration. They implement core's ports.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** GoEnv is the configuration the go command would use, read as it reads it. */
export interface GoEnv {
  readonly GOPROXY: string;
  readonly GOPATH: string;
  readonly GOMODCACHE: string;
  readonly GOFLAGS: string;
  readonly GOPRIVATE: string;
  readonly GONOPROXY: string;
  readonly GONOSUMDB: string;
  readonly GOSUMDB: string;
  readonly GOINSECURE: string;
  readonly GOWORK: string;
  readonly GOENV: string;
  readonly GOTOOLCHAIN: string;
  /** Where GOTOOLCHAIN came from: "environment", "go env file", "GOROOT/go.env" or "default". */
  readonly gotoolchainFrom: string;
  readonly GOVCS: string;
  /** Where gomodx keeps what it downloads (never the go command's module cache). */
  readonly GOMODX_CACHE: string;
  /** The -mod flag taken from GOFLAGS, if any. */
  readonly modFlag?: string;
  /**
   * The whole environment the configuration was read from: direct mode runs git with it (the
   * user's credential helpers, url.insteadOf, SSH settings and GIT_* variables apply).
   */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
}

type Env = Readonly<Record<string, string | undefined>>;

function userConfigDir(env: Env): string {
  if (env.XDG_CONFIG_HOME) return env.XDG_CONFIG_HOME;
  return join(env.HOME || homedir(), '.config');
}

function userCacheDir(env: Env): string {
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  return join(env.HOME || homedir(), '.cache');
}

/** parseGoEnvFile reads the KEY=VALUE lines of a go env file (cfg.readConfig). */
export function parseGoEnvFile(data: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of data.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return out;
}

function readFileOrEmpty(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

/** flagValue finds -name=value (or --name=value) in GOFLAGS, as the go command parses it. */
function flagValue(goflags: string, name: string): string | undefined {
  let found: string | undefined;
  for (const f of goflags.split(/\s+/).filter(Boolean)) {
    const m = /^--?([^=]+)=(.*)$/.exec(f);
    if (m && m[1] === name) found = m[2];
  }
  return found;
}

/**
 * readGoEnv returns the configuration for env: the environment first, then the go env file
 * ($GOENV, default <config dir>/go/env; "off" disables it), then GOROOT/go.env, then go's
 * built-in defaults.
 */
export function readGoEnv(env: Env, goroot?: string): GoEnv {
  const goenvPath = env.GOENV ?? join(userConfigDir(env), 'go', 'env');
  const file = goenvPath === 'off' || goenvPath === '' ? new Map<string, string>() : parseGoEnvFile(readFileOrEmpty(goenvPath));
  const rootDefaults = goroot ? parseGoEnvFile(readFileOrEmpty(join(goroot, 'go.env'))) : new Map<string, string>();
  const get = (key: string, dflt: string): string => {
    const v = env[key];
    if (v !== undefined && v !== '') return v;
    const f = file.get(key);
    if (f !== undefined && f !== '') return f;
    const r = rootDefaults.get(key);
    if (r !== undefined && r !== '') return r;
    return dflt;
  };
  const from = (key: string): string => {
    if (env[key] !== undefined && env[key] !== '') return 'environment';
    if (file.get(key)) return 'go env file';
    if (rootDefaults.get(key)) return 'GOROOT/go.env';
    return 'default';
  };
  const home = env.HOME || homedir();
  const gopath = get('GOPATH', join(home, 'go'));
  const firstGopath = gopath.split(':').filter(Boolean)[0] ?? join(home, 'go');
  const goprivate = get('GOPRIVATE', '');
  const goflags = get('GOFLAGS', '');
  return {
    GOPROXY: get('GOPROXY', 'https://proxy.golang.org,direct'),
    GOPATH: gopath,
    GOMODCACHE: get('GOMODCACHE', join(firstGopath, 'pkg', 'mod')),
    GOFLAGS: goflags,
    GOPRIVATE: goprivate,
    GONOPROXY: get('GONOPROXY', goprivate),
    GONOSUMDB: get('GONOSUMDB', goprivate),
    GOSUMDB: get('GOSUMDB', 'sum.golang.org'),
    GOINSECURE: get('GOINSECURE', ''),
    GOWORK: get('GOWORK', ''),
    GOENV: goenvPath,
    GOTOOLCHAIN: get('GOTOOLCHAIN', 'auto'),
    gotoolchainFrom: from('GOTOOLCHAIN'),
    GOVCS: get('GOVCS', ''),
    GOMODX_CACHE: env.GOMODX_CACHE || join(userCacheDir(env), 'gomodx'),
    modFlag: flagValue(goflags, 'mod'),
    processEnv: env,
  };
}
