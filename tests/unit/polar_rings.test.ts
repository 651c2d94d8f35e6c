import { describe, expect, it } from 'vitest';
import { localProjection } from '../../src/core/geometry/local_projection.ts';
import { pointInRings } from '../../src/core/geometry/point_in_polygon.ts';
import { polarFlatRings } from '../../src/core/propagation/polar_flat_rings.ts';
import type { PolarCoverage } from '../../src/core/propagation/radial_sweep.ts';
import { polarRings } from '../../src/core/propagation/terrain_footprint.ts';

/** A polar grid from a predicate on (radial, sample); sample 0 (the mast) is always covered. */
function grid(radials: number, steps: number, on: (a: number, j: number) => boolean): PolarCoverage {
  const covered = new Uint8Array(radials * (steps + 1));
  for (let a = 0; a < radials; a++)
    for (let j = 0; j <= steps; j++) covered[a * (steps + 1) + j] = j === 0 || on(a, j) ? 1 : 0;
  return {
    radials,
    steps,
    angularStep_deg: 360 / radials,
    rangeStep_m: 100,
    level_dbm: new Float32Array(covered.length),
    covered,
    outsideDemShare: 0,
  };
}

describe('polarRings (tracing covered polar cells)', () => {
  const LON = 108;
  const LAT = 14;
  const proj = localProjection(LON, LAT);
  /** Every polar cell's centre is inside the rings exactly when the cell is covered. */
  const expectExact = (p: PolarCoverage) => {
    const rings = polarRings(p, LON, LAT);
    let wrong = 0;
    for (let a = 0; a < p.radials; a++)
      for (let j = 1; j <= p.steps + 2; j++) {
        const t = (a * p.angularStep_deg * Math.PI) / 180;
        const r = j * p.rangeStep_m;
        const inside = pointInRings(...proj.inverse(r * Math.sin(t), r * Math.cos(t)), rings);
        const cov = j <= p.steps && p.covered[a * (p.steps + 1) + j] === 1;
        if (inside !== cov) wrong++;
      }
    expect(wrong).toBe(0);
    for (const ring of rings) expect(ring[0]).toEqual(ring[ring.length - 1]);
    return rings;
  };

  it('a full disc is one ring of one vertex per radial at the outer edge', () => {
    const rings = expectExact(grid(36, 20, (_a, j) => j <= 15));
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(37);
    const [x, y] = proj.forward(rings[0]![0]![0]!, rings[0]![0]![1]!);
    expect(Math.hypot(x, y)).toBeCloseTo(1550, 6);
  });

  it('a shadow inside is a hole, a covered patch beyond is an island, across north too', () => {
    const rings = expectExact(
      grid(
        36,
        20,
        (a, j) =>
          (j <= 15 && !(a >= 3 && a <= 5 && j >= 8 && j <= 10)) || // a hole
          (a >= 20 && a <= 22 && j >= 18 && j <= 19) || // an island
          ((a === 35 || a === 0) && j === 17), // an island across north
      ),
    );
    expect(rings).toHaveLength(4);
  });

  it('cells touching only at a corner (a saddle) still give the right even–odd area', () => {
    expectExact(
      grid(
        36,
        20,
        (a, j) =>
          j <= 10 ||
          (a === 7 && j === 12) ||
          (a === 8 && j === 13) ||
          (a === 7 && j === 14) ||
          (a === 8 && j === 11),
      ),
    );
  });

  it('a sector with a shadow reaching the mast', () => {
    expectExact(grid(72, 30, (a, j) => a >= 10 && a <= 25 && j <= 28 && !(a >= 14 && a <= 16 && j <= 20)));
  });

  it('grids of different sizes traced one after another (buffers reused) give what each gives first', () => {
    // A pattern with holes, islands and saddles, from a fixed-seed generator.
    let seed = 17;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pattern = (radials: number, steps: number) => {
      const on = Array.from({ length: radials * (steps + 1) }, () => rnd() < 0.7);
      return grid(radials, steps, (a, j) => j < steps / 3 || on[a * (steps + 1) + j]!);
    };
    const small = pattern(36, 20);
    const big = pattern(360, 120);
    const other = pattern(90, 60);
    const first = [small, big, other].map((p) => expectExact(p));
    // Again in another order, the big one's buffers now left behind for the small ones.
    expect(expectExact(other)).toEqual(first[2]);
    expect(expectExact(small)).toEqual(first[0]);
    expect(expectExact(big)).toEqual(first[1]);
  });

  it('the flat rings are the positions, open, ring by ring', () => {
    const p = grid(36, 20, (a, j) => j <= 12 || (a >= 20 && a <= 22 && j >= 15 && j <= 17));
    const flat = polarFlatRings(p, LON, LAT);
    const rings = polarRings(p, LON, LAT);
    expect(flat.starts.length).toBe(rings.length + 1);
    rings.forEach((ring, r) => {
      const a = flat.starts[r]!;
      expect(flat.starts[r + 1]! - a).toBe(ring.length - 1);
      for (let i = 0; i + 1 < ring.length; i++)
        expect([flat.coords[2 * (a + i)], flat.coords[2 * (a + i) + 1]]).toEqual(ring[i]);
    });
  });
});
