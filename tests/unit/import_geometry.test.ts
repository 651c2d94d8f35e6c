/**
 * Issue #12, geometry that lies: commune boundaries whose rings are nested wrongly, oriented either way,
 * with no area, across the antimeridian, or overlapping each other. Areas are checked against
 * GeographicLib (the exact geodesic reference); random rings are fuzzed with fast-check (seeded).
 */
import fc from 'fast-check';
import geographiclib from 'geographiclib-geodesic';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { importFile } from '../../src/io/import/import_file.ts';

const WGS84 = geographiclib.Geodesic.WGS84;

/** Unsigned geodesic area of one ring, km² (GeographicLib). */
function karneyKm2(ring: number[][]): number {
  const p = WGS84.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat!, lon!);
  return Math.abs(p.Compute(false, true).area ?? 0) / 1e6;
}

const sq = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const cw = (r: number[][]) => [r[0]!, ...r.slice(1, -1).reverse(), r[0]!];
const bytes = (features: unknown[]) =>
  new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
const commune = (coordinates: unknown, id = 'A', type = 'Polygon') => ({
  type: 'Feature',
  properties: { id, name: `Xã ${id}`, population: 100 },
  geometry: { type, coordinates },
});
const boundaries = (features: unknown[]) => importFile(bytes(features), 'b.geojson', 'boundaries');

/** Signed planar area in degrees², positive counter-clockwise. */
const signed = (r: number[][]) =>
  r.slice(0, -1).reduce((s, p, i) => s + p[0]! * r[i + 1]![1]! - r[i + 1]![0]! * p[1]!, 0) / 2;

describe('rings nested and oriented on import (analytic, against GeographicLib)', () => {
  const outer = sq(108.0, 14.0, 108.1, 14.1);
  const inner = sq(108.02, 14.02, 108.06, 14.07);
  it('a hole inside its outer ring: area = outer − inner', async () => {
    const r = await boundaries([commune([outer, cw(inner)])]);
    expect(r.issues).toEqual([]);
    const expected = karneyKm2(outer) - karneyKm2(inner);
    expect(geodesicArea(r.items[0]!.geometry) / expected).toBeCloseTo(1, 4);
  });
  it('either orientation gives the same area, and rings come out counter-clockwise outside, clockwise holes', async () => {
    const r = await boundaries([commune([cw(outer), inner])]);
    expect(r.issues).toEqual([]);
    const g = r.items[0]!.geometry as Polygon;
    expect(signed(g.coordinates[0]!)).toBeGreaterThan(0);
    expect(signed(g.coordinates[1]!)).toBeLessThan(0);
    expect(g.coordinates[0]![0]).toEqual([108.0, 14.0]);
    expect(geodesicArea(g) / (karneyKm2(outer) - karneyKm2(inner))).toBeCloseTo(1, 4);
  });
  it('a "hole" outside its outer ring becomes an outer ring of its own: area = outer + ring, with a warning', async () => {
    const away = sq(108.2, 14.0, 108.25, 14.05);
    const r = await boundaries([commune([outer, cw(away)])]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      severity: 'warning',
      path: 'features[0].geometry',
      message: expect.stringContaining('feature 0 ("Xã A"): ring 2 is a hole outside the outer ring'),
    });
    const area = geodesicArea(r.items[0]!.geometry);
    expect(area).toBeGreaterThan(0);
    expect(area / (karneyKm2(outer) + karneyKm2(away))).toBeCloseTo(1, 4);
  });
  it('a "hole" that contains its outer ring: the union (the larger ring) is kept, never a negative area', async () => {
    const big = sq(107.9, 13.9, 108.2, 14.2);
    const r = await boundaries([commune([outer, big])]);
    expect(r.issues[0]!.message).toContain('is a hole outside the outer ring');
    expect(geodesicArea(r.items[0]!.geometry) / karneyKm2(big)).toBeCloseTo(1, 4);
  });
  it('holes covering their outer ring: the feature is rejected, named', async () => {
    const r = await boundaries([commune([outer, cw(outer)]), commune([sq(109, 14, 109.1, 14.1)], 'B')]);
    expect(r.items.map((c) => c.id)).toEqual(['B']);
    expect(r.issues[0]).toMatchObject({ severity: 'error', path: 'features[0].geometry' });
    expect(r.issues[0]!.message).toMatch(/^feature 0 \("Xã A"\): /);
  });
});

