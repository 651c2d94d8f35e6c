import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { localProjection } from '../../src/core/geometry/local_projection.ts';
import { pointInRings } from '../../src/core/geometry/point_in_polygon.ts';
import { pathProfile } from '../../src/core/propagation/path_profile.ts';
import { radialSweep } from '../../src/core/propagation/radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../../src/core/propagation/radio_config.ts';
import type { RadioCell, TerrainFootprintFn } from '../../src/core/propagation/radio_types.ts';
import { terrainFootprint } from '../../src/core/propagation/terrain_footprint.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { roughTerrain } from '../support/rough_terrain.ts';

const LON = 108;
const LAT = 14;
const ONE_SEC = 1 / 3600;
const BOX: [number, number, number, number] = [LON - 0.12, LAT - 0.12, LON + 0.12, LAT + 0.12];
const proj = localProjection(LON, LAT);
/** Terrain as a function of local metres east/north of the site. */
const demOf = (h: (x: number, y: number) => number, box = BOX) =>
  gridDem([syntheticGrid(box, ONE_SEC, (lon, lat) => h(...proj.forward(lon, lat)))]);

// 2G at 900 MHz, rural (Okumura-Hata suburban), omni, 35 m mast, no tilt; 8 km max range.
const cell: RadioCell = {
  lon: LON,
  lat: LAT,
  technology: '2G',
  setting: 'rural',
  frequency_mhz: 900,
  height_m: 35,
  eirp_dbm: 50,
  tilt_deg: 0,
  defaulted: [],
};
const config: RadioConfig = structuredClone(DEFAULT_RADIO);
config.technologies['2G'].maxRange_m = 12_000;
config.sweep.rangeStep_m = 30;
const THRESHOLD = config.technologies['2G'].threshold_dbm;

/** Hata suburban loss written out (Hata 1980), dB; f MHz, hb and hm m, d km. */
function hataSuburban(f: number, hb: number, hm: number, d: number): number {
  const lf = Math.log10(f);
  const a = (1.1 * lf - 0.7) * hm - (1.56 * lf - 0.8);
  const urban =
    69.55 + 26.16 * lf - 13.82 * Math.log10(hb) - a + (44.9 - 6.55 * Math.log10(hb)) * Math.log10(d);
  return urban - 2 * Math.log10(f / 28) ** 2 - 5.4;
}

/** Level (dBm) over flat ground at d m along a bearing φ° off a sector's azimuth (undefined: omni). */
function flatLevel(d: number, phi?: number, beamwidth = 65): number {
  const ae = 6_371_000 * (4 / 3);
  const theta = (Math.atan((cell.height_m - 1.5 + (d * d) / (2 * ae)) / d) * 180) / Math.PI;
  const av = -Math.min(12 * (theta / 10) ** 2, 20);
  const ah = phi === undefined ? 0 : -Math.min(12 * (phi / beamwidth) ** 2, 25);
  return cell.eirp_dbm - Math.min(-(ah + av), 25) - hataSuburban(900, 35, 1.5, d / 1000);
}

/** The distance (m) at which `level` falls to the threshold, by bisection. */
function reach(level: (d: number) => number): number {
  let lo = 100;
  let hi = 50_000;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (level(mid) >= THRESHOLD) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Even–odd area of lon/lat rings in the site's local plane, m² (shoelace, |Σ signed| per nesting). */
function ringsArea(rings: Position[][]): number {
  // Even–odd area = Σ over rings of ± area; ring orientation gives the sign (outer CCW, holes CW).
  let total = 0;
  for (const ring of rings) {
    let s = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = proj.forward(ring[i]![0]!, ring[i]![1]!);
      const [x2, y2] = proj.forward(ring[i + 1]![0]!, ring[i + 1]![1]!);
      s += x1 * y2 - x2 * y1;
    }
    total += s / 2;
  }
  return total;
}

