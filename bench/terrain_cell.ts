/**
 * Terrain footprint of one cell (issue 17): a 4G 1800 MHz omni cell, 35 m mast, swept to 15 km on a
 * 1″ synthetic DEM of rough highland relief (`tests/support/rough_terrain.ts`), 1° × 30 m (the DEM's
 * spacing): the radial sweep alone, the sweep plus ring tracing (`terrainFootprint`), and the
 * brute-force `pathProfile` of the same model at the same samples (every 10th radial, × 10), with the
 * ratio, and the sweep of a second cell of the same site (which reuses the terrain the first sampled).
 * Target: the footprint < 50 ms. Medians of 9 runs after a warm-up, each (but the second cell's) on
 * terrain sampled afresh.
 */
import { cpus, loadavg } from 'node:os';
import { localProjection } from '../src/core/geometry/local_projection.ts';
import { pathProfile } from '../src/core/propagation/path_profile.ts';
import { radialSweep } from '../src/core/propagation/radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../src/core/propagation/radio_config.ts';
import type { RadioCell } from '../src/core/propagation/radio_types.ts';
import { terrainFootprint } from '../src/core/propagation/terrain_footprint.ts';
import { gridDem, syntheticGrid } from '../src/core/terrain/grid_dem.ts';
import { roughTerrain } from '../tests/support/rough_terrain.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const LON = 108;
const LAT = 14;
const proj = localProjection(LON, LAT);
const h = roughTerrain(17);
const dem = gridDem([
  syntheticGrid([LON - 0.16, LAT - 0.16, LON + 0.16, LAT + 0.16], 1 / 3600, (lon, lat) =>
    h(...proj.forward(lon, lat)),
  ),
]);
const cell: RadioCell = {
  lon: LON,
  lat: LAT,
  technology: '4G',
  setting: 'rural',
  frequency_mhz: 1800,
  height_m: 35,
  eirp_dbm: 33,
  tilt_deg: 2,
  defaulted: [],
};
const config: RadioConfig = structuredClone(DEFAULT_RADIO);
config.technologies['4G'].maxRange_m = 15_000;

/** Wall time, ms; `cpu` collects the process's CPU time (user + system), ms, which a loaded machine inflates less. */
const cpu: Record<string, number[]> = { sweep: [], footprint: [] };
const time = (fn: () => unknown, into?: number[]) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const t = performance.now() - t0;
  const c = process.cpuUsage(c0);
  into?.push((c.user + c.system) / 1000);
  return t;
};
/** Sweeps a tiny cell elsewhere, so that the next sweep samples its terrain afresh (the sweep keeps the last site's). */
const tiny: RadioConfig = structuredClone(config);
tiny.technologies['4G'].maxRange_m = 100;
const forget = () => radialSweep({ ...cell, lon: LON + 0.01 }, dem, tiny);
terrainFootprint(cell, dem, config); // warm-up (JIT)
const sweeps: number[] = [];
const footprints: number[] = [];
for (let i = 0; i < 9; i++) {
  forget();
  sweeps.push(time(() => radialSweep(cell, dem, config), cpu.sweep));
  forget();
  footprints.push(time(() => terrainFootprint(cell, dem, config), cpu.footprint));
}
// A site's other cells reuse the terrain the first one sampled.
const again: number[] = [];
for (let i = 0; i < 9; i++)
  again.push(time(() => radialSweep({ ...cell, frequency_mhz: 2100 }, dem, config)));
const polar = radialSweep(cell, dem, config);
const fp = terrainFootprint(cell, dem, config);
let samples = 0;
const brute = time(() => {
  for (let r = 0; r < polar.radials; r += 10) {
    const b = (r * polar.angularStep_deg * Math.PI) / 180;
    for (let j = 1; j <= polar.steps; j++) {
      const d = j * polar.rangeStep_m;
      pathProfile(cell, dem, ...proj.inverse(d * Math.sin(b), d * Math.cos(b)), config);
      samples++;
    }
  }
});
const bruteAll = brute * 10;
const covered = polar.covered.reduce((s, v) => s + v, 0) - polar.radials;
console.log(
  `terrain cell (issue 17): ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `  one 4G cell, 15 km on a 1″ DEM (${dem.spacing_m.toFixed(1)} m): ${polar.radials} radials × ${polar.steps} samples = ${polar.radials * polar.steps} samples, ${covered} covered, ${fp.rings.length} rings`,
);
console.log(
  `  radial sweep: ${median(sweeps).toFixed(1)} ms (CPU ${median(cpu.sweep!).toFixed(1)} ms); sweep + rings (terrainFootprint): ${median(footprints).toFixed(1)} ms (CPU ${median(cpu.footprint!).toFixed(1)} ms); medians of 9, target < 50 ms`,
);
console.log(
  `  a second cell of the same site (2100 MHz, the terrain reused): sweep ${median(again).toFixed(1)} ms`,
);
console.log(
  `  brute-force pathProfile at the same samples: ${(bruteAll / 1000).toFixed(1)} s (${samples} profiles on every 10th radial took ${(brute / 1000).toFixed(1)} s, × 10)`,
);
console.log(`  ratio brute force ÷ footprint: ${(bruteAll / median(footprints)).toFixed(0)}×`);
