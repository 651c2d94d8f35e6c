import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { Dem } from '../terrain/dem.ts';
import { antennaGain } from './antenna_gain.ts';
import { basicLossFn } from './basic_loss.ts';
import { knifeEdgeLoss } from './bullington.ts';
import { EFF_FAR_M, EFF_NEAR_M, fillOutside, rangeStep } from './path_profile.ts';
import { DEFAULT_RADIO, type RadioConfig } from './radio_config.ts';
import type { RadioCell } from './radio_types.ts';

/**
 * A cell's received level on a polar grid: `radials` radials at bearings r·angularStep_deg (clockwise
 * from north), each sampled at j·rangeStep_m for j = 1…steps. Index r·(steps + 1) + j; j = 0 is the mast.
 */
export interface PolarCoverage {
  radials: number;
  steps: number;
  angularStep_deg: number;
  rangeStep_m: number;
  /** Received level per sample, dBm (j = 0: +∞). */
  level_dbm: Float32Array;
  /** 1 where the level reaches the technology's threshold (j = 0 always 1). */
  covered: Uint8Array;
  /** Share (0–1) of the samples that fell outside the DEM and used the fallback height. */
  outsideDemShare: number;
}

/*
 * Why the sweep is O(log n) per sample and the same as `pathProfile` except where noted.
 *
 * P.1812 §4.3.1 with C = 500·Ce = 500/ae (distances in km, heights in m): for a receiver at distance d,
 *   Stim(d) = max_i (g_i + C d_i (d − d_i) − hts)/d_i = max_i (y_i − hts)/d_i + C·d,
 *   Srim(d) = max_i (g_i + C d_i (d − d_i) − hrs)/(d − d_i) = max_i (y_i − Yr)/(d − d_i) − C·d,
 * with y_i = g_i − C d_i² (the terrain relative to the earth-curvature parabola) and Yr = hrs − C d².
 * Proof of the second: g_i + C d d_i − C d_i² − hrs = y_i − Yr − C d² + C d d_i = (y_i − Yr) − C d (d − d_i);
 * divide by (d − d_i). The first: (g_i − C d_i² − hts)/d_i + C d = (g_i − hts + C d_i (d − d_i))/d_i.
 * So the curvature term leaves both argmaxes, which are then plain geometric queries on the points
 * (d_i, y_i): Stim's argmax is a running maximum of (y_i − hts)/d_i as the radial grows; Srim's is the
 * largest slope from the query point Q = (d, Yr) back to the points, i.e. the supporting line from Q,
 * which touches the upper convex hull of the points (every point lies below the line through Q with
 * slope −max, so the maximiser is a hull vertex), and along that hull the value is unimodal, so a
 * binary search finds it. The hull of points in increasing d is kept as a stack (amortised O(1) per push).
 * In the non-LOS case the Bullington point then follows exactly as in P.1812.
 *
 * Approximated: in the LOS case (Stim < Str) P.1812 takes ν = max_i of a clearance weighted by
 * √(d/(d_i(d − d_i))), which no hull query gives; the sweep takes the larger ν of the two candidate
 * points above (the transmitter's horizon point and the receiver's hull tangent) and of the previous
 * sample, a lower bound of the true maximum (so the LOS diffraction loss can only be under-estimated).
 * The test `radial_sweep.test.ts` measures the disagreement with `pathProfile`.
 */

/**
 * Sweeps a cell over the DEM: every radial's terrain is sampled at the range step out to the
 * technology's `maxRange_m`, and at each sample the received level is computed as `pathProfile` does
 * (basic loss with the effective height, Bullington diffraction, antenna pattern), incrementally.
 */
