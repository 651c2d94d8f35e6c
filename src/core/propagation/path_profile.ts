import { localProjection } from '../geometry/local_projection.ts';
import type { Dem } from '../terrain/dem.ts';
import { antennaGain } from './antenna_gain.ts';
import { type BasicLossModel, basicLoss } from './basic_loss.ts';
import { bullington } from './bullington.ts';
import { DEFAULT_RADIO, type RadioConfig } from './radio_config.ts';
import type { RadioCell } from './radio_types.ts';

/**
 * The link from a cell to one point, with everything that went into it: the "why" of a coverage
 * answer. Arrays run from the cell (index 0) to the point (last index), one entry per profile sample.
 * Heights are metres above sea level, distances metres, levels dBm, losses and gains dB.
 */
export interface PathProfile {
  /** Ground distance from the cell to the point, m, and the bearing, degrees clockwise from north. */
  distance_m: number;
  bearing_deg: number;
  /** Distance of each sample from the cell, m (every range step, then the point itself). */
  distances_m: number[];
  /** Ground height at each sample, m (outside the DEM: the fallback height, see `outsideDem`). */
  terrain_m: number[];
  /** Whether each sample fell outside the DEM (its height is then the last known one along the path). */
  outsideDem: boolean[];
  /** Earth bulge at each sample for k = `config.k`, m: d1·d2 / (2·k·R); add it to the terrain to draw the profile. */
  bulge_m: number[];
  /** Height of the straight line from the antenna to the receiver at each sample, m (compare with terrain + bulge). */
  ray_m: number[];
  /** First Fresnel zone radius around that line at each sample, m: √(λ·d1·d2/d). */
  fresnel_m: number[];
  /** Antenna and receiver heights above sea level, m. */
  txHeight_m: number;
  rxHeight_m: number;
  /** Antenna height above the average terrain along the path (Okumura's effective height), m. */
  effectiveHeight_m: number;
  /** True when no terrain (with the bulge) rises above the straight line. */
  lineOfSight: boolean;
  frequency_mhz: number;
  eirp_dbm: number;
  basicLossModel: BasicLossModel;
  basicLoss_db: number;
  /**
   * Terrain diffraction, dB: ITU-R P.1812 Bullington loss over the profile minus the Bullington loss of
   * the same antennas (heights above their ground) over a smooth earth, never below 0 — the "delta
   * Bullington" idea of P.1812 §4.5, with the smooth-earth part left to the empirical basic loss.
   */
  diffractionLoss_db: number;
  /** Antenna pattern gain towards the point relative to the main beam, dB (≤ 0). */
  antennaGain_db: number;
  /** Received level = EIRP + antenna gain − basic loss − diffraction loss, dBm. */
  received_dbm: number;
  threshold_dbm: number;
  covered: boolean;
}

/** Okumura's effective-height window: the mean terrain from 3 km (`EFF_NEAR_M`) to 15 km (`EFF_FAR_M`), metres. */
export const EFF_FAR_M = 15_000;
/** See `EFF_FAR_M`; nearer than 15 km the window is d/5 to d (the same shape). */
export const EFF_NEAR_M = 3_000;

/** The distance window [from, to] (m) whose mean terrain sets the effective base height for a point d m away. */
function effectiveHeightWindow(d_m: number): [number, number] {
  if (d_m >= EFF_FAR_M) return [EFF_NEAR_M, EFF_FAR_M];
  return [d_m / 5, d_m];
}

/** The distance between samples along a path or radial, m: the configured step, else the DEM's post spacing. */
export function rangeStep(config: RadioConfig, dem: Dem): number {
  return config.sweep.rangeStep_m ?? Math.max(1, dem.spacing_m);
}

/**
 * The brute-force link budget from a cell to the point (lon, lat) over the DEM: the profile is sampled
 * every range step (`config.sweep.rangeStep_m`, else the DEM spacing) along the straight line in the
 * cell's local plane, earth curvature by k; the basic loss from `basicLoss` with the effective height,
 * Bullington diffraction over all intermediate samples (less its smooth-earth part), and the antenna pattern towards the point's
 * ground + receiver height. Samples outside the DEM take the last known height (before any, the first
 * known one; none at all: 0 m). This is the reference the radial sweep is measured against.
 */
