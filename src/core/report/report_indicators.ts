/**
 * The catalogue of report indicators: every per-unit figure of report.json with its labels in both
 * languages, unit, decimals, better direction and short field name, in the fixed order every export
 * uses (`reportIndicators`).
 *
 * Longer than ~500 lines because it is one ordered list, and most of its length is one literal per
 * indicator: the exports' column order and the unique 10-character Shapefile names come from walking
 * it once, so split by block (mobile, postal, fiber, villages) the order and the name clashes would be
 * spread over several files.
 */
import type { FullUnit } from '../run_analysis.ts';
import type { CoverageReport } from './report.ts';

/** The unit an indicator is written in. */
export type IndicatorUnit = '%' | 'km' | 'km²' | 'm' | 'people' | 'count' | 'people/point' | 'Mb/s' | 'ms';

/** Which block of report.json an indicator comes from. */
export type IndicatorGroup = 'basic' | 'mobile' | 'gap' | 'postal' | 'fiber' | 'villages' | 'measured';

/**
 * One figure of a unit in report.json, with its labels, unit and a short (≤ 10 character) name for
 * formats with short field names (Shapefile's DBF).
 */
export interface ReportIndicator {
  /** Stable id, e.g. `mobile.4G.population_pct`, `mobile.5G.Viettel.area_pct`, `postal.avg_service_radius_km`. */
  id: string;
  group: IndicatorGroup;
  vi: string;
  en: string;
  unit: IndicatorUnit;
  /** At most 10 ASCII characters, unique within the catalogue. */
  short: string;
  /** Decimals worth showing. */
  decimals: number;
  /** Which direction is better, for rankings and for colouring a change; null when neither. */
  better: 'higher' | 'lower' | null;
  /** Whether it is one of the headline indicators (used for comparisons and the PDF tables). */
  key: boolean;
  /** The value for a unit; null when the unit has no such figure (no postal data, no village…). */
  get: (u: FullUnit) => number | null;
}

const TECH_KEYS = ['2G', '3G', '4G', '5G', 'any'] as const;
const techVi = (t: string) => (t === 'any' ? 'mọi công nghệ' : t);
const techEn = (t: string) => (t === 'any' ? 'any technology' : t);
const techShort = (t: string) => (t === 'any' ? 'A' : t.slice(0, 1));

/** An operator's 3-letter short code from its name (`Viettel` → `VIE`). */
function operatorShort(name: string): string {
  const letters = name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  return (letters || 'OP').slice(0, 3);
}

function cov(u: FullUnit, technology: string, operator: string) {
  return u.coverage.find((c) => c.technology === technology && c.operator === operator) ?? null;
}

const num = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/**
 * Every indicator a report carries per unit, in a fixed order: population and area; mobile coverage
 * (population %, area %, covered people) for each technology at any operator, then per operator; gap
 * area and people per gap technology; postal, fiber and village figures. The list depends on the
 * report's operators and gap technologies, so exports of one report always share one schema.
 */
