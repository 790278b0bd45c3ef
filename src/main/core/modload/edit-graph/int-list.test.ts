import { describe, expect, it } from 'vitest';
import { IntList } from './int-list';

describe('IntList', () => {
  it('holds what was pushed, across growth and clears, as an array would', () => {
    const list = new IntList(1);
    const want: number[] = [];
    for (let round = 0; round < 4; round++) {
      list.clear();
      want.length = 0;
      for (let i = 0; i < 100 * (round + 1); i++) {
        const v = (i * 7919 - round) | 0;
        list.push(v);
        want.push(v);
      }
      expect(list.length).toBe(want.length);
      expect(Array.from(list.view())).toEqual(want);
      expect(list.pop()).toBe(want[want.length - 1]);
      expect(list.length).toBe(want.length - 1);
      list.push(want[want.length - 1]!);
    }
  });

  it('keeps its storage when cleared', () => {
    const list = new IntList(4);
    for (let i = 0; i < 1000; i++) list.push(i);
    const storage = list.data;
    list.clear();
    for (let i = 0; i < 1000; i++) list.push(-i);
    expect(list.data).toBe(storage);
    expect(list.view()[999]).toBe(-999);
  });
});
