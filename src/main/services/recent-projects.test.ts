import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentProjects } from './recent-projects';

const dir = mkdtempSync(join(tmpdir(), 'gomodx-recent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentProjects', () => {
  it('keeps the newest first, without duplicates, at most MAX_RECENT', () => {
    let t = 0;
    const r = new RecentProjects(join(dir, 'a', 'recent.json'), () => new Date(Date.UTC(2025, 0, 1, 0, t++)));
    for (let i = 0; i < MAX_RECENT + 3; i++) r.add(`/p${i}`, `m${i}`);
    r.add('/p5', 'm5 again');
    const list = r.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toEqual({ dir: '/p5', name: 'm5 again', openedAt: '2025-01-01T00:13:00.000Z' });
    expect(list.filter((e) => e.dir === '/p5')).toHaveLength(1);
    expect(r.remove('/p5').map((e) => e.dir)).not.toContain('/p5');
    expect(JSON.parse(readFileSync(join(dir, 'a', 'recent.json'), 'utf8'))).toHaveLength(MAX_RECENT - 1);
  });

  it('reads a damaged or foreign file as empty', () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{not json');
    expect(new RecentProjects(f).list()).toEqual([]);
    writeFileSync(f, JSON.stringify([{ dir: 1 }, { dir: '/ok', name: 'n', openedAt: 't' }]));
    expect(new RecentProjects(f).list()).toEqual([{ dir: '/ok', name: 'n', openedAt: 't' }]);
  });
});
