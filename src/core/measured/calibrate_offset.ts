/**
 * Calibration with terrain: per operator and technology, the loss offset Δ (dB, added to every path
 * loss of that operator's cells of that technology) that best agrees with the speed tests. Each test's
 * margin is the best received level over the nearest cells (`pathProfile` over the DEM) minus the
 * technology's threshold; at offset Δ the test lies inside the modelled coverage when margin − Δ ≥ 0,
 * and its verdict is `verdictOf` (the agreement rule of `modelAgreement`). Applied only when asked for.
 */
import Flatbush from 'flatbush';
import { cellsOf } from '../base/site_cells.ts';
import type { SpeedTest, SpeedThresholds } from '../base/speed_tests.ts';
import type { Cell, Setting, Site, Technology } from '../base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { pathProfile } from '../propagation/path_profile.ts';
import type { RadioConfig } from '../propagation/radio_config.ts';
import type { RadioCell } from '../propagation/radio_types.ts';
import type { Dem } from '../terrain/dem.ts';
import { MIN_FIT_TESTS } from './calibrate_radius.ts';
import { serviceLevels, verdictOf } from './model_agreement.ts';

/** The offsets scanned, dB: from −`OFFSET_SPAN_DB` to +`OFFSET_SPAN_DB` in `OFFSET_STEP_DB` steps. */
export const OFFSET_SPAN_DB = 20;
export const OFFSET_STEP_DB = 0.5;
/** Sites looked at per test (the nearest ones within the technology's `maxRange_m`). */
const NEAREST = 4;
/**
 * At most this many records of one operator and technology are used (every k-th, in input order),
 * so that the fit stays a few seconds with 100,000 tests; the percentages are over those records.
 */
export const MAX_FIT_RECORDS = 5000;

/** The fitted loss offset of one operator and technology. */
export interface OffsetFit {
  operator: string;
  technology: Technology;
  /** Tests used (naming both the operator and the technology; a tile counts with its tests; see `MAX_FIT_RECORDS`). */
  tests: number;
  /** The loss offset, dB: added to the path loss (positive: the model was too optimistic). */
  offset_db: number;
  /** Tests that agree with the model (`verdictOf`), at Δ = 0 and at the fitted Δ (%). */
  agreement_before_pct: number;
  agreement_after_pct: number;
}

/**
 * Each test's margin, dB: the best received level over the nearest cells of the technology (sites
 * within `maxRange_m`, nearest `NEAREST`) minus the technology's threshold; −∞ with no cell in range.
 */
