/**
 * Credentials from GOAUTH, as the go command finds them: GOAUTH=netrc (the default) reads
 * $NETRC, else ~/.netrc, and a request to https://host/path gets the credentials of the
 * longest "host/path" prefix a machine line names. GOAUTH=off sends none. The go command's
 * other GOAUTH methods ("git dir", commands) are not supported and send nothing.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { goFields } from '../../core/gostrings/go-space';

/** NetrcLine is one complete machine entry. */
export interface NetrcLine {
  readonly machine: string;
  readonly login: string;
  readonly password: string;
}

/** parseNetrc reads machine/login/password entries up to a default entry; macros are skipped. */
export function parseNetrc(data: string): NetrcLine[] {
  const out: NetrcLine[] = [];
  let cur = { machine: '', login: '', password: '' };
  let inMacro = false;
  for (const line of data.split('\n')) {
    if (inMacro) {
      if (line === '') inMacro = false;
      continue;
    }
    const f = goFields(line);
    let i = 0;
    for (; i < f.length - 1; i += 2) {
      switch (f[i]) {
        case 'machine':
          cur = { machine: f[i + 1], login: '', password: '' };
          break;
        case 'login':
          cur.login = f[i + 1];
          break;
        case 'password':
          cur.password = f[i + 1];
          break;
        case 'macdef':
          inMacro = true;
          break;
      }
      if (cur.machine !== '' && cur.login !== '' && cur.password !== '') {
        out.push(cur);
        cur = { machine: '', login: '', password: '' };
      }
    }
    if (i < f.length && f[i] === 'default') break;
  }
  return out;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Credentials maps "host[:port][/path]" prefixes to an Authorization header value. */
export type Credentials = ReadonlyMap<string, string>;

/** loadCredentials reads the credentials GOAUTH names (the first netrc entry of a machine wins). */
export function loadCredentials(env: Env): Credentials {
  const goauth = (env.GOAUTH ?? '').trim() || 'netrc';
  const out = new Map<string, string>();
  const methods = goauth.split(';').map((s) => s.trim());
  if (!methods.includes('netrc')) return out;
  const path = env.NETRC || join(env.HOME || homedir(), '.netrc');
  let data: string;
  try {
    data = readFileSync(path, 'utf8');
  } catch {
    return out;
  }
  const lines = parseNetrc(data);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i];
    const prefix = l.machine.replace(/^https:\/\//, '').replace(/\/$/, '');
    out.set(prefix, 'Basic ' + Buffer.from(`${l.login}:${l.password}`).toString('base64'));
  }
  return out;
}

/** credentialFor finds the Authorization value for an https URL: the longest matching prefix. */
export function credentialFor(creds: Credentials, url: string): string | undefined {
  let prefix = url.replace(/^https:\/\//, '').replace(/\/$/, '');
  for (;;) {
    const v = creds.get(prefix);
    if (v !== undefined) return v;
    const slash = prefix.lastIndexOf('/');
    if (slash < 0) return undefined;
    prefix = prefix.slice(0, slash);
  }
}