export function reportIndicators(report: Pick<CoverageReport, 'operators' | 'method'>): ReportIndicator[] {
  const out: ReportIndicator[] = [
    {
      id: 'population',
      group: 'basic',
      vi: 'Dân số',
      en: 'Population',
      unit: 'people',
      short: 'pop',
      decimals: 0,
      better: null,
      key: true,
      get: (u) => u.population,
    },
    {
      id: 'area_km2',
      group: 'basic',
      vi: 'Diện tích',
      en: 'Area',
      unit: 'km²',
      short: 'area_km2',
      decimals: 2,
      better: null,
      key: true,
      get: (u) => u.area_km2,
    },
  ];
  const operators: { key: string; vi: string; en: string; short: string }[] = [
    { key: 'all', vi: '', en: '', short: '' },
    ...report.operators.map((o) => ({ key: o, vi: `, ${o}`, en: `, ${o}`, short: operatorShort(o) })),
  ];
  for (const op of operators) {
    for (const t of TECH_KEYS) {
      const base = op.key === 'all' ? `mobile.${t}` : `mobile.${t}.${op.key}`;
      const key = op.key === 'all' && t !== '2G' && t !== '3G';
      out.push(
        {
          id: `${base}.population_pct`,
          group: 'mobile',
          vi: `Dân số được phủ sóng ${techVi(t)}${op.vi}`,
          en: `${techEn(t)} population coverage${op.en}`,
          unit: '%',
          short: `pp${techShort(t)}${op.short}`,
          decimals: 2,
          better: 'higher',
          key,
          get: (u) => num(cov(u, t, op.key)?.population_pct),
        },
        {
          id: `${base}.area_pct`,
          group: 'mobile',
          vi: `Diện tích được phủ sóng ${techVi(t)}${op.vi}`,
          en: `${techEn(t)} area coverage${op.en}`,
          unit: '%',
          short: `ap${techShort(t)}${op.short}`,
          decimals: 2,
          better: 'higher',
          key,
          get: (u) => num(cov(u, t, op.key)?.area_pct),
        },
        {
          id: `${base}.covered_population`,
          group: 'mobile',
          vi: `Số dân được phủ sóng ${techVi(t)}${op.vi}`,
          en: `People covered by ${techEn(t)}${op.en}`,
          unit: 'people',
          short: `cp${techShort(t)}${op.short}`,
          decimals: 0,
          better: 'higher',
          key: false,
          get: (u) => num(cov(u, t, op.key)?.covered_population),
        },
      );
    }
  }
  // The populated area (khu vực có dân cư), when the report has one: any operator only.
  if (report.method.populated_area !== undefined) {
    out.push({
      id: 'populated_area_km2',
      group: 'mobile',
      vi: 'Diện tích khu vực có dân cư',
      en: 'Populated area',
      unit: 'km²',
      short: 'popAreaKm2',
      decimals: 2,
      better: null,
      key: false,
      get: (u) => num(u.populated_area_km2),
    });
    for (const t of TECH_KEYS)
      out.push({
        id: `mobile.${t}.populated_area_pct`,
        group: 'mobile',
        vi: `Khu vực có dân cư được phủ sóng ${techVi(t)}`,
        en: `${techEn(t)} populated-area coverage`,
        unit: '%',
        short: `pa${techShort(t)}`,
        decimals: 2,
        better: 'higher',
        key: false,
        get: (u) => num(cov(u, t, 'all')?.populated_area_pct),
      });
  }
  for (const t of report.method.gap_technologies) {
    out.push(
      {
        id: `gap.${t}.area_km2`,
        group: 'gap',
        vi: `Diện tích lõm sóng ${techVi(t)}`,
        en: `Area without ${techEn(t)}`,
        unit: 'km²',
        short: `gapA${techShort(t)}`,
        decimals: 2,
        better: 'lower',
        key: true,
        get: (u) => num(u.gaps.find((g) => g.technology === t)?.area_km2),
      },
      {
        id: `gap.${t}.population`,
        group: 'gap',
        vi: `Dân số chưa có sóng ${techVi(t)}`,
        en: `People without ${techEn(t)}`,
        unit: 'people',
        short: `gapP${techShort(t)}`,
        decimals: 0,
        better: 'lower',
        key: true,
        get: (u) => num(u.gaps.find((g) => g.technology === t)?.population),
      },
    );
  }
  const p = (
    id: string,
    short: string,
    vi: string,
    en: string,
    unit: IndicatorUnit,
    decimals: number,
    better: ReportIndicator['better'],
    key: boolean,
    get: (b: NonNullable<FullUnit['postal']>) => number | null | undefined,
  ): ReportIndicator => ({
    id: `postal.${id}`,
    group: 'postal',
    vi,
    en,
    unit,
    short,
    decimals,
    better,
    key,
    get: (u) => (u.postal ? num(get(u.postal)) : null),
  });
  out.push(
    p(
      'points',
      'pst_n',
      'Số điểm phục vụ bưu chính (được tính)',
      'Postal points (counted)',
      'count',
      0,
      'higher',
      true,
      (b) => b.points,
    ),
    p(
      'staffed_points',
      'pst_staff',
      'Điểm có người phục vụ',
      'Staffed postal points',
      'count',
      0,
      'higher',
      false,
      (b) => b.staffed_points,
    ),
    p(
      'avg_service_radius_km',
      'pst_r_km',
      'Bán kính phục vụ bình quân',
      'Average service radius',
      'km',
      3,
      'lower',
      true,
      (b) => b.avg_service_radius_km,
    ),
    p(
      'population_per_point',
      'pst_ppp',
      'Số dân phục vụ bình quân',
      'Population per point',
      'people/point',
      0,
      'lower',
      false,
      (b) => b.population_per_point,
    ),
    p(
      'points_needed_3km',
      'pst_need3',
      'Số điểm cần thêm để R̄ ≤ 3 km',
      'Points needed for R̄ ≤ 3 km',
      'count',
      0,
      'lower',
      true,
      (b) => b.points_needed_3km,
    ),
    p(
      'staffed_with_internet_pct',
      'pst_inet_p',
      'Điểm có người phục vụ có Internet',
      'Staffed points with Internet',
      '%',
      2,
      'higher',
      false,
      (b) => b.staffed_with_internet_pct,
    ),
    p(
      'online_services_pct',
      'pst_onl_p',
      'Điểm hỗ trợ dịch vụ công trực tuyến',
      'Points helping with online public services',
      '%',
      2,
      'higher',
      false,
      (b) => b.online_services_pct,
    ),
    p(
      'beyond_distance_area_pct',
      'pst_b3a_p',
      'Diện tích cách điểm có người phục vụ > 3 km',
      'Area > 3 km from a staffed point',
      '%',
      2,
      'lower',
      false,
      (b) => b.beyond_distance_area_pct,
    ),
    p(
      'beyond_distance_population_pct',
      'pst_b3p_p',
      'Dân số cách điểm có người phục vụ > 3 km',
      'Population > 3 km from a staffed point',
      '%',
      2,
      'lower',
      true,
      (b) => b.beyond_distance_population_pct,
    ),
    p(
      'beyond_distance_population',
      'pst_b3p',
      'Số dân cách điểm có người phục vụ > 3 km',
      'People > 3 km from a staffed point',
      'people',
      0,
      'lower',
      false,
      (b) => b.beyond_distance_population,
    ),
    p(
      'communes_with_staffed_point',
      'pst_c_stf',
      'Số xã có điểm có người phục vụ',
      'Communes with a staffed point',
      'count',
      0,
      'higher',
      false,
      (b) => b.communes_with_staffed_point,
    ),
    p(
      'communes_with_cultural_point',
      'pst_c_cul',
      'Số xã có điểm BĐVHX',
      'Communes with a cultural post point',
      'count',
      0,
      'higher',
      false,
      (b) => b.communes_with_cultural_point,
    ),
  );
  const f = (
    id: string,
    short: string,
    vi: string,
    en: string,
    unit: IndicatorUnit,
    decimals: number,
    key: boolean,
    get: (b: NonNullable<FullUnit['fiber']>) => number | null | undefined,
  ): ReportIndicator => ({
    id: `fiber.${id}`,
    group: 'fiber',
    vi,
    en,
    unit,
    short,
    decimals,
    better: 'higher',
    key,
    get: (u) => (u.fiber ? num(get(u.fiber)) : null),
  });
  out.push(
    f(
      'route_km',
      'fbr_km',
      'Chiều dài tuyến cáp quang',
      'Fiber route length',
      'km',
      2,
      false,
      (b) => b.route_km,
    ),
    f(
      'population_within_reach_pct',
      'fbr_pop_p',
      'Dân số trong tầm cáp quang',
      'Population within fiber reach',
      '%',
      2,
      true,
      (b) => b.population_within_reach_pct,
    ),
    f(
      'population_within_reach',
      'fbr_pop',
      'Số dân trong tầm cáp quang',
      'People within fiber reach',
      'people',
      0,
      false,
      (b) => b.population_within_reach,
    ),
    f(
      'area_within_reach_pct',
      'fbr_area_p',
      'Diện tích trong tầm cáp quang',
      'Area within fiber reach',
      '%',
      2,
      false,
      (b) => b.area_within_reach_pct,
    ),
    f(
      'villages_within_reach_pct',
      'fbr_vil_p',
      'Thôn trong tầm cáp quang',
      'Villages within fiber reach',
      '%',
      2,
      true,
      (b) => b.villages_within_reach_pct,
    ),
    f(
      'communes_centre_within_reach',
      'fbr_ctr',
      'Số trung tâm xã trong tầm cáp quang',
      'Commune centres within fiber reach',
      'count',
      0,
      false,
      (b) => b.communes_centre_within_reach,
    ),
  );
  const v = (
    id: string,
    short: string,
    vi: string,
    en: string,
    unit: IndicatorUnit,
    decimals: number,
    better: ReportIndicator['better'],
    key: boolean,
    get: (b: FullUnit['villages']) => number | null | undefined,
  ): ReportIndicator => ({
    id: `villages.${id}`,
    group: 'villages',
    vi,
    en,
    unit,
    short,
    decimals,
    better,
    key,
    get: (u) => num(get(u.villages)),
  });
  const vc = (b: FullUnit['villages'], t: string) => b.covered.find((c) => c.technology === t);
  out.push(
    v('villages', 'vil_n', 'Số thôn', 'Villages', 'count', 0, null, false, (b) => b.villages),
    v(
      'grid_powered',
      'vil_grid',
      'Số thôn có điện lưới',
      'Grid-powered villages',
      'count',
      0,
      null,
      false,
      (b) => b.grid_powered,
    ),
    v(
      '4G.villages_covered_pct',
      'vil4G_p',
      'Thôn có sóng 4G',
      'Villages with 4G',
      '%',
      2,
      'higher',
      true,
      (b) => vc(b, '4G')?.villages_covered_pct,
    ),
    v(
      '5G.villages_covered_pct',
      'vil5G_p',
      'Thôn có sóng 5G',
      'Villages with 5G',
      '%',
      2,
      'higher',
      false,
      (b) => vc(b, '5G')?.villages_covered_pct,
    ),
    v(
      'any.villages_covered_pct',
      'vilA_p',
      'Thôn có sóng di động',
      'Villages with a mobile signal',
      '%',
      2,
      'higher',
      false,
      (b) => vc(b, 'any')?.villages_covered_pct,
    ),
    v(
      '4G.grid_powered_covered_pct',
      'vilg4G_p',
      'Thôn có điện lưới có sóng 4G',
      'Grid-powered villages with 4G',
      '%',
      2,
      'higher',
      true,
      (b) => vc(b, '4G')?.grid_powered_covered_pct,
    ),
    v(
      'dead_zone_villages',
      'vil_dead',
      'Số thôn lõm sóng 4G',
      'Dead-zone villages (no 4G)',
      'count',
      0,
      'lower',
      true,
      (b) => b.dead_zone_villages,
    ),
    v(
      'dead_zone_population',
      'vil_dpop',
      'Dân số thôn lõm sóng 4G',
      'People in dead-zone villages',
      'people',
      0,
      'lower',
      false,
      (b) => b.dead_zone_population,
    ),
    v(
      'commune_centres_covered',
      'vil_ctr_c',
      'Trung tâm xã có sóng di động',
      'Commune centres with a mobile signal',
      'count',
      0,
      'higher',
      false,
      (b) => b.commune_centres_covered,
    ),
  );
  if (report.method.measured) out.push(...measuredIndicators());
  return uniqueShorts(out);
}

