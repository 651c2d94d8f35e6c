import { describe, expect, it } from 'vitest';
import { localProjection } from '../../src/core/geometry/local_projection.ts';
import { type PolarCoverage, radialSweep } from '../../src/core/propagation/radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../../src/core/propagation/radio_config.ts';
import type { RadioCell } from '../../src/core/propagation/radio_types.ts';
import type { Dem } from '../../src/core/terrain/dem.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { roughTerrain } from '../support/rough_terrain.ts';

// The speed-ups of issue 17 (terrain shared by a site's cells, sampled lazily past 15 km, read
// straight from the grid; a radial stopped where a bound shows nothing further can be covered) must
// not change what the sweep covers. Rough 3″ highland terrain around a site; the default radio
// settings (2G to 35 km, 4G to 20 km, 5G to 10 km).
const LON = 108;
const LAT = 14;
const proj = localProjection(LON, LAT);
const h = roughTerrain(31, 0.8);
const height = (lon: number, lat: number) => {
  const [x, y] = proj.forward(lon, lat);
  // A 500 m massif under the site, so that far hilltops are reached.
  return h(x, y) + 500 * Math.max(0, 1 - Math.hypot(x, y) / 9000);
};
const demOver = (box: [number, number, number, number]) => gridDem([syntheticGrid(box, 1 / 1200, height)]);
const dem = demOver([LON - 0.4, LAT - 0.4, LON + 0.4, LAT + 0.4]);
const config: RadioConfig = structuredClone(DEFAULT_RADIO);

const site = { lon: LON, lat: LAT, setting: 'rural' as const, height_m: 40, tilt_deg: 2, defaulted: [] };
const c2: RadioCell = { ...site, technology: '2G', frequency_mhz: 900, eirp_dbm: 52 };
const c4: RadioCell = { ...site, technology: '4G', frequency_mhz: 1800, eirp_dbm: 33 };
const c5: RadioCell = { ...site, technology: '5G', frequency_mhz: 3500, eirp_dbm: 40, tilt_deg: 3 };
const s4: RadioCell = { ...c4, azimuth_deg: 120, beamwidth_deg: 65 };

/** A cell swept with nothing kept from before: another site is swept first. */
function alone(cell: RadioCell, on: Dem): PolarCoverage {
  radialSweep({ ...cell, lon: cell.lon + 0.01 }, on, config);
  return radialSweep(cell, on, config);
}

/** The first sample where two sweeps differ in covered or level (−1: none), and their outside shares. */
const same = (a: PolarCoverage, b: PolarCoverage) => {
  expect(a.covered.length).toBe(b.covered.length);
  let first = -1;
  for (let i = 0; i < a.covered.length && first < 0; i++)
    if (a.covered[i] !== b.covered[i] || !Object.is(a.level_dbm[i], b.level_dbm[i])) first = i;
  expect(first).toBe(-1);
  expect(a.outsideDemShare).toBe(b.outsideDemShare);
};

describe('radialSweep: a site swept cell after cell', () => {
  it('gives each cell exactly what it gets alone (the longest first, or not)', () => {
    const single = [c2, s4, c4, c5].map((c) => alone(c, dem));
    // In a row: 4G and 5G reuse the terrain the 2G cell sampled (and sample further where it stopped).
    const row = [c2, s4, c4, c5].map((c) => radialSweep(c, dem, config));
    for (const [i, p] of row.entries()) same(p, single[i]!);
    // Shortest first: the 2G cell needs more than the 5G cell's terrain and samples its own.
    const reversed = [c5, c4, s4, c2].map((c) => radialSweep(c, dem, config)).reverse();
    for (const [i, p] of reversed.entries()) same(p, single[i]!);
    expect(single[0]!.covered.reduce((s, v) => s + v, 0)).toBeGreaterThan(
      single[2]!.covered.reduce((s, v) => s + v, 0),
    );
  });

  it('a cell of another height at the same place does not take the first one’s levels', () => {
    const tall = { ...c4, height_m: 60 };
    radialSweep(c4, dem, config);
    same(radialSweep(tall, dem, config), alone(tall, dem));
    expect(radialSweep(tall, dem, config).covered).not.toEqual(alone(c4, dem).covered);
  });

  it('reads the same heights straight from the grid, lazily past 15 km, as through `elevation`', () => {
    // A Dem that is not a gridDem: sampled point by point through `elevation`, every radial to its end.
    const opaque: Dem = {
      bbox: dem.bbox,
      spacing_m: dem.spacing_m,
      sources: dem.sources,
      key: `${dem.key}|opaque`,
      elevation: (lon, lat) => dem.elevation(lon, lat),
    };
    for (const c of [c2, s4, c5]) same(alone(c, dem), alone(c, opaque));
  });

  it('past the DEM’s edge: the outside share counts every sample to the end of the radial', () => {
    // The DEM ends 20 km east of the site: the eastern 2G radials run 15 km beyond it.
    const east = LON + 20_000 / proj.metresPerDegLon(LAT);
    const part = demOver([LON - 0.4, LAT - 0.4, east, LAT + 0.4]);
    const p = alone(c2, part);
    // Independently: the samples whose lon/lat (through the local projection) fall east of the edge.
    let out = 0;
    for (let r = 0; r < p.radials; r++) {
      const b = (r * p.angularStep_deg * Math.PI) / 180;
      for (let j = 0; j <= p.steps; j++) {
        const d = j * p.rangeStep_m;
        if (proj.inverse(d * Math.sin(b), d * Math.cos(b))[0]! > east) out++;
      }
    }
    const expected = out / (p.radials * (p.steps + 1));
    expect(expected).toBeGreaterThan(0.03);
    expect(Math.abs(p.outsideDemShare - expected)).toBeLessThan(0.002);
  });
});

describe('radialSweep: the shortcuts change no covered sample', () => {
  for (const c of [c2, c4, s4, c5]) {
    it(`${c.technology}${c.azimuth_deg === undefined ? '' : ' sector'}: covered as with every level exact; where covered the same level or a lower bound`, () => {
      const fast = alone(c, dem);
      const exact = radialSweep(c, dem, config, true);
      expect(fast.covered).toEqual(exact.covered);
      let covered = 0;
      let same = 0;
      let stopped = 0;
      for (let i = 0; i < fast.covered.length; i++) {
        if (i % (fast.steps + 1) === 0) continue;
        if (fast.covered[i]) {
          covered++;
          // Exact, or (line of sight, covered whatever ν) a lower bound at least the threshold and no
          // more than the largest line-of-sight loss, J(0) + (1 − e^(−J(0)/6))(10 + 0.02 d), below.
          const lag = exact.level_dbm[i]! - fast.level_dbm[i]!;
          if (lag === 0) same++;
          expect(lag).toBeGreaterThanOrEqual(0);
          expect(lag).toBeLessThan(6.04 + 0.64 * (10 + 0.02 * 35));
          expect(fast.level_dbm[i]!).toBeGreaterThanOrEqual(config.technologies[c.technology].threshold_dbm);
        } else {
          // Elsewhere a level below the threshold: an upper bound, or −∞ past the stop.
          expect(fast.level_dbm[i]!).toBeLessThan(config.technologies[c.technology].threshold_dbm);
          if (fast.level_dbm[i] === Number.NEGATIVE_INFINITY) stopped++;
          else expect(fast.level_dbm[i]!).toBeGreaterThanOrEqual(exact.level_dbm[i]!);
        }
      }
      expect(covered).toBeGreaterThan(100);
      expect(same).toBeGreaterThan(0);
      expect(stopped).toBeGreaterThan(100);
    });
  }
});
