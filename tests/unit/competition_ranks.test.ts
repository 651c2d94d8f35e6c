import { describe, expect, it } from 'vitest';
import { competitionRanks } from '../../src/core/report/competition_ranks.ts';

/** A fixed-seed generator (mulberry32), so that the random cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('competitionRanks', () => {
  it('numbers ties "1, 1, 3", best first, no value unranked', () => {
    expect(competitionRanks([100, 90, 100, null, 80, 90], 'desc')).toEqual([1, 3, 1, null, 5, 3]);
    expect(competitionRanks([2, 1, 1, 3], 'asc')).toEqual([3, 1, 1, 4]);
    expect(competitionRanks([], 'desc')).toEqual([]);
  });

  it('with decimals, values shown alike are ties (99.96 and 100 both read "100.0")', () => {
    expect(competitionRanks([100, 99.96, 99.94, 98], 'desc')).toEqual([1, 2, 3, 4]);
    expect(competitionRanks([100, 99.96, 99.94, 98], 'desc', 1)).toEqual([1, 1, 3, 4]);
    expect(competitionRanks([3.481, 3.479, 3.5, Number.POSITIVE_INFINITY], 'asc', 2)).toEqual([1, 1, 3, 4]);
    expect(competitionRanks([0.5, 0.5000001, null], 'desc', 1)).toEqual([1, 1, null]);
  });

  it('equals 1 + the number of strictly better values, for random inputs with many ties', () => {
    const next = rng(15);
    for (let run = 0; run < 200; run++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 40) }, () =>
        next() < 0.1 ? null : Math.round(next() * 6) * 12.5,
      );
      for (const order of ['asc', 'desc'] as const) {
        const ranks = competitionRanks(Object.freeze([...values]), order);
        values.forEach((v, i) => {
          if (v === null) {
            expect(ranks[i]).toBeNull();
            return;
          }
          const better = values.filter((w) => w !== null && (order === 'desc' ? w > v : w < v)).length;
          expect(ranks[i]).toBe(1 + better);
        });
      }
    }
  });
});