const at = (x: number, y: number): [number, number] => proj.inverse(x, y);
const flat = demOf(() => 500);

describe('terrainFootprint on analytic terrain', () => {
  it('flat ground: the circle whose radius solves loss = budget (area within 1 %)', () => {
    const r = reach((d) => flatLevel(d));
    expect(r).toBeGreaterThan(5000);
    expect(r).toBeLessThan(11_000);
    const fp = terrainFootprint(cell, flat, config);
    expect(fp.rings).toHaveLength(1);
    expect(fp.outsideDemShare).toBe(0);
    const area = ringsArea(fp.rings);
    expect(Math.abs(area / (Math.PI * r * r) - 1)).toBeLessThan(0.01);
    expect(pointInRings(...at(0, r - 100), fp.rings)).toBe(true);
    expect(pointInRings(...at(-(r + 100), 0), fp.rings)).toBe(false);
  });

  it('a long ridge: a shadow behind it, nothing lost in front', () => {
    // A north–south ridge 3 km east, 150 m high, 600 m wide at its foot (compact support; the DEM's
    // bilinear posts spread it by one post, 31 m, so "in front" starts 60 m short of its foot).
    const x0 = 3000;
    const ridge = demOf((x) => 500 + 150 * Math.max(0, 1 - Math.abs(x - x0) / 300));
    const withRidge = radialSweep(cell, ridge, config, true);
    const plain = radialSweep(cell, flat, config, true);
    let front = 0;
    let frontChanged = 0;
    let shadowed = 0;
    let behind = 0;
    for (let r = 0; r < withRidge.radials; r++) {
      const b = (r * withRidge.angularStep_deg * Math.PI) / 180;
      for (let j = 1; j <= withRidge.steps; j++) {
        const x = j * withRidge.rangeStep_m * Math.sin(b);
        const y = j * withRidge.rangeStep_m * Math.cos(b);
        const i = r * (withRidge.steps + 1) + j;
        if (x < x0 - 360) {
          front++;
          if (withRidge.covered[i] !== plain.covered[i] || withRidge.level_dbm[i] !== plain.level_dbm[i])
            frontChanged++;
        } else if (x > x0 + 400 && x < 5500 && Math.abs(y) < 1500) {
          behind++;
          if (plain.covered[i] === 1 && withRidge.covered[i] === 0) shadowed++;
        }
      }
    }
    expect(front).toBeGreaterThan(10_000);
    expect(frontChanged).toBe(0);
    expect(shadowed / behind).toBeGreaterThan(0.9);
    const fp = terrainFootprint(cell, ridge, config);
    expect(pointInRings(...at(4500, 0), fp.rings)).toBe(false);
    expect(pointInRings(...at(-4500, 0), fp.rings)).toBe(true);
    expect(pointInRings(...at(2000, 0), fp.rings)).toBe(true);
  });

  it('a mast on a hill covers more than the same mast on the plain', () => {
    // A cone 200 m high, 2.5 km in radius, under the site.
    const hill = demOf((x, y) => 500 + 200 * Math.max(0, 1 - Math.hypot(x, y) / 2500));
    const onHill = ringsArea(terrainFootprint(cell, hill, config).rings);
    const onPlain = ringsArea(terrainFootprint(cell, flat, config).rings);
    expect(onHill).toBeGreaterThan(1.3 * onPlain);
  });

  it("a sector's footprint follows its pattern: reach along the azimuth, at −3 dB and at the back", () => {
    const sector: RadioCell = { ...cell, azimuth_deg: 60, beamwidth_deg: 65 };
    const polar = radialSweep(sector, flat, config);
    const reachAt = (bearing: number) => {
      const r = Math.round(bearing / polar.angularStep_deg) % polar.radials;
      let last = 0;
      for (let j = 1; j <= polar.steps; j++) if (polar.covered[r * (polar.steps + 1) + j]) last = j;
      return last * polar.rangeStep_m;
    };
    for (const [bearing, phi] of [
      [60, 0],
      [92.5, 32.5],
      [27.5, -32.5],
      [240, 180],
      [150, 90],
    ] as const) {
      expect(Math.abs(reachAt(bearing) - reach((d) => flatLevel(d, phi))), `bearing ${bearing}`).toBeLessThan(
        2 * polar.rangeStep_m,
      );
    }
    const fp = terrainFootprint(sector, flat, config);
    // The footprint's centroid lies along the azimuth.
    let sx = 0;
    let sy = 0;
    let sa = 0;
    for (const ring of fp.rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = proj.forward(ring[i]![0]!, ring[i]![1]!);
        const [x2, y2] = proj.forward(ring[i + 1]![0]!, ring[i + 1]![1]!);
        const c = x1 * y2 - x2 * y1;
        sa += c;
        sx += (x1 + x2) * c;
        sy += (y1 + y2) * c;
      }
    const bearing = (Math.atan2(sx / sa, sy / sa) * 180) / Math.PI;
    expect(Math.abs(bearing - 60)).toBeLessThan(1);
    expect(ringsArea(fp.rings)).toBeLessThan(0.5 * ringsArea(terrainFootprint(cell, flat, config).rings));
  });

  it('a cell wholly outside the DEM: flat ground at 0 m, all of it reported as outside', () => {
    const far = demOf(() => 500, [LON + 1, LAT + 1, LON + 1.01, LAT + 1.01]);
    const fp = terrainFootprint(cell, far, config);
    expect(fp.outsideDemShare).toBe(1);
    expect(ringsArea(fp.rings) / ringsArea(terrainFootprint(cell, flat, config).rings)).toBeCloseTo(1, 6);
  });

  it('beyond the DEM: flat at the last known height, and the share is reported', () => {
    // The DEM ends 2 km east of the site; east of it the terrain is taken as the last height seen.
    const half = demOf(
      () => 500,
      [LON - 0.12, LAT - 0.12, LON + 2000 / proj.metresPerDegLon(LAT), LAT + 0.12],
    );
    const fp = terrainFootprint(cell, half, config);
    expect(fp.outsideDemShare).toBeGreaterThan(0.25);
    expect(fp.outsideDemShare).toBeLessThan(0.45);
    expect(
      Math.abs(ringsArea(fp.rings) / ringsArea(terrainFootprint(cell, flat, config).rings) - 1),
    ).toBeLessThan(0.001);
  });
});

