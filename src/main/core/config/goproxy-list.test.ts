import { describe, expect, it } from 'vitest';
import { parseGoProxy } from './goproxy-list';

describe('parseGoProxy (modfetch.proxyList)', () => {
  it.each([
    ['https://proxy.golang.org,direct', false, [['https://proxy.golang.org', false], ['direct', false]]],
    ['a.example|b.example,direct', false, [['https://a.example', true], ['https://b.example', false], ['direct', false]]],
    [' file:///tmp/p , off , https://ignored', false, [['file:///tmp/p', false], ['off', false]]],
    ['direct,https://ignored', false, [['direct', false]]],
    ['https://p.example', true, [['noproxy', false], ['https://p.example', false]]],
    ['direct', true, [['direct', false]]],
    [',,https://p.example,,', false, [['https://p.example', false]]],
  ])('%s (GONOPROXY set: %s)', (goproxy, noProxy, want) => {
    expect(parseGoProxy(goproxy, noProxy).map((e) => [e.url, e.fallBackOnError])).toEqual(want);
  });

  it('refuses schemes go refuses and lists with no entries', () => {
    expect(() => parseGoProxy('ftp://x.example', false)).toThrow('invalid $GOPROXY setting: unsupported URL scheme ftp');
    expect(() => parseGoProxy(',', false)).toThrow('GOPROXY list is not the empty string, but contains no entries');
  });
});
