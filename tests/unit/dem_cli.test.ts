/**
 * `--dem` through the CLI bundle (issue 17, part A; run `npm run build:cli` first): the tiles are read
 * and summarised, sites outside the DEM are warned about, and a bad tile is a UserError (exit 1)
 * naming the file. A one-commune boundary and one site keep it quick; the .hgt is built here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vungphu-dem-'));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });

/** A 3″ tile with a void in its middle: 300 m + 1 m per post eastward. */
function tile(): Uint8Array {
  const n = 1201;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) v.setInt16(2 * (r * n + c), 300 + c, false);
  v.setInt16(2 * (600 * n + 600), -32768, false);
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

beforeAll(() => {
  writeFileSync(join(dir, 'N14E108.hgt'), tile());
  writeFileSync(join(dir, 'N14E108-bad.hgt'), new Uint8Array(10));
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
  writeFileSync(join(dir, 'inside.csv'), 'id,lon,lat,technology,operator\ns1,108.5,14.5,4G,Viettel\n');
  writeFileSync(join(dir, 'outside.csv'), 'id,lon,lat,technology,operator\ns1,107.5,14.5,4G,Viettel\n');
});

describe('vungphu analyze --dem', () => {
  it('reads the tile, says what it holds and the voids filled', () => {
    const r = run([
      'analyze',
      '--boundaries',
      'communes.geojson',
      '--sites',
      'inside.csv',
      '--dem',
      'N14E108.hgt',
      '--out',
      'o1',
    ]);
    expect(r.stderr).toContain('warning: N14E108.hgt: 1 void post(s) filled from their neighbours');
    expect(r.stderr).toContain(
      '--dem: 1 tile(s), 108…109° E, 14…15° N, posts every 89 m, 1 void post(s) filled',
    );
    expect(r.stderr).not.toContain('outside the DEM');
    expect(r.status).toBe(0);
  });
  it('warns when no site lies inside the DEM', () => {
    const r = run([
      'analyze',
      '--boundaries',
      'communes.geojson',
      '--sites',
      'outside.csv',
      '--dem',
      'N14E108.hgt',
      '--out',
      'o2',
    ]);
    expect(r.stderr).toContain(
      'warning: --dem: none of the 1 sites lies inside the DEM (108…109° E, 14…15° N); their footprints stay circles and sectors.',
    );
    expect(r.status).toBe(0);
  });
  it('refuses a bad tile and a missing file with exit 1, every file named', () => {
    const r = run([
      'analyze',
      '--boundaries',
      'communes.geojson',
      '--sites',
      'inside.csv',
      '--dem',
      'N14E108-bad.hgt',
      '--dem',
      'N14E108.hgt',
      '--out',
      'o3',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('N14E108-bad.hgt: 10 bytes is not the size of an SRTM .hgt tile');
    expect(r.stderr).not.toMatch(/at .*\.(ts|mjs):\d+/);
    const missing = run(['analyze', '--boundaries', 'communes.geojson', '--dem', 'nope.hgt', '--out', 'o4']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.hgt: file not found.');
  });
  it('plan-sites reads it too and plans on it', () => {
    const r = run([
      'plan-sites',
      '--boundaries',
      'communes.geojson',
      '--sites',
      'inside.csv',
      '--technology',
      '4G',
      '--k',
      '1',
      '--dem',
      'N14E108.hgt',
      '--out',
      'o5',
    ]);
    expect(r.stderr).toContain('--dem: 1 tile(s), 108…109° E, 14…15° N');
    expect(r.status).toBe(0);
  });
  it('is in the help of analyze and plan-sites', () => {
    expect(run(['analyze', '--help']).stdout).toContain('--dem F');
    expect(run(['plan-sites', '--help']).stdout).toContain('--dem F');
  });
});
