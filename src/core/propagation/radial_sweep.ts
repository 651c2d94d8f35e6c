import type { Dem } from '../terrain/dem.ts';
import { basicLossFn } from './basic_loss.ts';
import { bullington, knifeEdgeLoss } from './bullington.ts';
import { KNIFE_EDGE_TABLE } from './knife_edge_table.ts';
import { EFF_FAR_M, EFF_NEAR_M, rangeStep } from './path_profile.ts';
import { type RadialTerrain, radialTerrain } from './radial_terrain.ts';
import { DEFAULT_RADIO, type RadioConfig } from './radio_config.ts';
import type { RadioCell } from './radio_types.ts';

/** J(0), dB: the largest knife-edge loss of a line-of-sight path (every clearance there is below 0). */
const J0 = knifeEdgeLoss(0);

/** The smooth-earth terms of recent cells, by step, samples, heights, earth radius and frequency. */
const smoothTerms = new Map<string, { smooth: Float64Array; losMax: Float64Array }>();

/** The smooth-earth arrays of a cell (NaN until computed), shared with the cells that have the same. */
function smoothEarth(step: number, steps: number, mast: number, hm: number, ae: number, f: number) {
  const key = `${step}|${steps}|${mast}|${hm}|${ae}|${f}`;
  let held = smoothTerms.get(key);
  if (!held) {
    if (smoothTerms.size >= 64) smoothTerms.clear();
    held = {
      smooth: new Float64Array(steps + 1).fill(Number.NaN),
      losMax: new Float64Array(steps + 1).fill(Number.NaN),
    };
    smoothTerms.set(key, held);
  }
  return held;
}

/**
 * What the cells of one site have in common (the same terrain, mast height, receiver height and earth
 * radius: in the sample every site's cells share one mast), per sample (stride `terrain.steps + 1`,
 * as the terrain's heights): the effective height (rows filled from sample 1 to `effTo[r]`), its
 * clamped log10 for the Hata forms, and the mast's depression angle (NaN until a cell needs them). Each
 * is the expression a cell alone would compute, so a cell's result is the same bits either way.
 */
interface SiteShare {
  terrain: RadialTerrain;
  mast: number;
  hm: number;
  ae: number;
  effs: Float64Array;
  effTo: Int32Array;
  lhb: Float64Array;
  depression: Float64Array;
}
let share: SiteShare | null = null;

/**
 * The site's shared values: kept when the terrain (the same object: the same site) and the heights
 * match, else started afresh on the last site's buffers (grown when too short).
 */
function siteShare(terrain: RadialTerrain, mast: number, hm: number, ae: number): SiteShare {
  const held = share;
  if (held && held.terrain === terrain && held.mast === mast && held.hm === hm && held.ae === ae) return held;
  const n = terrain.radials * (terrain.steps + 1);
  const fits = held !== null && held.effs.length >= n;
  const next: SiteShare = {
    terrain,
    mast,
    hm,
    ae,
    effs: fits ? held.effs : new Float64Array(n),
    effTo: new Int32Array(terrain.radials),
    lhb: fits ? held.lhb : new Float64Array(n),
    depression: fits ? held.depression : new Float64Array(n),
  };
  next.lhb.fill(Number.NaN, 0, n);
  next.depression.fill(Number.NaN, 0, n);
  share = next;
  return next;
}

/**
 * A cell's received level on a polar grid: `radials` radials at bearings r·angularStep_deg (clockwise
 * from north), each sampled at j·rangeStep_m for j = 1…steps. Index r·(steps + 1) + j; j = 0 is the mast.
 */