export function radialSweep(cell: RadioCell, dem: Dem, config: RadioConfig = DEFAULT_RADIO): PolarCoverage {
  const tech = config.technologies[cell.technology];
  const step = rangeStep(config, dem);
  const steps = Math.max(1, Math.floor(tech.maxRange_m / step + 1e-9));
  const radials = Math.max(4, Math.round(360 / config.sweep.angularStep_deg));
  const angStep = 360 / radials;
  // The cell's local plane (as `localProjection`), inverted with its quadratic east–west scale.
  const kLat = metresPerDegreeLat(cell.lat);
  const k0 = metresPerDegreeLon(cell.lat);
  const k1 = metresPerDegreeLon(cell.lat + 0.5) - metresPerDegreeLon(cell.lat - 0.5);
  const k2 = 2 * (metresPerDegreeLon(cell.lat + 0.5) + metresPerDegreeLon(cell.lat - 0.5) - 2 * k0);
  const basicLoss = basicLossFn(cell.frequency_mhz, config.receiverHeight_m, cell.setting, config).loss;
  const level = new Float32Array(radials * (steps + 1));
  const covered = new Uint8Array(radials * (steps + 1));
  const ae_m = 6_371_000 * config.k;
  const c = 500 / (ae_m / 1000);
  const lambda = 299.792458 / cell.frequency_mhz;
  const hm = config.receiverHeight_m;
  const threshold = tech.threshold_dbm;
  const skm = step / 1000;
  const g = new Float64Array(steps + 1);
  const prefix = new Float64Array(steps + 2);
  const hx = new Float64Array(steps + 1);
  const hy = new Float64Array(steps + 1);
  const hi = new Int32Array(steps + 1);
  let outsideCount = 0;
  const site = dem.elevation(cell.lon, cell.lat);
  for (let r = 0; r < radials; r++) {
    const bearing = r * angStep;
    const sa = Math.sin((bearing * Math.PI) / 180);
    const ca = Math.cos((bearing * Math.PI) / 180);
    g[0] = site;
    for (let j = 1; j <= steps; j++) {
      const dLat = (j * step * ca) / kLat;
      g[j] = dem.elevation(cell.lon + (j * step * sa) / (k0 + dLat * (k1 + dLat * k2)), cell.lat + dLat);
    }
    outsideCount += fillOutside(g);
    prefix[0] = 0;
    for (let j = 0; j <= steps; j++) prefix[j + 1] = prefix[j]! + g[j]!;
    const hts = g[0]! + cell.height_m;
    const base = r * (steps + 1);
    level[base] = Number.POSITIVE_INFINITY;
    covered[base] = 1;
    let bestW = Number.NEGATIVE_INFINITY;
    let bestWi = -1;
    let top = 0; // hull size
    for (let k = 1; k <= steps; k++) {
      const d = k * skm;
      const dm = k * step;
      const hrs = g[k]! + hm;
      let loss = 0;
      if (k >= 2) {
        const stim = bestW + c * d;
        const str = (hrs - hts) / d;
        const yr = hrs - c * d * d;
        // Hull tangent from Q = (d, yr): the vertex maximising (y − yr)/(d − x).
        let lo = 0;
        let up = top - 1;
        while (lo < up) {
          const mid = (lo + up) >> 1;
          const f0 = (hy[mid]! - yr) / (d - hx[mid]!);
          const f1 = (hy[mid + 1]! - yr) / (d - hx[mid + 1]!);
          if (f1 > f0) lo = mid + 1;
          else up = mid;
        }
        const ti = lo;
        let nu: number;
        if (stim < str) {
          const nuAt = (i: number) => {
            const di = i * skm;
            const clear = g[i]! + c * di * (d - di) - (hts * (d - di) + hrs * di) / d;
            return clear * Math.sqrt((0.002 * d) / (lambda * di * (d - di)));
          };
          nu = Math.max(nuAt(bestWi), nuAt(hi[ti]!), nuAt(k - 1));
        } else {
          const srim = (hy[ti]! - yr) / (d - hx[ti]!) - c * d;
          const dbp = (hrs - hts + srim * d) / (stim + srim);
          nu =
            (hts + stim * dbp - (hts * (d - dbp) + hrs * dbp) / d) *
            Math.sqrt((0.002 * d) / (lambda * dbp * (d - dbp)));
        }
        const luc = knifeEdgeLoss(nu);
        loss = luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * d);
      }
      // Effective height: mean terrain over the window, on the samples that fall in it.
      const w1 = Math.min(dm, EFF_FAR_M);
      const w0 = dm < EFF_FAR_M ? dm / 5 : EFF_NEAR_M;
      const a = Math.ceil(w0 / step - 1e-6);
      const b = Math.floor(w1 / step + 1e-6);
      const eff = b >= a ? hts - (prefix[b + 1]! - prefix[a]!) / (b - a + 1) : cell.height_m;
      const basic = basicLoss(eff, dm);
      const depression = (Math.atan((hts - hrs + (dm * dm) / (2 * ae_m)) / dm) * 180) / Math.PI;
      const gain = antennaGain(
        bearing,
        depression,
        cell.azimuth_deg,
        cell.beamwidth_deg,
        cell.tilt_deg,
        config.antenna,
      );
      const rx = cell.eirp_dbm + gain - basic - loss;
      level[base + k] = rx;
      covered[base + k] = rx >= threshold ? 1 : 0;
      // Sample k becomes an intermediate point for the samples beyond it.
      const yk = g[k]! - c * d * d;
      const w = (yk - hts) / d;
      if (w > bestW) {
        bestW = w;
        bestWi = k;
      }
      while (top >= 2) {
        const x1 = hx[top - 2]!;
        const y1 = hy[top - 2]!;
        const x2 = hx[top - 1]!;
        const y2 = hy[top - 1]!;
        if ((x2 - x1) * (yk - y1) - (y2 - y1) * (d - x1) >= 0) top--;
        else break;
      }
      hx[top] = d;
      hy[top] = yk;
      hi[top] = k;
      top++;
    }
  }
  return {
    radials,
    steps,
    angularStep_deg: angStep,
    rangeStep_m: step,
    level_dbm: level,
    covered,
    outsideDemShare: outsideCount / (radials * (steps + 1)),
  };
}