describe('radialSweep against the brute-force pathProfile', () => {
  const c4: RadioCell = {
    ...cell,
    technology: '4G',
    frequency_mhz: 1800,
    eirp_dbm: 33,
    tilt_deg: 2,
    azimuth_deg: 200,
    beamwidth_deg: 65,
  };
  const cfg: RadioConfig = structuredClone(config);
  cfg.technologies['4G'].maxRange_m = 8000;
  const lcg = (seed: number) => () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };

  // Highland relief (1) is nearly all beyond line of sight, where the sweep is exact; gentle relief
  // (0.1) has many line-of-sight samples, where the sweep's ν is a lower bound.
  for (const relief of [1, 0.1]) {
    it(`relief ${relief}: same covered / not covered at ≥ 99 % of the sweep samples, levels within 0.1 dB at 95 %`, () => {
      const dem = demOf(roughTerrain(17, relief));
      const polar = radialSweep(c4, dem, cfg, true);
      const rand = lcg(5);
      let agree = 0;
      let los = 0;
      const n = 1500;
      const diffs: number[] = [];
      for (let t = 0; t < n; t++) {
        const r = Math.floor(rand() * polar.radials);
        const j = 2 + Math.floor(rand() * (polar.steps - 1));
        const b = (r * polar.angularStep_deg * Math.PI) / 180;
        const d = j * polar.rangeStep_m;
        const p = pathProfile(c4, dem, ...at(d * Math.sin(b), d * Math.cos(b)), cfg);
        const i = r * (polar.steps + 1) + j;
        if ((polar.covered[i] === 1) === p.covered) agree++;
        if (p.lineOfSight) los++;
        diffs.push(polar.level_dbm[i]! - p.received_dbm);
      }
      if (relief < 1) expect(los).toBeGreaterThan(n / 5);
      // Skipping the diffraction where it cannot matter changes no covered / not covered answer.
      expect(radialSweep(c4, dem, cfg).covered).toEqual(polar.covered);
      const abs = diffs.map(Math.abs).sort((x, y) => x - y);
      expect(agree / n).toBeGreaterThanOrEqual(0.99);
      // Only ever optimistic (its line-of-sight ν is a lower bound); exact elsewhere.
      expect(Math.min(...diffs)).toBeGreaterThan(-0.01);
      expect(abs[Math.floor(0.95 * n)]!).toBeLessThan(0.1);
      expect(abs[n - 1]!).toBeLessThan(6);
    });
  }

  it('the shortcuts (no diffraction below threshold, radials stopped early) change nothing out to 35 km', () => {
    const box: [number, number, number, number] = [LON - 0.35, LAT - 0.35, LON + 0.35, LAT + 0.35];
    // Rough relief with the mast on a 600 m massif, so that far hilltops are covered beyond 15 km.
    const h = roughTerrain(23, 0.6);
    const dem = gridDem([
      syntheticGrid(box, 1 / 1200, (lon, lat) => {
        const [x, y] = proj.forward(lon, lat);
        return h(x, y) + 600 * Math.max(0, 1 - Math.hypot(x, y) / 8000);
      }),
    ]);
    const c2: RadioCell = { ...cell, eirp_dbm: 58, azimuth_deg: 300, beamwidth_deg: 65 };
    const cfg2: RadioConfig = structuredClone(DEFAULT_RADIO);
    const fast = radialSweep(c2, dem, cfg2);
    const exact = radialSweep(c2, dem, cfg2, true);
    expect(fast.steps * fast.rangeStep_m).toBeGreaterThan(34_000);
    expect(fast.covered).toEqual(exact.covered);
    let far = 0;
    for (let r = 0; r < fast.radials; r++)
      for (let j = Math.ceil(15_000 / fast.rangeStep_m); j <= fast.steps; j++)
        far += fast.covered[r * (fast.steps + 1) + j]!;
    expect(far).toBeGreaterThan(0);
  });

  it('the footprint holds the points pathProfile covers (≥ 97 % of random points; the rest are cell-edge)', () => {
    const dem = demOf(roughTerrain(17));
    const fp = terrainFootprint(c4, dem, cfg);
    const rand = lcg(9);
    let agree = 0;
    const n = 800;
    for (let t = 0; t < n; t++) {
      const b = rand() * 2 * Math.PI;
      const d = 100 + rand() * 7800;
      const [lon, lat] = at(d * Math.sin(b), d * Math.cos(b));
      if (pathProfile(c4, dem, lon, lat, cfg).covered === pointInRings(lon, lat, fp.rings)) agree++;
    }
    expect(agree / n).toBeGreaterThanOrEqual(0.97);
  });
});

describe('terrainFootprint as the engine sees it', () => {
  it('is a TerrainFootprintFn (the default config when called with two arguments)', () => {
    const fn: TerrainFootprintFn = terrainFootprint;
    const small: RadioCell = { ...cell, height_m: 30 };
    const a = fn(small, flat);
    const b = terrainFootprint(small, flat, DEFAULT_RADIO);
    expect(a).toEqual(b);
    const [w, s, e, n] = a.bbox;
    expect(w).toBeLessThan(LON);
    expect(e).toBeGreaterThan(LON);
    expect(s).toBeLessThan(LAT);
    expect(n).toBeGreaterThan(LAT);
    for (const ring of a.rings) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });
});
