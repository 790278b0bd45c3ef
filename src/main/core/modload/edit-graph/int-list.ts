/** grown returns a, or a copy of it at least n long (at least twice as long) made by make. */
export function grown<T extends Int32Array | Uint8Array>(a: T, n: number, make: (n: number) => T): T {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * IntList is a list of int32 values that keeps its storage when cleared. An edit runs hundreds of
 * rounds, each filling lists of thousands of ids that the next round starts again from empty: a
 * JS array emptied with `length = 0` gives its storage back and grows it anew every round, which
 * is most of what such a round allocates (and then collects).
 */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.length + 1, (k) => new Int32Array(k));
    this.data[this.length++] = v;
  }

  /** pop takes the last value off (the list must not be empty). */
  pop(): number {
    return this.data[--this.length]!;
  }

  clear(): void {
    this.length = 0;
  }

  /** assign makes the list a copy of a. */
  assign(a: Int32Array): void {
    if (a.length > this.data.length) this.data = new Int32Array(Math.max(a.length, this.data.length * 2));
    this.data.set(a);
    this.length = a.length;
  }

  /** view is the list as it is now, sharing its storage (valid until the next push or clear). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