describe('the core refuses a negative area instead of clamping it', () => {
  it('geodesicArea throws a UserError for a hole outside its shell (a geometry that bypassed the import)', () => {
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [sq(108.0, 14.0, 108.01, 14.01), sq(108.2, 14.0, 108.3, 14.1)],
    };
    expect(() => geodesicArea(g)).toThrow(UserError);
    expect(() => geodesicArea(g)).toThrow(/negative area/);
  });
});

describe('antimeridian', () => {
  it('a polygon spanning more than 180° of longitude is refused at once, named', async () => {
    const r = await boundaries([
      commune([sq(-179.9, -16.1, 179.9, -16.0)]),
      commune([sq(108, 14, 108.1, 14.1)], 'B'),
    ]);
    expect(r.items.map((c) => c.id)).toEqual(['B']);
    expect(r.issues[0]!.message).toContain('feature 0 ("Xã A"): the polygon spans 359.8° of longitude');
  });
  it('a scribble across the antimeridian with thousands of crossings does not hang', async () => {
    const ring: number[][] = [];
    for (let i = 0; i < 4000; i++) ring.push([i % 2 ? 179.99 : -179.99, -16 + (i % 7) * 0.001]);
    ring.push(ring[0]!);
    const r = await boundaries([commune([ring]), commune([sq(108, 14, 108.1, 14.1)], 'B')]);
    expect(r.items.map((c) => c.id)).toEqual(['B']);
    expect(r.issues[0]!.message).toContain('crosses the antimeridian');
  }, 20_000);
});

describe('duplicate and overlapping communes', () => {
  it('the same geometry twice: the second is rejected, so that a district is not counted twice', async () => {
    const r = await boundaries([
      commune([sq(108, 14, 108.1, 14.1)]),
      commune([sq(108, 14, 108.1, 14.1)], 'B'),
    ]);
    expect(r.items.map((c) => c.id)).toEqual(['A']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', path: 'features[1].geometry' });
    expect(r.issues[0]!.message).toContain(
      'feature 1 ("Xã B", id B) has the same geometry as feature 0 ("Xã A", id A)',
    );
  });
  it('a partial overlap: a warning with the overlap area and share (analytic: a quarter)', async () => {
    const r = await boundaries([
      commune([sq(108, 14, 108.1, 14.1)]),
      commune([sq(108.075, 14, 108.175, 14.1)], 'B'),
    ]);
    expect(r.items).toHaveLength(2);
    expect(r.issues).toHaveLength(1);
    const km2 = karneyKm2(sq(108.075, 14, 108.1, 14.1));
    expect(r.issues[0]!.message).toContain(
      `overlaps feature 0 ("Xã A", id A) by ${km2.toFixed(2)} km² (25.0 %`,
    );
  });
  it('below 10 % of the smaller commune, and a shared border: no warning', async () => {
    const r = await boundaries([
      commune([sq(108, 14, 108.1, 14.1)]),
      commune([sq(108.095, 14, 108.195, 14.1)], 'B'), // 5 %
      commune([sq(108.195, 14, 108.295, 14.1)], 'C'), // shares a border with B
    ]);
    expect(r.issues).toEqual([]);
  });
  it('a commune inside another (a MultiPolygon part, holes): the contained share is found', async () => {
    const r = await boundaries([
      commune(
        [[sq(108, 14, 108.1, 14.1), cw(sq(108.01, 14.01, 108.02, 14.02))], [sq(109, 14, 109.1, 14.1)]],
        'A',
        'MultiPolygon',
      ),
      commune([sq(108.03, 14.03, 108.06, 14.06)], 'B'),
    ]);
    expect(r.issues[0]!.message).toContain('(100.0 % of the smaller)');
  });
  it('10,000 communes on a grid stay fast enough (R-tree candidates; no timing asserted)', async () => {
    const features: unknown[] = [];
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++) {
        const w = 102 + i * 0.05;
        const s = 9 + j * 0.05;
        // Each commune's border has 40 vertices, shared exactly with its neighbours.
        const ring: number[][] = [];
        for (let k = 0; k < 10; k++) ring.push([w + (k * 0.05) / 10, s]);
        for (let k = 0; k < 10; k++) ring.push([w + 0.05, s + (k * 0.05) / 10]);
        for (let k = 0; k < 10; k++) ring.push([w + 0.05 - (k * 0.05) / 10, s + 0.05]);
        for (let k = 0; k < 10; k++) ring.push([w, s + 0.05 - (k * 0.05) / 10]);
        ring.push(ring[0]!);
        features.push(commune([ring], `C${i}_${j}`));
      }
    features.push(commune([sq(102.01, 9.01, 102.04, 9.04)], 'dup'));
    const r = await boundaries(features);
    expect(r.items).toHaveLength(10_001);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.message).toContain('feature 10000 ("Xã dup", id dup) overlaps feature 0');
  }, 240_000);
});