export function pathProfile(
  cell: RadioCell,
  dem: Dem,
  lon: number,
  lat: number,
  config: RadioConfig = DEFAULT_RADIO,
): PathProfile {
  const proj = localProjection(cell.lon, cell.lat);
  const [px, py] = proj.forward(lon, lat);
  const dist = Math.hypot(px, py);
  const bearing = ((Math.atan2(px, py) * 180) / Math.PI + 360) % 360;
  const step = rangeStep(config, dem);
  // Samples every step short of the point (a point within 1e-6 step of a sample is that sample), then the point.
  const distances: number[] = [];
  const before = Math.max(1, Math.ceil(dist / step - 1e-6));
  for (let j = 0; j < before; j++) distances.push(j * step);
  distances.push(dist);
  const n = distances.length;
  const terrain = new Array<number>(n);
  const outside = new Array<boolean>(n);
  for (let j = 0; j < n; j++) {
    const f = dist > 0 ? distances[j]! / dist : 0;
    const [plon, plat] = proj.inverse(px * f, py * f);
    const h = dem.elevation(plon, plat);
    outside[j] = Number.isNaN(h);
    terrain[j] = h;
  }
  fillOutside(terrain);
  const hts = terrain[0]! + cell.height_m;
  const hrs = terrain[n - 1]! + config.receiverHeight_m;
  const ae_m = 6_371_000 * config.k;
  const lambda = 299.792458 / cell.frequency_mhz;
  const bulge = distances.map((d) => (d * (dist - d)) / (2 * ae_m));
  const ray = distances.map((d) => (dist > 0 ? hts + ((hrs - hts) * d) / dist : hts));
  const fresnel = distances.map((d) => (dist > 0 ? Math.sqrt((lambda * d * (dist - d)) / dist) : 0));
  const [w0, w1] = effectiveHeightWindow(dist);
  let sum = 0;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const d = distances[j]!;
    if (d >= w0 - 1e-6 * step && d <= w1 + 1e-6 * step) {
      sum += terrain[j]!;
      count++;
    }
  }
  const effective = hts - (count > 0 ? sum / count : terrain[0]!);
  const tech = config.technologies[cell.technology];
  const basic = basicLoss(cell.frequency_mhz, effective, config.receiverHeight_m, dist, cell.setting, config);
  const dKm = distances.map((d) => d / 1000);
  const bull =
    n >= 3
      ? bullington(dKm, terrain, hts, hrs, ae_m / 1000, cell.frequency_mhz)
      : { loss_db: 0, lineOfSight: true };
  // The same antennas over a smooth earth: the empirical basic loss already stands for that part.
  const smooth =
    n >= 3
      ? bullington(
          dKm,
          new Array<number>(n).fill(0),
          cell.height_m,
          config.receiverHeight_m,
          ae_m / 1000,
          cell.frequency_mhz,
        ).loss_db
      : 0;
  const diffraction = Math.max(0, bull.loss_db - smooth);
  const depression =
    dist > 0 ? (Math.atan((hts - hrs + (dist * dist) / (2 * ae_m)) / dist) * 180) / Math.PI : 90;
  const gain = antennaGain(
    bearing,
    depression,
    cell.azimuth_deg,
    cell.beamwidth_deg,
    cell.tilt_deg,
    config.antenna,
  );
  const received = cell.eirp_dbm + gain - basic.loss_db - diffraction;
  return {
    distance_m: dist,
    bearing_deg: bearing,
    distances_m: distances,
    terrain_m: terrain,
    outsideDem: outside,
    bulge_m: bulge,
    ray_m: ray,
    fresnel_m: fresnel,
    txHeight_m: hts,
    rxHeight_m: hrs,
    effectiveHeight_m: effective,
    lineOfSight: bull.lineOfSight,
    frequency_mhz: cell.frequency_mhz,
    eirp_dbm: cell.eirp_dbm,
    basicLossModel: basic.model,
    basicLoss_db: basic.loss_db,
    diffractionLoss_db: diffraction,
    antennaGain_db: gain,
    received_dbm: received,
    threshold_dbm: tech.threshold_dbm,
    covered: received >= tech.threshold_dbm,
  };
}

/**
 * Replaces NaN heights (outside the DEM) in place: each by the last known height before it; leading
 * ones by the first known height; all NaN: 0 m. Returns how many were replaced.
 */
export function fillOutside(h: { length: number; [i: number]: number }): number {
  let first = Number.NaN;
  for (let i = 0; i < h.length; i++)
    if (!Number.isNaN(h[i]!)) {
      first = h[i]!;
      break;
    }
  let last = Number.isNaN(first) ? 0 : first;
  let replaced = 0;
  for (let i = 0; i < h.length; i++) {
    if (Number.isNaN(h[i]!)) {
      h[i] = last;
      replaced++;
    } else last = h[i]!;
  }
  return replaced;
}
