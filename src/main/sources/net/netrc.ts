/**
 * The .netrc file as go's auth package reads it (GOAUTH=netrc, the default; goauth.ts runs it).
 */
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
