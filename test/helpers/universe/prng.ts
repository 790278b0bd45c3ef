// A small seeded PRNG so that a universe is a pure function of its seed: a mismatch found by the
// differential suite must be reproducible from the printed seed alone.

/** Prng draws reproducible random choices from a 32-bit seed. */
export interface Prng {
  /** float returns a number in [0, 1). */
  float(): number;
  /** int returns an integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** chance returns true with probability p. */
  chance(p: number): boolean;
  /** pick returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** sample returns up to n distinct elements of items, in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** hex returns n random lowercase hex digits. */
  hex(n: number): string;
}

/**
 * createPrng returns a mulberry32 generator seeded with seed.
 *
 * mulberry32 is tiny, fast and good enough for test-data choices; cryptographic quality is not
 * needed, only determinism across Node versions (it uses 32-bit integer arithmetic only).
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    float: next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('prng.pick: empty array');
      return items[int(0, items.length - 1)]!;
    },
    sample: (items, n) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, Math.max(0, n));
    },
    hex: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(0, 15)];
      return s;
    },
  };
}
