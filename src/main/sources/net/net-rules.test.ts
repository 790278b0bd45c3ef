import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRevInfo, goJsonSyntaxError } from '../../core/gojson/go-json';
import { errorDetail, httpErrorText } from './error-detail';
import { GoAuth, type AuthRunner } from './goauth';
import { parseGitAuth, parseUserAuth, splitQuoted } from './goauth-output';
import { parseNetrc } from './netrc';
import { proxyFor, readProxyConfig, useProxy } from './proxy-env';
import { redactUrl, stripPassword } from './redact';

describe('redaction as go prints URLs', () => {
  it.each([
    ['https://alice:s3cret@host/p', 'https://alice:xxxxx@host/p', 'https://alice:***@host/p'],
    ['https://token@host/p', 'https://token@host/p', 'https://token@host/p'],
    ['https://host/p@v1', 'https://host/p@v1', 'https://host/p@v1'],
  ])('%s', (url, redacted, stripped) => {
    expect(redactUrl(url)).toBe(redacted);
    expect(stripPassword(url)).toBe(stripped);
  });
});

describe('server text shown as go shows it', () => {
  const b = (s: string): Buffer => Buffer.from(s, 'utf8');
  it('shows plain UTF-8 text, one line inline, several indented', () => {
    expect(errorDetail('text/plain', b('nope\n'))).toBe('nope');
    expect(httpErrorText('https://h/x', '403 Forbidden', 'nope')).toBe('reading https://h/x: 403 Forbidden\n\tserver response: nope');
    expect(httpErrorText('https://h/x', '403 Forbidden', 'a\n\tb')).toBe('reading https://h/x: 403 Forbidden\n\tserver response:\n\ta\n\tb');
    expect(errorDetail('text/plain; charset=UTF-8', b('a\nb\n\nc'))).toBe('a\n\tb');
  });
  it('shows nothing for HTML, other charsets, escapes or invalid UTF-8', () => {
    expect(errorDetail('text/html', b('<h1>x</h1>'))).toBe('');
    expect(errorDetail('text/plain; charset=iso-8859-1', b('x'))).toBe('');
    expect(errorDetail('text/plain', b('x\x1b[2Jy'))).toBe('');
    expect(errorDetail('text/plain', Buffer.from([0x61, 0xff]))).toBe('');
  });
  it('truncates at 8 lines and 648 bytes', () => {
    expect(errorDetail('text/plain', b(Array.from({ length: 10 }, (_, i) => `l${i}`).join('\n')))).toBe('l0\n\tl1\n\tl2\n\tl3\n\tl4\n\tl5\n\tl6\n\tl7\n\t[Truncated: too many lines.]');
    expect(errorDetail('text/plain', b('x'.repeat(700)))).toBe('[Truncated: too long.]');
  });
});

describe('proxy selection as Go reads the environment', () => {
  it('prefers upper case, skips loopback, obeys NO_PROXY', () => {
    const cfg = readProxyConfig({ HTTPS_PROXY: 'http://up:1', https_proxy: 'http://low:1', NO_PROXY: 'corp.example,.internal,10.0.0.0/8,h:8443' });
    expect(proxyFor(cfg, new URL('https://proxy.golang.org/'))?.href).toBe('http://up:1/');
    expect(proxyFor(cfg, new URL('https://127.0.0.1:8443/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://localhost/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://a.corp.example/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://corp.example/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://x.internal/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://10.1.2.3/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://h:8443/'))).toBeUndefined();
    expect(proxyFor(cfg, new URL('https://h/'))?.host).toBe('up:1');
    expect(proxyFor(cfg, new URL('http://proxy.golang.org/'))).toBeUndefined();
    expect(proxyFor(readProxyConfig({ HTTP_PROXY: 'p:3128' }), new URL('http://a/'))?.href).toBe('http://p:3128/');
    expect(useProxy('*', 'a', '443')).toBe(false);
  });
});

describe('netrc as go reads it', () => {
  it('keeps complete entries up to default', () => {
    const lines = parseNetrc('machine a.example login u password p\nmachine b login x\ndefault\nlogin d password d\nmachine c login c password c\n');
    expect(lines).toEqual([{ machine: 'a.example', login: 'u', password: 'p' }]);
  });
});

