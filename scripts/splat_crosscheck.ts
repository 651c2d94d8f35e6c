/**
 * An outside cross-check of the terrain model's shadow (issue 17), not a test: the same synthetic
 * terrain — flat ground at 500 m with a north–south ridge 3 km east of a 35 m mast, 150 m high and
 * 600 m wide at its foot — in Debian's SPLAT! (ITWOM 3.0, `splat -L`) and in `pathProfile`, 2G 900 MHz,
 * receiver 1.5 m, each on flat ground and with the ridge. Prints the ridge's excess loss over flat
 * ground along the line east of the mast for both. `npx tsx scripts/splat_crosscheck.ts` (needs `splat`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localProjection } from '../src/core/geometry/local_projection.ts';
import { pathProfile } from '../src/core/propagation/path_profile.ts';
import { DEFAULT_RADIO } from '../src/core/propagation/radio_config.ts';
import type { RadioCell } from '../src/core/propagation/radio_types.ts';
import { gridDem, syntheticGrid } from '../src/core/terrain/grid_dem.ts';

const LON = 108.5;
const LAT = 14.5;
const proj = localProjection(LON, LAT);
const terrain = {
  flat: () => 500,
  ridge: (lon: number, lat: number) =>
    500 + 150 * Math.max(0, 1 - Math.abs(proj.forward(lon, lat)[0] - 3000) / 300),
};
const dir = mkdtempSync(join(tmpdir(), 'splat-'));
/** SPLAT!'s result per point: [lat, lon °W, azimuth, elevation, path loss dB]. */
const splat: Record<string, number[][]> = {};
for (const [name, h] of Object.entries(terrain)) {
  const d = join(dir, name);
  mkdirSync(d);
  // One 3″ SDF tile, 14–15°N × 108–109°E (251–252°W): four header lines, then 1200 × 1200 heights,
  // latitude rows from the south, each from the tile's eastern edge westwards.
  const lines = ['252', '14', '251', '15'];
  for (let x = 0; x < 1200; x++)
    for (let y = 0; y < 1200; y++) lines.push(String(Math.round(h(360 - (251 + y / 1200), 14 + x / 1200))));
  writeFileSync(join(d, '14:15:251:252.sdf'), `${lines.join('\n')}\n`);
  writeFileSync(join(d, 'tx.qth'), `TX\n${LAT}\n${360 - LON}\n35 meters\n`);
  writeFileSync(
    join(d, 'tx.lrp'),
    '15.000\n0.005\n301.000\n900.000\n5\n1\n0.50\n0.50\n', // ε, σ, Ns, MHz, continental temperate, vertical, 50 %, 50 %
  );
  execFileSync(
    'splat',
    ['-t', 'tx.qth', '-L', '1.5', '-metric', '-R', '10', '-ano', 'out.txt', '-d', '.', '-N', '-o', 'map.ppm'],
    {
      cwd: d,
      stdio: 'ignore',
    },
  );
  splat[name] = readFileSync(join(d, 'out.txt'), 'utf8')
    .split('\n')
    .filter((l) => /^\d/.test(l) && l.split(',').length === 5)
    .map((l) => l.split(',').map((v) => Number.parseFloat(v)));
}
const nearest = (rows: number[][], x0: number, y0: number) => {
  let best = rows[0]!;
  let bd = Infinity;
  for (const r of rows) {
    const [x, y] = proj.forward(360 - r[1]!, r[0]!);
    const dd = Math.hypot(x - x0, y - y0);
    if (dd < bd) {
      bd = dd;
      best = r;
    }
  }
  return best;
};
const box: [number, number, number, number] = [LON - 0.12, LAT - 0.12, LON + 0.12, LAT + 0.12];
const dems = {
  flat: gridDem([syntheticGrid(box, 1 / 1200, terrain.flat)]),
  ridge: gridDem([syntheticGrid(box, 1 / 1200, terrain.ridge)]),
};
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
const config = structuredClone(DEFAULT_RADIO);
config.sweep.rangeStep_m = 90;
console.log('point (km east, north) | SPLAT! ITWOM excess dB | Vùng Phủ excess dB (of it diffraction)');
for (const [x, y] of [
  [-4000, 0],
  [2000, 0],
  [2900, 0],
  [3500, 0],
  [4000, 0],
  [5000, 0],
  [6000, 0],
  [8000, 0],
  [5000, 1500],
] as const) {
  const s = nearest(splat.ridge!, x, y)[4]! - nearest(splat.flat!, x, y)[4]!;
  const [lon, lat] = proj.inverse(x, y);
  const a = pathProfile(cell, dems.ridge, lon, lat, config);
  const b = pathProfile(cell, dems.flat, lon, lat, config);
  console.log(
    `(${x / 1000}, ${y / 1000}) | ${s.toFixed(1)} | ${(b.received_dbm - a.received_dbm).toFixed(1)} (${(a.diffractionLoss_db - b.diffractionLoss_db).toFixed(1)})`,
  );
}
