// prefetchVersions against the plain path: a prefetched list is the list a question would have
// fetched, asked once; a failed prefetch is forgotten, so the question sees its own answer.
import { describe, expect, it, vi } from 'vitest';
import type { GoEnv } from './go-env';
import type { ProxyModuleFetcher } from './module-fetcher';
import { ProxyModuleRepository } from './module-repository';

function repoWith(answers: (() => Promise<string>)[]): { repo: ProxyModuleRepository; asked: ReturnType<typeof vi.fn> } {
  const asked = vi.fn(async () => ({ data: Buffer.from(await answers.shift()!()), url: 'https://proxy.example/' }));
  const fetcher = { tryProxies: asked } as unknown as ProxyModuleFetcher;
  const repo = new ProxyModuleRepository({ fetcher, env: {} as GoEnv, sums: { hashes: () => [] } as never });
  return { repo, asked };
}

describe('ProxyModuleRepository.prefetchVersions', () => {
  it('answers a later question with the prefetched list, asked once', async () => {
    const plain = repoWith([async () => 'v1.1.0\nv1.0.0\nv1.10.0\n']);
    const { repo, asked } = repoWith([async () => 'v1.1.0\nv1.0.0\nv1.10.0\n']);
    await repo.prefetchVersions('example.com/a');
    expect(await repo.versions('example.com/a')).toEqual(await plain.repo.versions('example.com/a'));
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('joins a prefetch still on its way', async () => {
    let arrive!: () => void;
    const { repo, asked } = repoWith([() => new Promise((ok) => (arrive = () => ok('v1.0.0\n')))]);
    const early = repo.prefetchVersions('example.com/a');
    const question = repo.versions('example.com/a');
    arrive();
    await early;
    expect(await question).toEqual(['v1.0.0']);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed prefetch: the question asks again', async () => {
    const { repo, asked } = repoWith([() => Promise.reject(new Error('connection reset')), async () => 'v1.0.0\n']);
    await repo.prefetchVersions('example.com/a');
    expect(await repo.versions('example.com/a')).toEqual(['v1.0.0']);
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('asks again after a prefetch that fails while the question waits on it', async () => {
    let fail!: () => void;
    const { repo, asked } = repoWith([() => new Promise((_, no) => (fail = () => no(new Error('connection reset')))), async () => 'v1.2.0\n']);
    const early = repo.prefetchVersions('example.com/a');
    const question = repo.versions('example.com/a');
    fail();
    await early;
    expect(await question).toEqual(['v1.2.0']);
    expect(asked).toHaveBeenCalledTimes(2);
  });
});
