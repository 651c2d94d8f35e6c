import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Commune, Site, Technology } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';

const TECHS: Technology[] = ['2G', '4G', '5G'];
const OPS = ['Viettel', 'VNPT', 'MobiFone'];

/** Four communes tiling a 0.2° square, so sites near the middle cover several of them. */
const communes: Commune[] = [0, 1, 2, 3].map((k) => ({
  id: `C${k}`,
  name: `Xã ${k}`,
  districtId: k < 2 ? 'D1' : 'D2',
  districtName: k < 2 ? 'Huyện Một' : 'Huyện Hai',
  provinceId: 'P',
  provinceName: 'Tỉnh',
  population: 1000 * (k + 1),
  setting: k === 0 ? 'urban' : 'rural',
  geometry: rect(
    108 + (k % 2) * 0.1,
    14 + Math.floor(k / 2) * 0.1,
    108.1 + (k % 2) * 0.1,
    14.1 + Math.floor(k / 2) * 0.1,
  ),
}));

const siteArb = fc.record({
  lon: fc.double({ min: 107.95, max: 108.25, noNaN: true }),
  lat: fc.double({ min: 13.95, max: 14.25, noNaN: true }),
  tech: fc.subarray(TECHS, { minLength: 1 }),
  op: fc.constantFrom(...OPS),
  radius: fc.option(fc.integer({ min: 200, max: 9000 }), { nil: undefined }),
  sector: fc.option(
    fc.record({ az: fc.integer({ min: 0, max: 359 }), bw: fc.integer({ min: 30, max: 300 }) }),
    {
      nil: undefined,
    },
  ),
});

type RawSite = typeof siteArb extends fc.Arbitrary<infer T> ? T : never;

function toSites(raw: RawSite[]): Site[] {
  return raw.map((r, i) => ({
    id: `S${i}`,
    operator: r.op,
    lon: r.lon,
    lat: r.lat,
    technologies: r.tech,
    ...(r.radius ? { radius_m: r.radius } : {}),
    ...(r.sector ? { azimuth_deg: r.sector.az, beamwidth_deg: r.sector.bw } : {}),
  }));
}

const figures = (sites: Site[]) =>
  analyze(deepFreeze({ communes, sites }), {}, { gapPolygons: false }).units.flatMap((u) =>
    u.coverage.map((c) => ({ key: `${u.id}/${c.technology}/${c.operator}`, ...c, unit: u })),
  );

const params = { seed: 20261122, numRuns: 40 };

describe('coverage invariants (seeded property tests)', () => {
  it('percentages stay in [0, 100] and covered + gap make the whole', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { maxLength: 12 }), (raw) => {
        const result = analyze({ communes, sites: toSites(raw) });
        for (const u of result.units) {
          for (const c of u.coverage) {
            expect(c.area_pct).toBeGreaterThanOrEqual(0);
            expect(c.area_pct).toBeLessThanOrEqual(100 + 1e-9);
            expect(c.covered_population).toBeLessThanOrEqual(u.population + 1e-6);
          }
          for (const g of u.gaps) {
            const cov = u.coverage.find((c) => c.technology === g.technology && c.operator === 'all')!;
            expect(g.area_km2 + (cov.area_pct / 100) * u.area_km2).toBeCloseTo(u.area_km2, 6);
            expect(g.population + cov.covered_population).toBeCloseTo(u.population, 6);
          }
        }
      }),
      params,
    );
  });

  it('"any" and "all" are at least every technology and every operator', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { maxLength: 12 }), (raw) => {
        const figs = figures(toSites(raw));
        const get = (u: string, t: string, o: string) =>
          figs.find((f) => f.key === `${u}/${t}/${o}`)!.area_pct;
        const present = new Set(raw.map((r) => r.op));
        for (const u of communes) {
          for (const t of TECHS) {
            expect(get(u.id, 'any', 'all')).toBeGreaterThanOrEqual(get(u.id, t, 'all') - 1e-9);
            for (const o of OPS) {
              if (present.has(o)) expect(get(u.id, t, 'all')).toBeGreaterThanOrEqual(get(u.id, t, o) - 1e-9);
            }
          }
        }
      }),
      params,
    );
  });

  it('adding a site never lowers coverage', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { maxLength: 10 }), siteArb, (raw, extra) => {
        const before = figures(toSites(raw));
        const after = figures(toSites([...raw, extra]));
        const afterByKey = new Map(after.map((f) => [f.key, f]));
        for (const f of before) {
          const g = afterByKey.get(f.key);
          // a new operator adds combinations; every existing one must not drop
          expect(g).toBeDefined();
          expect(g!.area_pct).toBeGreaterThanOrEqual(f.area_pct - 1e-6);
        }
      }),
      params,
    );
  });

  it('results do not depend on input order', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { minLength: 1, maxLength: 10 }), (raw) => {
        const sites = toSites(raw);
        const a = analyze({ communes, sites }, {}, { gapPolygons: false });
        const b = analyze(
          { communes: [...communes].reverse(), sites: [...sites].reverse() },
          {},
          { gapPolygons: false },
        );
        for (const u of a.units) {
          const v = b.units.find((x) => x.id === u.id && x.level === u.level)!;
          u.coverage.forEach((c, k) => {
            expect(v.coverage[k]!.area_pct).toBeCloseTo(c.area_pct, 6);
          });
        }
      }),
      params,
    );
  });
});
