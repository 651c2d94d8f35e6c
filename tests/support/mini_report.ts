import type { CoverageReport } from '../../src/core/report/report.ts';
import type { FullUnit } from '../../src/core/run_analysis.ts';

/** A unit of a hand-made report: 4G/5G/any population % (area % the same), no postal or fiber data. */
export function miniUnit(
  id: string,
  name: string,
  level: FullUnit['level'],
  parent: string | null,
  population: number,
  pct: { '4G': number; '5G': number; any: number },
): FullUnit {
  const techs = ['2G', '3G', '4G', '5G', 'any'] as const;
  return {
    id,
    name,
    level,
    parent_id: parent,
    area_km2: 10,
    population,
    coverage: techs.flatMap((t) => {
      const p = t === '4G' || t === '5G' || t === 'any' ? pct[t] : 0;
      return ['all', 'Viettel'].map((operator) => ({
        technology: t,
        operator,
        area_pct: p,
        population_pct: p,
        covered_population: (p / 100) * population,
      }));
    }),
    gaps: [
      {
        technology: '4G',
        area_km2: 10 * (1 - pct['4G'] / 100),
        population: population * (1 - pct['4G'] / 100),
      },
    ],
    postal: null,
    fiber: null,
    villages: {
      villages: 0,
      grid_powered: 0,
      population: 0,
      covered: [],
      dead_zone_villages: 0,
      dead_zone_population: 0,
      commune_centres: 0,
      commune_centres_covered: 0,
    },
  };
}

/** A two-commune, one-district, one-province report (Đắk Nông names, with diacritics). */
export function miniReport(): CoverageReport {
  return {
    generated_at: '2026-06-30T00:00:00.000Z',
    inputs: {
      boundaries: 'b.geojson',
      sites: 's.csv',
      population: null,
      postal: null,
      fiber: null,
      villages: null,
      targets: [],
      config: null,
      synthetic: false,
    },
    method: {
      coverage: 'c',
      area: 'a',
      population_surface: 'uniform',
      population_method_by_commune: {},
      footprint_radii_m: {
        '2G': { rural: 12000, urban: 4000 },
        '3G': { rural: 4000, urban: 1500 },
        '4G': { rural: 4000, urban: 1500 },
        '5G': { rural: 500, urban: 300 },
      },
      footprint_precedence: 'p',
      scanlines_per_commune: 200,
      gap_technologies: ['4G'],
      modelled: 'm',
      postal_counting_rule: ['post_office'],
      postal_radius_formula: 'R',
      postal_distance_km: 3,
      fiber_reach_m: 1000,
      villages: 'v',
    },
    operators: ['Viettel'],
    technologies: ['4G', '5G'],
    units: [
      miniUnit('1', 'Xã Quảng Sơn', 'commune', '10', 1000, { '4G': 50, '5G': 0, any: 90 }),
      miniUnit('2', 'Xã Đắk Ha', 'commune', '10', 3000, { '4G': 90, '5G': 10, any: 100 }),
      miniUnit('10', 'Huyện Đắk Glong', 'district', '67', 4000, { '4G': 80, '5G': 7.5, any: 97.5 }),
      miniUnit('67', 'Đắk Nông', 'province', null, 4000, { '4G': 80, '5G': 7.5, any: 97.5 }),
    ],
    targets: [
      {
        target_id: 'DN-M5',
        unit_id: '67',
        unit_name: 'Đắk Nông',
        level: 'province',
        value: 7.5,
        comparator: '>',
        target_value: 50,
        status: 'not_met',
        gap: 42.5,
        gap_text_vi: 'Còn thiếu',
        gap_text_en: 'Short',
      },
    ],
    dead_zone_villages: [],
    communes_without_staffed_postal_point: [],
    communes_without_cultural_post_point: [],
    villages_out_of_fiber_reach: [],
  };
}