/**
 * The measured (speed-test) figures of every unit, any operator: tests, mean and median download,
 * share of tests at or above the technology's threshold, per technology; mean upload and latency over
 * every test. Labelled "đo thực tế" / "measured"; present only in a report with speed tests.
 */
function measuredIndicators(): ReportIndicator[] {
  const group = (u: FullUnit, t: string) =>
    u.measured?.groups.find((g) => g.technology === t && g.operator === 'all') ?? null;
  const out: ReportIndicator[] = [];
  const m = (
    id: string,
    short: string,
    vi: string,
    en: string,
    unit: IndicatorUnit,
    decimals: number,
    better: ReportIndicator['better'],
    key: boolean,
    t: string,
    pick: (g: NonNullable<ReturnType<typeof group>>) => number | null,
  ): ReportIndicator => ({
    id: `measured.${t}.${id}`,
    group: 'measured',
    vi: `${vi} (đo thực tế)`,
    en: `${en} (measured)`,
    unit,
    short,
    decimals,
    better,
    key,
    get: (u) => {
      const g = group(u, t);
      return g && g.tests > 0 ? num(pick(g)) : null;
    },
  });
  for (const t of ['4G', '5G', 'any'] as const) {
    const s = techShort(t);
    out.push(
      m(
        'tests',
        `mt${s}`,
        `Số lần đo ${techVi(t)}`,
        `${techEn(t)} tests`,
        'count',
        0,
        null,
        false,
        t,
        (g) => g.tests,
      ),
      m(
        'download_mean_mbps',
        `md${s}`,
        `Tốc độ tải xuống trung bình ${techVi(t)}`,
        `${techEn(t)} mean download`,
        'Mb/s',
        1,
        'higher',
        t !== 'any',
        t,
        (g) => g.download_mean_mbps,
      ),
      m(
        'download_median_mbps',
        `mm${s}`,
        `Tốc độ tải xuống trung vị ${techVi(t)}`,
        `${techEn(t)} median download`,
        'Mb/s',
        1,
        'higher',
        false,
        t,
        (g) => g.download_median_mbps,
      ),
      m(
        'tests_at_or_above_pct',
        `ms${s}`,
        `Tỷ lệ lần đo ${techVi(t)} đạt ngưỡng`,
        `${techEn(t)} tests at or above the threshold`,
        '%',
        2,
        'higher',
        false,
        t,
        (g) => g.tests_at_or_above_pct,
      ),
    );
  }
  out.push(
    m(
      'upload_mean_mbps',
      'muA',
      'Tốc độ tải lên trung bình',
      'Mean upload',
      'Mb/s',
      1,
      'higher',
      false,
      'any',
      (g) => g.upload_mean_mbps,
    ),
    m(
      'latency_mean_ms',
      'mlA',
      'Độ trễ trung bình',
      'Mean latency',
      'ms',
      0,
      'lower',
      false,
      'any',
      (g) => g.latency_mean_ms,
    ),
  );
  return out;
}

/** Makes the short names unique (a digit suffix replaces the last characters on a clash). */
function uniqueShorts(list: ReportIndicator[]): ReportIndicator[] {
  const seen = new Set<string>();
  return list.map((ind) => {
    let s = ind.short.slice(0, 10);
    for (let k = 2; seen.has(s.toLowerCase()); k++) s = `${ind.short.slice(0, 10 - String(k).length)}${k}`;
    seen.add(s.toLowerCase());
    return s === ind.short ? ind : { ...ind, short: s };
  });
}