export function testMargins(
  tests: readonly SpeedTest[],
  sites: readonly Site[],
  technology: Technology,
  dem: Dem,
  radio: RadioConfig,
  settingOf: (site: Site) => Setting,
  resolve: (site: Site, cell: Cell, setting: Setting) => RadioCell,
): number[] {
  const tech = radio.technologies[technology];
  const cells = sites.map((s) => {
    const setting = settingOf(s);
    return cellsOf(s)
      .filter((c) => c.technology === technology)
      .map((c) => resolve(s, c, setting));
  });
  const index = new Flatbush(Math.max(1, sites.length));
  for (const s of sites) index.add(s.lon, s.lat, s.lon, s.lat);
  if (sites.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return tests.map((t) => {
    let best = Number.NEGATIVE_INFINITY;
    if (sites.length === 0) return best;
    const kx = metresPerDegreeLon(t.lat);
    const ky = metresPerDegreeLat(t.lat);
    for (const i of index.neighbors(t.lon, t.lat, NEAREST, tech.maxRange_m / Math.min(kx, ky))) {
      const s = sites[i]!;
      if (Math.hypot((t.lon - s.lon) * kx, (t.lat - s.lat) * ky) > tech.maxRange_m) continue;
      for (const c of cells[i]!) {
        const p = pathProfile(c, dem, t.lon, t.lat, radio);
        best = Math.max(best, p.received_dbm - tech.threshold_dbm);
      }
    }
    return best;
  });
}

/**
 * Fits the loss offset of every operator × technology with at least `MIN_FIT_TESTS` tests naming
 * both, over the tests and sites on the DEM (a site off it keeps its circle, as in the analysis): the Δ in [−20, +20] dB (0.5 dB steps) with the most agreeing tests, ties to the smallest |Δ|.
 * `resolve` gives a cell's radio parameters (the terrain model's); `radio` the link budget. Over
 * `MAX_FIT_RECORDS` records, every k-th is used.
 */
export function calibrateOffsets(
  tests: readonly SpeedTest[],
  sites: readonly Site[],
  dem: Dem,
  radio: RadioConfig,
  settingOf: (site: Site) => Setting,
  thresholds: SpeedThresholds,
  resolve: (site: Site, cell: Cell, setting: Setting) => RadioCell,
): OffsetFit[] {
  const groups = new Map<string, SpeedTest[]>();
  const onDem = (lon: number, lat: number) => !Number.isNaN(dem.elevation(lon, lat));
  for (const t of tests) {
    if (t.operator === null || t.technology === null || !onDem(t.lon, t.lat)) continue;
    const key = `${t.operator}\u0000${t.technology}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const fits: OffsetFit[] = [];
  for (const [key, all] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const stride = Math.ceil(all.length / MAX_FIT_RECORDS);
    const sel = stride > 1 ? all.filter((_t, j) => j % stride === 0) : all;
    const [operator, tech] = key.split('\u0000') as [string, Technology];
    const n = sel.reduce((s, t) => s + t.tests, 0);
    const mine = sites.filter(
      (s) => s.operator === operator && onDem(s.lon, s.lat) && cellsOf(s).some((c) => c.technology === tech),
    );
    if (n < MIN_FIT_TESTS || mine.length === 0) continue;
    const levels = serviceLevels(tech, thresholds);
    const margin = testMargins(sel, mine, tech, dem, radio, settingOf, resolve);
    const agreeing = (delta: number) =>
      sel.reduce(
        (s, t, j) =>
          s + (verdictOf(margin[j]! - delta >= 0, t.downloadMbps, levels) === 'agree' ? t.tests : 0),
        0,
      );
    const steps = Math.round(OFFSET_SPAN_DB / OFFSET_STEP_DB);
    let bestAt = 0;
    let best = agreeing(0);
    // Outwards from 0, so that the first best found is the one with the smallest |Δ| (− before +).
    for (let k = 1; k <= steps; k++)
      for (const delta of [-k * OFFSET_STEP_DB, k * OFFSET_STEP_DB]) {
        const a = agreeing(delta);
        if (a > best) {
          best = a;
          bestAt = delta;
        }
      }
    fits.push({
      operator,
      technology: tech,
      tests: n,
      offset_db: bestAt,
      agreement_before_pct: (100 * agreeing(0)) / n,
      agreement_after_pct: (100 * best) / n,
    });
  }
  return fits;
}

/**
 * The sites with the fitted offsets applied: a loss offset Δ is the same as an EIRP Δ dB lower, so
 * every cell of a fitted operator and technology gets its resolved EIRP (`resolve`) − Δ as its own.
 * With `dem`, sites off it (which keep their circles) are left as they are.
 */
export function applyOffsets(
  sites: readonly Site[],
  fits: readonly OffsetFit[],
  settingOf: (site: Site) => Setting,
  resolve: (site: Site, cell: Cell, setting: Setting) => RadioCell,
  dem: Dem | null = null,
): Site[] {
  const byKey = new Map(
    fits.filter((f) => f.offset_db !== 0).map((f) => [`${f.operator}\u0000${f.technology}`, f]),
  );
  return sites.map((site) => {
    const cells = cellsOf(site);
    if (dem && Number.isNaN(dem.elevation(site.lon, site.lat))) return site;
    if (!cells.some((c) => byKey.has(`${site.operator}\u0000${c.technology}`))) return site;
    const setting = settingOf(site);
    return {
      ...site,
      cells: cells.map((c) => {
        const fit = byKey.get(`${site.operator}\u0000${c.technology}`);
        return fit ? { ...c, eirp_dbm: resolve(site, c, setting).eirp_dbm - fit.offset_db } : c;
      }),
    };
  });
}
