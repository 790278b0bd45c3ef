import { describe, expect, it } from 'vitest';
import { decodeRevInfo, goJsonSyntaxError } from '../../core/gojson/go-json';
import { errorDetail, httpErrorText } from './error-detail';
import { credentialFor, parseNetrc } from './netrc';
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
  it('keeps complete entries up to default, and matches by longest prefix', () => {
    const lines = parseNetrc('machine a.example login u password p\nmachine b login x\ndefault\nlogin d password d\nmachine c login c password c\n');
    expect(lines).toEqual([{ machine: 'a.example', login: 'u', password: 'p' }]);
    const creds = new Map([
      ['h', 'A'],
      ['h/deep', 'B'],
    ]);
    expect(credentialFor(creds, 'https://h/deep/x')).toBe('B');
    expect(credentialFor(creds, 'https://h/other')).toBe('A');
    expect(credentialFor(creds, 'https://h:443/other')).toBeUndefined();
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
