/**
 * `bandedRings` answers as the plain even–odd test over every edge (`pointInRings`): an analytic
 * square with a square hole, and seeded star-shaped rings of 5,000 vertices with islands and holes,
 * probed at random points and at the vertices' own latitudes (where edges start and end in a band).
 */
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bandedRings } from '../../src/core/geometry/banded_rings.ts';
import { pointInRings } from '../../src/core/geometry/point_in_polygon.ts';
import { seededRandom } from '../support/speed_test_gen.ts';

const square = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

/** A closed star-shaped ring around (x, y): `n` vertices at radius r·(0.5 … 1.5). */
function star(x: number, y: number, r: number, n: number, rnd: () => number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const d = r * (0.5 + rnd());
    ring.push([x + d * Math.cos(a), y + d * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('bandedRings', () => {
  it('a square with a hole: inside, in the hole, outside', () => {
    const inside = bandedRings([square(0, 0, 4, 4), square(1, 1, 2, 2)]);
    expect(inside(3, 3)).toBe(true);
    expect(inside(1.5, 1.5)).toBe(false);
    expect(inside(5, 1)).toBe(false);
    expect(inside(3, -1)).toBe(false);
    expect(inside(0.5, 3.9)).toBe(true);
  });

  it('agrees with pointInRings on many-vertex rings with islands and holes', () => {
    const rnd = seededRandom(1617);
    const rings = [
      star(108, 14, 0.2, 5000, rnd),
      star(108.05, 14.02, 0.03, 700, rnd),
      star(108.5, 14, 0.1, 900, rnd),
    ];
    const inside = bandedRings(rings);
    let yes = 0;
    for (let k = 0; k < 20_000; k++) {
      const lon = 107.7 + rnd() * 1.0;
      const lat = 13.7 + rnd() * 0.6;
      const want = pointInRings(lon, lat, rings);
      if (want) yes++;
      expect(inside(lon, lat)).toBe(want);
    }
    expect(yes).toBeGreaterThan(1000);
    // At the vertices' latitudes, and a hair off them.
    for (const ring of rings)
      for (const p of ring.filter((_p, i) => i % 7 === 0))
        for (const lat of [p[1]!, p[1]! + 1e-12, p[1]! - 1e-12]) {
          const lon = p[0]! + (rnd() - 0.5) * 0.01;
          expect(inside(lon, lat)).toBe(pointInRings(lon, lat, rings));
        }
  });
});