export interface PolarCoverage {
  radials: number;
  steps: number;
  angularStep_deg: number;
  rangeStep_m: number;
  /**
   * Received level per sample, dBm (j = 0: +∞). Everywhere exact with `exactLevels`. Otherwise only
   * which side of the threshold it is on is exact: a covered sample's level is exact, or, in line of
   * sight where even the largest line-of-sight diffraction loss leaves it covered, a lower bound (at
   * least the threshold), or the tabled level less the table's error; an uncovered sample's is exact,
   * an upper bound below the threshold (the level without diffraction, with Luc alone, or the tabled
   * level plus the table's error), or −∞ past the distance from which nothing on the radial can reach
   * the threshold.
   */
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
 * points above (the transmitter's horizon point and the receiver's hull tangent, with its two hull
 * neighbours) and of the samples 1, 2, 4, 8, … steps before the receiver (where the ground next to a
 * low receiver clips the Fresnel zone), a lower bound of the true maximum, so the LOS diffraction loss
 * can only be under-estimated. Both then subtract the exact smooth-earth Bullington loss.
 * The test `radial_sweep.test.ts` measures the disagreement with `pathProfile`.
 */

/**
 * Sweeps a cell over the DEM: every radial's terrain is sampled at the range step out to the
 * technology's `maxRange_m` (`radialTerrain`, shared with the other cells of the same site), and at
 * each sample the received level is computed as `pathProfile` does (basic loss with the effective
 * height, Bullington diffraction, antenna pattern), incrementally. Where even the level without
 * diffraction and with the radial's horizontal pattern alone misses the threshold, the sample is
 * uncovered and neither the vertical pattern nor the diffraction is computed (the level kept is that
 * upper bound); and where a line-of-sight sample stays covered even with the largest loss a line-of-
 * sight path can have (ν ≤ 0, so Luc ≤ J(0) ≈ 6.03 dB), its ν is not computed (the level kept is that
 * lower bound); and elsewhere Bullington's loss is read from a table of ν (`KNIFE_EDGE_TABLE`, within
 * about 0.0015 dB), the formulas computed only where that leaves a sample within the table's error of
 * the threshold (the level kept is the bound on its side). None of these changes which samples are
 * covered. `exactLevels` asks for every level.
 */
export function radialSweep(
  cell: RadioCell,
  dem: Dem,
  config: RadioConfig = DEFAULT_RADIO,
  exactLevels = false,
): PolarCoverage {
  const tech = config.technologies[cell.technology];
  const step = rangeStep(config, dem);
  const steps = Math.max(1, Math.floor(tech.maxRange_m / step + 1e-9));
  const radials = Math.max(4, Math.round(360 / config.sweep.angularStep_deg));
  const angStep = 360 / radials;
  const terrain = radialTerrain(dem, cell.lon, cell.lat, step, radials, steps);
  const loss = basicLossFn(cell.frequency_mhz, config.receiverHeight_m, cell.setting, config);
  const basicLoss = loss.loss;
  const hata = loss.hata;
  const level = new Float32Array(radials * (steps + 1));
  const covered = new Uint8Array(radials * (steps + 1));
  const ae_m = 6_371_000 * config.k;
  const c = 500 / (ae_m / 1000);
  const lambda = 299.792458 / cell.frequency_mhz;
  const hm = config.receiverHeight_m;
  const threshold = tech.threshold_dbm;
  const eirp = cell.eirp_dbm;
  const mast = cell.height_m;
  const { am_db: am, verticalBeamwidth_deg: vbw, slav_db: slav } = config.antenna;
  const tilt = cell.tilt_deg;
  const sector = cell.azimuth_deg !== undefined && cell.beamwidth_deg !== undefined;
  const skm = step / 1000;
  // The terrain's rows (stride S1 for heights, S2 for prefix sums) may be longer than this cell's.
  const S1 = terrain.steps + 1;
  const S2 = terrain.steps + 2;
  const G = terrain.heights;
  const P = terrain.prefix;
  // Effective height, its Hata log and the depression angle at each sample, shared with the site's
  // other cells; the highest effective height from each sample to the radial's end, this cell's own.
  const sh = siteShare(terrain, mast, hm, ae_m);
  const E = sh.effs;
  const LH = sh.lhb;
  const DP = sh.depression;
  const effMax = new Float64Array(steps + 2);
  // The effective-height window of each sample, [winA, winB] in samples (the same on every radial);
  // from `far` on (15 km) it is 3–15 km for every sample, so the effective height stays the same.
  const winA = new Int32Array(steps + 1);
  const winB = new Int32Array(steps + 1);
  let far = steps + 1;
  for (let k = steps; k >= 1; k--) {
    const dm = k * step;
    const w1 = Math.min(dm, EFF_FAR_M);
    const w0 = dm < EFF_FAR_M ? dm / 5 : EFF_NEAR_M;
    winA[k] = Math.ceil(w0 / step - 1e-6);
    winB[k] = Math.floor(w1 / step + 1e-6);
    if (dm >= EFF_FAR_M) far = k;
  }
  const hx = new Float64Array(steps + 1);
  const hy = new Float64Array(steps + 1);
  const hi = new Int32Array(steps + 1);
  // The smooth-earth Bullington loss of the same antennas at each sample distance (as `pathProfile`
  // subtracts it): the same on every radial, so computed once (exactly, when first needed).
  const dKm = new Float64Array(steps + 1);
  const logD = new Float64Array(steps + 1);
  for (let j = 0; j <= steps; j++) {
    dKm[j] = j * skm;
    logD[j] = Math.log10(Math.max(20, j * step));
  }
  // Per-sample constants, the same on every radial (each the expression the loop would compute, so the
  // same bits): the free-space floor of the Hata forms, the earth's bulge over the mast's depression
  // angle, the LOS pruning bound on a clearance, and the Fresnel weights of the samples k − 2^m.
  const hataFloor = new Float64Array(steps + 1);
  const bulge = new Float64Array(steps + 1);
  const clearMinAt = new Float64Array(steps + 1);
  const M = Math.floor(Math.log2(Math.max(1, steps))) + 1;
  const weightBack = new Float64Array((steps + 1) * M);
  for (let k = 1; k <= steps; k++) {
    const d = k * skm;
    const dm = k * step;
    if (hata) hataFloor[k] = 20 * logD[k]! + hata.fs;
    bulge[k] = (dm * dm) / (2 * ae_m);
    const q = (0.002 * d) / lambda;
    clearMinAt[k] = (-0.78 * 1.000001 * d) / (2 * Math.sqrt(q));
    for (let m = 0, back = 1; m < M && k - back >= 1; m++, back *= 2) {
      const di = (k - back) * skm;
      weightBack[k * M + m] = Math.sqrt(q / (di * (d - di)));
    }
  }
  const KT = KNIFE_EDGE_TABLE;
  const KJ = KT.j;
  const KA = KT.a;
  const zeros = new Float64Array(steps + 1);
  // With the largest line-of-sight loss at each sample (from J(0)); both NaN until first needed, and
  // kept for the next cells with the same antennas, frequency and samples (most of a sample's sites).
  const { smooth, losMax } = smoothEarth(step, steps, mast, hm, ae_m, cell.frequency_mhz);
  let outsideCount = 0;
  for (let r = 0; r < radials; r++) {
    const bearing = r * angStep;
    const gb = r * S1;
    const pb = r * S2;
    outsideCount += terrain.outside[gb + steps]!;
    // The horizontal pattern at this bearing (as `antennaGain`): the whole gain is never above it.
    let ah = 0;
    if (sector) {
      const phi = ((((bearing - cell.azimuth_deg!) % 360) + 540) % 360) - 180;
      const u = phi / cell.beamwidth_deg!;
      ah = -Math.min(12 * (u * u), am);
    }
    const hts = G[gb]! + mast;
    const base = r * (steps + 1);
    level[base] = Number.POSITIVE_INFINITY;
    covered[base] = 1;
    // Effective height: mean terrain over the window (d/5 to d, or 3 to 15 km from 15 km on), on the
    // samples that fall in it, never below the mast's own height (terrain above the mast's foot costs
    // through diffraction, not twice).
    // From `far` on the window is the same (3–15 km), so are the effective height and its maximum.
    const effAt = (k: number) => {
      const a = winA[k]!;
      const b = winB[k]!;
      return b >= a ? Math.max(mast, hts - (P[pb + b + 1]! - P[pb + a]!) / (b - a + 1)) : mast;
    };
    const from = sh.effTo[r]! + 1;
    if (from <= steps) {
      for (let k = from; k < Math.min(far, steps + 1); k++) E[gb + k] = effAt(k);
      if (far <= steps) E.fill(effAt(far), gb + Math.max(far, from), gb + steps + 1);
      sh.effTo[r] = steps;
    }
    effMax[steps + 1] = Number.NEGATIVE_INFINITY;
    if (far <= steps) effMax.fill(E[gb + far]!, far, steps + 1);
    for (let k = Math.min(far, steps + 1) - 1; k >= 1; k--) effMax[k] = Math.max(effMax[k + 1]!, E[gb + k]!);
    // From `end` on nothing on this radial can be covered: no later sample's effective height is above
    // effMax, its pattern gain above the horizontal one, or its diffraction below 0, and the basic loss
    // falls with height and grows with distance, so the bound only falls along the radial: the first
    // sample where it misses the threshold (by a margin for rounding) is found by bisection. The
    // samples from there on stay −∞, uncovered.
    let end = steps + 1;
    if (!exactLevels) {
      const misses = (k: number) => eirp + ah - basicLoss(effMax[k]!, k * step, logD[k]) < threshold - 1e-9;
      if (misses(1)) end = 1;
      else if (misses(steps)) {
        let lo = 1; // never missing
        let hiK = steps; // missing
        while (hiK - lo > 1) {
          const mid = (lo + hiK) >> 1;
          if (misses(mid)) hiK = mid;
          else lo = mid;
        }
        end = hiK;
      }
      level.fill(Number.NEGATIVE_INFINITY, base + end, base + steps + 1);
    }
    terrain.ensure(r, end - 1);
    let bestW = Number.NEGATIVE_INFINITY;
    let bestWi = -1;
    let top = 0; // hull size
    let lastTi = 0; // the hull tangent found last
    let lastEff = Number.NaN; // the effective height met last, and its log (it often repeats)
    let lastLhb = 0;
    for (let k = 1; k < end; k++) {
      const d = k * skm;
      const dm = k * step;
      const gk = G[gb + k]!;
      const hrs = gk + hm;
      const eff = E[gb + k]!;
      let basic: number;
      if (hata) {
        // `basicLoss` written out (the same operations, so the same value).
        let lhb = LH[gb + k]!;
        if (Number.isNaN(lhb)) {
          if (eff !== lastEff) {
            lastEff = eff;
            lastLhb = Math.log10(Math.min(1000, Math.max(10, eff)));
          }
          lhb = lastLhb;
          LH[gb + k] = lhb;
        }
        basic = Math.max(hata.p + hata.q * lhb + (hata.r + hata.s * lhb) * (logD[k]! - 3), hataFloor[k]!);
      } else basic = basicLoss(eff, dm, logD[k]);
      const upper = eirp + ah - basic;
      if (upper >= threshold || exactLevels) {
        // `antennaGain` written out with the radial's horizontal part.
        let depression = DP[gb + k]!;
        if (Number.isNaN(depression)) {
          depression = (Math.atan((hts - hrs + bulge[k]!) / dm) * 180) / Math.PI;
          DP[gb + k] = depression;
        }
        const t = (depression - tilt) / vbw;
        const av = -Math.min(12 * (t * t), slav);
        const gain = -Math.min(-(ah + av), am);
        // Diffraction only adds loss: a sample the level without it cannot cover is not covered.
        const bound = eirp + gain - basic;
        let loss = 0;
        if (k >= 2 && (exactLevels || bound >= threshold)) {
          if (Number.isNaN(smooth[k]!))
            smooth[k] = bullington(
              dKm.subarray(0, k + 1),
              zeros.subarray(0, k + 1),
              mast,
              hm,
              ae_m / 1000,
              cell.frequency_mhz,
            ).loss_db;
          const stim = bestW + c * d;
          const str = (hrs - hts) / d;
          if (Number.isNaN(losMax[k]!))
            losMax[k] = Math.max(0, J0 + (1 - Math.exp(-J0 / 6)) * (10 + 0.02 * d) - smooth[k]!);
          // Line of sight: every intermediate point is below the ray, so ν ≤ 0 and Bullington's loss is at
          // most losMax[k] (its value at ν = 0): when the sample is covered even so, ν is not needed, and
          // the level kept is that lower bound (at least the threshold).
          if (stim < str && !exactLevels && bound - losMax[k]! >= threshold + 1e-6) loss = losMax[k]!;
          else {
            const yr = hrs - c * d * d;
            // Hull tangent from Q = (d, yr): the vertex maximising (y − yr)/(d − x), unimodal along the
            // hull. It is mostly next to the last one found: start there, and take the vertex where the
            // climb stops when it is strictly above both neighbours (the unique maximum); else bisect.
            let ti = lastTi < top ? lastTi : top - 1;
            let fi = (hy[ti]! - yr) / (d - hx[ti]!);
            let fr = ti + 1 < top ? (hy[ti + 1]! - yr) / (d - hx[ti + 1]!) : Number.NEGATIVE_INFINITY;
            let fl = ti > 0 ? (hy[ti - 1]! - yr) / (d - hx[ti - 1]!) : Number.NEGATIVE_INFINITY;
            if (fr > fi) {
              for (let n = 0; n < 8 && fr > fi; n++) {
                ti++;
                fl = fi;
                fi = fr;
                fr = ti + 1 < top ? (hy[ti + 1]! - yr) / (d - hx[ti + 1]!) : Number.NEGATIVE_INFINITY;
              }
            } else if (fl > fi) {
              for (let n = 0; n < 8 && fl > fi; n++) {
                ti--;
                fr = fi;
                fi = fl;
                fl = ti > 0 ? (hy[ti - 1]! - yr) / (d - hx[ti - 1]!) : Number.NEGATIVE_INFINITY;
              }
            }
            if (!(fi > fr && fi > fl)) {
              let lo = 0;
              let up = top - 1;
              while (lo < up) {
                const mid = (lo + up) >> 1;
                const f0 = (hy[mid]! - yr) / (d - hx[mid]!);
                const f1 = (hy[mid + 1]! - yr) / (d - hx[mid + 1]!);
                if (f1 > f0) lo = mid + 1;
                else up = mid;
              }
              ti = lo;
            }
            lastTi = ti;
            let nu: number;
            if (stim < str) {
              // ν of sample i for the receiver at k (P.1812 eq. 16): clearance over the ray × Fresnel weight.
              const w1 = (hrs - hts) / d;
              const q = (0.002 * d) / lambda;
              const wb = k * M;
              let best = Number.NEGATIVE_INFINITY;
              // J(ν) is 0 for ν ≤ −0.78, and the Fresnel weight √(q/(di(d − di))) is at least 2√q/d: a
              // point whose clearance is below −0.78 d/(2√q) (less a margin for rounding) cannot set ν,
              // nor can a point under the ray once one above it is found; their ν is not computed.
              const clearMin = clearMinAt[k]!;
              let back = 1;
              for (let m = -4; m < M; m++) {
                // m = −4…−1: the horizon point, the hull tangent and its two neighbours; m ≥ 0: k − 2^m.
                let i: number;
                if (m === -4) i = bestWi;
                else if (m === -3) i = hi[ti]!;
                else if (m === -2) i = ti > 0 ? hi[ti - 1]! : bestWi;
                else if (m === -1) i = ti + 1 < top ? hi[ti + 1]! : bestWi;
                else {
                  i = k - back;
                  if (i < 1) break;
                  back *= 2;
                }
                const di = i * skm;
                const clear = G[gb + i]! + c * di * (d - di) - (hts + w1 * di);
                if (clear < clearMin || (clear <= 0 && best >= 0)) continue;
                const v = clear * (m >= 0 ? weightBack[wb + m]! : Math.sqrt(q / (di * (d - di))));
                if (v > best) best = v;
              }
              nu = best;
            } else {
              const srim = (hy[ti]! - yr) / (d - hx[ti]!) - c * d;
              const dbp = (hrs - hts + srim * d) / (stim + srim);
              nu =
                (hts + stim * dbp - (hts * (d - dbp) + hrs * dbp) / d) *
                Math.sqrt((0.002 * d) / (lambda * dbp * (d - dbp)));
            }
            // Bullington's loss from the tables (`KNIFE_EDGE_TABLE`), within `err` dB of the formulas':
            // when that leaves the sample more than `err` from the threshold, its side is known, and the
            // level kept is the bound on that side; only near the threshold are the formulas computed.
            let tabled = false;
            if (!exactLevels && nu < KT.max) {
              let jl = 0;
              let al = 0;
              if (nu > -0.78) {
                const x = (nu + 0.78) * KT.perUnit;
                const i = x | 0;
                const f = x - i;
                jl = KJ[i]! + f * (KJ[i + 1]! - KJ[i]!);
                al = KA[i]! + f * (KA[i + 1]! - KA[i]!);
              }
              const dist = 10 + 0.02 * d;
              const approx = bound - Math.max(0, jl + al * dist - smooth[k]!);
              const err = KT.errJ + KT.errA * dist;
              if (approx - err >= threshold) {
                level[base + k] = approx - err;
                covered[base + k] = 1;
                tabled = true;
              } else if (approx + err < threshold) {
                level[base + k] = approx + err;
                covered[base + k] = 0;
                tabled = true;
              }
            }
            if (tabled) loss = Number.NaN;
            else {
              const luc = knifeEdgeLoss(nu);
              // Bullington's loss is at least Luc: when Luc alone leaves the sample short of the threshold,
              // that bound is its level (below the threshold) and the distance term is not needed.
              const short = bound - (luc - smooth[k]!);
              if (short < threshold && !exactLevels) loss = Number.NaN;
              else loss = Math.max(0, luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * d) - smooth[k]!);
              if (Number.isNaN(loss)) {
                level[base + k] = short;
                covered[base + k] = 0;
              }
            }
          }
        }
        if (!Number.isNaN(loss)) {
          const rx = bound - loss;
          level[base + k] = rx;
          covered[base + k] = rx >= threshold ? 1 : 0;
        }
      } else level[base + k] = upper;
      // Sample k becomes an intermediate point for the samples beyond it.
      const yk = gk - c * d * d;
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
