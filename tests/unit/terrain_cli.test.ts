/**
 * Terrain footprints through the CLI bundle (issue 17, part C; run `npm run build:cli` first):
 * `analyze --dem` computes the footprints on worker threads and says so in report.json, a second run
 * with the same `--terrain-cache` reads them all back and gives the same figures, and `plan-sites
 * --move-to-highest` moves a candidate onto the summit of a hill. The .hgt tile is built here: a cone
 * 800 m high on a 300 m plain, its summit on the post at 108.5° E, 14.5° N.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vungphu-terrain-'));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
const M_LAT = 110_574;
const M_LON = 111_320 * Math.cos((14.5 * Math.PI) / 180);

/** The cone's height (m) at a lon/lat: 300 m plain, 1,100 m summit, 1 m down per 10 m out. */
const cone = (lon: number, lat: number) =>
  300 + Math.max(0, 800 - Math.hypot((lon - 108.5) * M_LON, (lat - 14.5) * M_LAT) / 10);

function tile(): Uint8Array {
  const n = 1201;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      v.setInt16(2 * (r * n + c), Math.round(cone(108 + c / 1200, 15 - r / 1200)), false);
  return b;
}

const square = (lon: number, lat: number, d: number) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ],
];

const analyzeArgs = (out: string, extra: string[] = []) => [
  'analyze',
  '--boundaries',
  'communes.geojson',
  '--sites',
  'sites.csv',
  '--out',
  out,
  ...extra,
];

beforeAll(() => {
  writeFileSync(join(dir, 'N14E108.hgt'), tile());
  writeFileSync(
    join(dir, 'communes.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'x', name: 'Xã X', population: 1000, province: 'Gia Lai' },
          geometry: { type: 'Polygon', coordinates: square(108.4, 14.4, 0.2) },
        },
      ],
    }),
  );
  const rows = ['id,lon,lat,technology,operator'];
  for (let i = 0; i < 12; i++)
    rows.push(`s${i},${108.42 + (i % 4) * 0.05},${14.42 + Math.floor(i / 4) * 0.07},4G,Viettel`);
  writeFileSync(join(dir, 'sites.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'candidates.csv'), `id,lon,lat\nc1,${108.5 + 150 / M_LON},${14.5 - 120 / M_LAT}\n`);
}, 30_000);

const report = (out: string) => JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8'));
const figures = (out: string) =>
  report(out).units.map((u: { id: string; coverage: unknown }) => [u.id, u.coverage]);

describe('vungphu analyze --dem (terrain footprints)', () => {
  it('computes every footprint on worker threads, and the second run reads them from --terrain-cache', () => {
    const first = run(analyzeArgs('t1', ['--dem', 'N14E108.hgt', '--terrain-cache', 'cache']));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(
      /terrain footprints: 12 cells on the DEM, 0 from the cache \(0 read from cache\), 12 computed/,
    );
    expect(first.stderr).toContain('terrain footprints: 12 written to cache');
    expect(readdirSync(join(dir, 'cache')).filter((f) => f.endsWith('.json.gz'))).toHaveLength(1);
    const method = report('t1').method.footprints;
    expect(method.kind).toBe('terrain');
    expect(method.en).toContain('DEM: N14E108.hgt');
    expect(method.vi).toContain('theo địa hình');

    const second = run(analyzeArgs('t2', ['--dem', 'N14E108.hgt', '--terrain-cache', 'cache']));
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(
      /12 cells on the DEM, 12 from the cache \(12 read from cache\), 0 computed/,
    );
    expect(figures('t2')).toEqual(figures('t1'));

    const circles = run(analyzeArgs('t3'));
    expect(circles.status).toBe(0);
    expect(report('t3').method.footprints).toMatchObject({ kind: 'circles', terrain: null });
    expect(figures('t3')).not.toEqual(figures('t1'));
  }, 120_000);

  it('--terrain-cache and --move-to-highest need --dem', () => {
    const r = run(analyzeArgs('t4', ['--terrain-cache', 'cache']));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--terrain-cache needs --dem FILE.');
    const p = run([
      'plan-sites',
      '--boundaries',
      'communes.geojson',
      '--villages',
      'none',
      '--move-to-highest',
      '--out',
      'p0',
    ]);
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('--move-to-highest needs --dem FILE.');
  });
});

describe('vungphu plan-sites --dem --move-to-highest', () => {
  it('moves the candidate to the summit and lists the move in plan.json', () => {
    const r = run([
      'plan-sites',
      '--boundaries',
      'communes.geojson',
      '--sites',
      'sites.csv',
      '--villages',
      'none',
      '--technology',
      '4G',
      '--candidates',
      'candidates.csv',
      '--k',
      '1',
      '--dem',
      'N14E108.hgt',
      '--move-to-highest',
      '--out',
      'p1',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('--move-to-highest: 1 of 1 candidates moved');
    const plan = JSON.parse(readFileSync(join(dir, 'p1', 'plan.json'), 'utf8'));
    const m = plan.moves[0];
    expect(m.from_height_m).toBeCloseTo(cone(m.from[0], m.from[1]), -1);
    // The summit post (1,100 m) is 192 m away, within the default 300 m.
    expect(Math.hypot((m.to[0] - 108.5) * M_LON, (m.to[1] - 14.5) * M_LAT)).toBeLessThan(45);
    expect(m.to_height_m).toBeGreaterThan(1095);
    expect(plan.method.footprints.kind).toBe('terrain');
    expect(existsSync(join(dir, 'p1', 'plan.csv'))).toBe(true);
  }, 120_000);
});