describe('fuzzing: random rings (seeded)', () => {
  const lon = fc.double({ min: 107.5, max: 108.5, noNaN: true });
  const lat = fc.double({ min: 13.5, max: 14.5, noNaN: true });
  const pt = fc.tuple(lon, lat).map(([x, y]) => [x, y]);
  const near180 = fc
    .tuple(fc.double({ min: 179.5, max: 180, noNaN: true }), lat, fc.boolean())
    .map(([x, y, west]) => [west ? -x : x, y]);
  const ring = fc
    .array(fc.oneof({ weight: 8, arbitrary: pt }, { weight: 1, arbitrary: near180 }), {
      minLength: 3,
      maxLength: 12,
    })
    .chain((ps) =>
      fc.constantFrom(
        [...ps, ps[0]!], // closed
        ps, // not closed
        [...ps, ps[0]!].reverse(), // the other orientation
        [ps[0]!, ps[0]!, ps[1]!, ps[0]!], // degenerate
      ),
    );
  const square = fc
    .tuple(lon, lat, fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.boolean())
    .map(([w, s, d, flip]) => (flip ? cw(sq(w, s, w + d, s + d)) : sq(w, s, w + d, s + d)));
  const polygon = fc.array(fc.oneof(ring, square), { minLength: 1, maxLength: 4 });
  const features = fc.array(
    fc.oneof(
      polygon.map((p) => ({ type: 'Polygon', p })),
      fc.array(polygon, { minLength: 1, maxLength: 3 }).map((p) => ({ type: 'MultiPolygon', p })),
    ),
    { minLength: 1, maxLength: 6 },
  );
  it('the import keeps communes with positive finite areas or names the feature; only UserErrors', async () => {
    await fc.assert(
      fc.asyncProperty(features, async (fs) => {
        const input = fs.map((f, i) => commune(f.p, `F${i}`, f.type));
        try {
          const r = await boundaries(input);
          for (const c of r.items) {
            const a = geodesicArea(c.geometry);
            expect(Number.isFinite(a) && a > 0).toBe(true);
          }
          // Every feature not kept is named by an error.
          const kept = new Set(r.items.map((c) => c.id));
          for (const [i] of input.entries())
            if (!kept.has(`F${i}`))
              expect(
                r.issues.some((x) => x.severity === 'error' && x.path.startsWith(`features[${i}]`)),
              ).toBe(true);
        } catch (e) {
          if (!(e instanceof UserError))
            throw new Error(`not a UserError: ${(e as Error)?.stack ?? String(e)}`);
          expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  }, 240_000);
});

describe('the engine refuses geometry that bypassed the import, naming the commune', () => {
  const base = {
    name: 'Xã Lạ',
    districtId: 'D1',
    districtName: 'Huyện Một',
    provinceId: 'P1',
    provinceName: 'Tỉnh Thử',
    population: 100,
    setting: 'rural' as const,
  };
  const sites = [{ id: 's1', operator: 'Viettel', lon: 108.05, lat: 14.05, technologies: ['4G' as const] }];
  it('a hole outside its outer ring: a UserError, not a negative area', () => {
    const c: Commune = {
      ...base,
      id: 'X1',
      geometry: {
        type: 'Polygon',
        coordinates: [sq(108.0, 14.0, 108.01, 14.01), sq(108.2, 14.0, 108.3, 14.1)],
      },
    };
    expect(() => analyze({ communes: [c], sites })).toThrow(
      /^commune X1 \("Xã Lạ"\): a polygon has a negative area/,
    );
  });
  it('a polygon across the antimeridian: a UserError before the scan, not a hang', () => {
    const c: Commune = {
      ...base,
      id: 'X2',
      geometry: { type: 'Polygon', coordinates: [sq(-179.9, -16.1, 179.9, -16)] },
    };
    expect(() => analyze({ communes: [c], sites })).toThrow(UserError);
    expect(() => analyze({ communes: [c], sites })).toThrow(
      /^commune X2 \("Xã Lạ"\): the polygon spans more than 180°/,
    );
  }, 20_000);
});
