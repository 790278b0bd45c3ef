import { describe, expect, it } from 'vitest';
import { GoSum } from './go-sum';

describe('GoSum', () => {
  it('merges files, keeps every hash once, and ignores the empty-go.mod hash', () => {
    const s = new GoSum();
    s.add('go.sum', 'a.example v1.0.0 h1:x=\na.example v1.0.0/go.mod h1:y=\n\nb.example v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n');
    s.add('go.work.sum', 'a.example v1.0.0 h1:x=\na.example v1.0.0 h1:z=\n');
    expect(s.hashes('a.example', 'v1.0.0')).toEqual(['h1:x=', 'h1:z=']);
    expect(s.hashes('a.example', 'v1.0.0/go.mod')).toEqual(['h1:y=']);
    expect(s.hashes('b.example', 'v1.0.0/go.mod')).toEqual([]);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => new GoSum().add('/p/go.sum', 'a v1 h1:x\nbad line\n')).toThrow('malformed go.sum:\n/p/go.sum:2: wrong number of fields 2');
  });
});
