/**
 * Writes the SYNTHETIC speed-test fixtures in tests/fixtures/speedtests/ (seeded: the same files every
 * run; no real measurement ships): points around the sample's synthetic sites, and Ookla-style tiles
 * (zoom-16 quadkeys) that average them.
 *
 *   npx tsx scripts/make_speedtest_fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSample } from '../tests/support/sample.ts';
import { speedTestsCsv, syntheticSpeedTests } from '../tests/support/speed_test_gen.ts';

const DIR = join(import.meta.dirname, '../tests/fixtures/speedtests');
mkdirSync(DIR, { recursive: true });
const { sites } = loadSample('pre2025');
const tests = syntheticSpeedTests(sites, 3000, { seed: 20261202, strayShare: 0.02 });
writeFileSync(join(DIR, 'synthetic_points.csv'), speedTestsCsv(tests));

/** The zoom-16 quadkey of a point (Web Mercator). */
function quadkey(lon: number, lat: number, zoom = 16): string {
  const n = 2 ** zoom;
  const x = Math.floor(((lon + 180) / 360) * n);
  const s = Math.sin((lat * Math.PI) / 180);
  const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
  let q = '';
  for (let i = zoom; i > 0; i--) {
    const m = 1 << (i - 1);
    q += String((x & m ? 1 : 0) + (y & m ? 2 : 0));
  }
  return q;
}

// Tiles: the 4G tests grouped by zoom-16 tile, with their mean figures and counts (as Ookla publishes).
const tiles = new Map<string, { d: number; u: number; l: number; nl: number; n: number }>();
for (const t of tests) {
  if (t.technology !== '4G') continue;
  const q = quadkey(t.lon, t.lat);
  const a = tiles.get(q) ?? { d: 0, u: 0, l: 0, nl: 0, n: 0 };
  a.d += t.downloadMbps * 1000;
  a.u += (t.uploadMbps ?? 0) * 1000;
  if (t.latencyMs !== null) {
    a.l += t.latencyMs;
    a.nl++;
  }
  a.n++;
  tiles.set(q, a);
}
const rows = [...tiles].map(
  ([q, a]) =>
    `${q},${Math.round(a.d / a.n)},${Math.round(a.u / a.n)},${a.nl ? Math.round(a.l / a.nl) : ''},${a.n},${a.n}`,
);
writeFileSync(
  join(DIR, 'synthetic_tiles.csv'),
  `quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n${rows.join('\n')}\n`,
);
process.stdout.write(`wrote ${tests.length} points and ${rows.length} tiles to ${DIR}\n`);
