/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the data scripts need.
 * Same seed, same sequence, on every platform: no Math.random, no clock.
 */

/** 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded random stream. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream derived from a seed and a label, so that changing how one generator
   * draws numbers does not change the output of another.
   */
  static stream(seed: number, label: string): Rng {
    return new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ fnv1a(label)) >>> 0);
  }

  /** Uniform float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** Index chosen with probability proportional to its (non-negative) weight; -1 when all are 0. */
  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
    if (total <= 0) return -1;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= Math.max(0, weights[i] ?? 0);
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * `count` distinct indices drawn without replacement, each with probability proportional to its
   * weight (Efraimidis–Spirakis keys). Returned in ascending index order.
   */
  weightedSample(weights: readonly number[], count: number): number[] {
    const keyed = weights
      .map((w, i) => ({ i, key: w > 0 ? Math.log(1 - this.next()) / w : Number.NEGATIVE_INFINITY }))
      .filter((k) => k.key > Number.NEGATIVE_INFINITY);
    keyed.sort((a, b) => b.key - a.key || a.i - b.i);
    return keyed
      .slice(0, count)
      .map((k) => k.i)
      .sort((a, b) => a - b);
  }

  /** Rounds x to an integer, up with probability equal to its fractional part. */
  stochasticRound(x: number): number {
    const floor = Math.floor(x);
    return floor + (this.chance(x - floor) ? 1 : 0);
  }
}