describe('GOAUTH as cmd/go/internal/auth runs it', () => {
  const b64 = (s: string): string => 'Basic ' + Buffer.from(s).toString('base64');

  it('reads command output: URL lines, a blank line, headers, a blank line', () => {
    const creds = parseUserAuth('https://a.example\nhttps://b.example/api/\n\nAuthorization: Bearer t1\nX-Team: core\n\nhttps://c.example\n\nAuthorization: Bearer t2\n\n');
    expect([...creds.keys()]).toEqual(['a.example', 'b.example/api/', 'c.example']);
    expect(creds.get('b.example/api/')).toEqual([
      ['Authorization', 'Bearer t1'],
      ['X-Team', 'core'],
    ]);
    expect(parseUserAuth('').size).toBe(0);
    for (const bad of [
      'https://a.example\nAuthorization: x\n\n', // no blank line after the URLs
      'https://a.example\n', // ends among the URLs
      'https://a.example\n\n', // ends among the headers
      'https://a.example\n\nAuthorization: x\nhttps://b.example\n\nA: b\n\n', // no blank line between blocks
      'https://a.example\n\nAuthorization: x\n Continued: y\n\n', // a continuation line is not a header
      'https://a.example\n\nBad Name: y\n\n',
      'https://a.example\n\nAuthorization: a\x01b\n\n',
      'a.example\n\nAuthorization: x\n\n', // not a request URI
    ]) {
      expect(() => parseUserAuth(bad), JSON.stringify(bad)).toThrow(/invalid format|could not parse URL/);
    }
  });

  it('splits a command as cmd/internal/quoted does, and reads git credential fill', () => {
    expect(splitQuoted(`/bin/auth --x 'a b' "c d"  e`)).toEqual(['/bin/auth', '--x', 'a b', 'c d', 'e']);
    expect(() => splitQuoted(`auth 'open`)).toThrow("unterminated ' string");
    expect(parseGitAuth('protocol=https\nhost=git.example\npath=org/repo\nusername=u\npassword=p\n')).toEqual({ prefix: 'https://git.example/org/repo', username: 'u', password: 'p' });
    expect(parseGitAuth('protocol=https\nhost=h\nurl=https://other.example/x\nusername=u\npassword=p\n').prefix).toBe('https://other.example/x');
  });

  it('runs methods in reverse so the first named wins, matches the longest prefix, and asks again with the URL after a 4xx', async () => {
    const calls: { argv: readonly string[]; stdin: string }[] = [];
    const run: AuthRunner = async (argv, o) => {
      calls.push({ argv, stdin: o.stdin });
      if (argv.length === 2) return 'https://h/deep\n\nAuthorization: Bearer deep\n\n';
      return 'https://h\n\nAuthorization: Bearer cmd\n\n';
    };
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(join(tmpdir(), 'goauth-')));
    await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, '.netrc'), 'machine h login n password p\n'));
    const first = new GoAuth({ GOAUTH: 'netrc; /bin/cmd', HOME: dir }, run);
    expect(await first.headersFor('https://h/m/@v/list')).toEqual([['Authorization', b64('n:p')]]);
    const second = new GoAuth({ GOAUTH: '/bin/cmd;netrc', HOME: dir }, run);
    expect(await second.headersFor('https://h/m/@v/list')).toEqual([['Authorization', 'Bearer cmd']]);
    calls.length = 0;
    expect(await second.headersFor('https://h/deep/m/@v/list', { status: '401 Unauthorized', headers: [['Www-Authenticate', 'Basic']] })).toEqual([['Authorization', 'Bearer deep']]);
    expect(calls).toEqual([{ argv: ['/bin/cmd', 'https://h/deep/m/@v/list'], stdin: 'HTTP/1.1 401 Unauthorized\nWww-Authenticate: Basic\n\n' }]);
    expect(await new GoAuth({ GOAUTH: 'off', HOME: dir }, run).headersFor('https://h/x')).toBeUndefined();
    await expect(new GoAuth({ GOAUTH: 'off;netrc', HOME: dir }, run).headersFor('https://h/x')).rejects.toThrow('GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)');
    await expect(new GoAuth({ GOAUTH: 'netrc;;', HOME: dir }, run).headersFor('https://h/x')).rejects.toThrow('GOAUTH encountered an empty command (GOAUTH=netrc;;)');
    await expect(new GoAuth({ GOAUTH: 'git relative', HOME: dir }, run).headersFor('https://h/x')).rejects.toThrow('dir is not absolute');
    // A failing command gives no credentials and no error.
    const failing: AuthRunner = async () => {
      throw new Error('exit status 1');
    };
    expect(await new GoAuth({ GOAUTH: '/bin/cmd', HOME: dir }, failing).headersFor('https://h/x')).toBeUndefined();
  });

  it('asks git credential fill only about a URL that failed, and keeps its answer only for a prefix of it', async () => {
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(join(tmpdir(), 'goauth-git-')));
    const asked: string[] = [];
    const run: AuthRunner = async (argv, o) => {
      asked.push(`${argv.join(' ')} in ${o.cwd} <${o.stdin.trim()}>`);
      return o.stdin.includes('evil') ? 'protocol=https\nhost=elsewhere\nusername=u\npassword=p\n' : 'protocol=https\nhost=git.example\nusername=u\npassword=p\n';
    };
    const auth = new GoAuth({ GOAUTH: `git ${dir}`, HOME: dir }, run);
    expect(await auth.headersFor('https://git.example/m/@v/list')).toBeUndefined();
    expect(asked).toEqual([]);
    expect(await auth.headersFor('https://git.example/m/@v/list', { status: '401 Unauthorized', headers: [] })).toEqual([['Authorization', b64('u:p')]]);
    expect(asked).toEqual([`git credential fill in ${dir} <url=https://git.example/m/@v/list>`]);
    expect(await auth.headersFor('https://evil.example/m', { status: '403 Forbidden', headers: [] })).toBeUndefined();
  });
});

describe("encoding/json's messages", () => {
  const e = (s: string): string | undefined => goJsonSyntaxError(Buffer.from(s, 'latin1'));
  it.each([
    ['', 'unexpected end of JSON input'],
    ['<html>', "invalid character '<' looking for beginning of value"],
    ['{"a":1} x', "invalid character 'x' after top-level value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{a}', "invalid character 'a' looking for beginning of object key string"],
    ['tru', 'unexpected end of JSON input'],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['"a\x01"', "invalid character '\\x01' in string literal"],
    ['{"Version":"v1"}', undefined],
  ])('%j', (s, want) => {
    expect(e(s)).toBe(want);
  });
  it('decodes RevInfo as json.Unmarshal does', () => {
    expect(decodeRevInfo(Buffer.from('{"version":"v1.0.0","Time":"t"}'))).toEqual({ version: 'v1.0.0', time: 't' });
    expect(() => decodeRevInfo(Buffer.from('{"Version":1}'))).toThrow('json: cannot unmarshal number into Go struct field RevInfo.Version of type string');
    expect(() => decodeRevInfo(Buffer.from('[]'))).toThrow('json: cannot unmarshal array into Go value of type modfetch.RevInfo');
  });
});
