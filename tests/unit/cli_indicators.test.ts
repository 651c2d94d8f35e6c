/**
 * `vungphu analyze` on the bundled sample, checked against independent computations done here with
 * Turf (spherical geometry, point-in-polygon by Turf, not by the engine's locator).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  area,
  booleanPointInPolygon,
  distance,
  length,
  lineChunk,
  midpoint,
  point,
  sector,
} from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
} from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { ROOT } from '../support/sample.ts';

const read = <T>(p: string): T => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));
type Props = Record<string, unknown>;
const communes = read<FeatureCollection<Polygon | MultiPolygon, Props>>(
  'data/sample/communes-pre2025.geojson',
).features;
const postal = read<FeatureCollection<Point, Props>>('data/synthetic/postal.synthetic.geojson').features;
const villages = read<FeatureCollection<Point, Props>>('data/synthetic/villages.synthetic.geojson').features;
const sites = read<FeatureCollection<Point, Props>>('data/synthetic/sites.synthetic.geojson').features;
const fiber = read<FeatureCollection<LineString | MultiLineString, Props>>(
  'data/synthetic/fiber.synthetic.geojson',
).features;

const communeOf = (f: Feature<Point>) => communes.find((c) => booleanPointInPolygon(f, c));

let report: CoverageReport;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-ind-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'bin/vungphu.mjs'), 'analyze', '--boundary-set', 'pre2025', '--out', 'out'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
});

const province = (name: string) => report.units.find((u) => u.level === 'province' && u.name === name)!;

describe('postal figures agree with a Turf recount', () => {
  it('points, staffed points and R̄ per province', () => {
    for (const name of ['Gia Lai', 'Đắk Nông']) {
      const inProv = communes.filter((c) => c.properties.province === name);
      const pts = postal.filter((p) => inProv.some((c) => booleanPointInPolygon(p, c)));
      const S = inProv.reduce((s, c) => s + area(c) / 1e6, 0);
      const u = province(name).postal!;
      expect(u.points).toBe(pts.length);
      expect(u.staffed_points).toBe(pts.filter((p) => p.properties.staffed === true).length);
      const rBar = Math.sqrt(S / (Math.PI * pts.length));
      expect(Math.abs(u.avg_service_radius_km! - rBar) / rBar).toBeLessThan(0.005);
    }
  });
  it('communes without a staffed point', () => {
    const staffedCommunes = new Set(
      postal.filter((p) => p.properties.staffed === true).map((p) => communeOf(p)?.properties.id),
    );
    const expected = communes
      .filter((c) => !staffedCommunes.has(c.properties.id))
      .map((c) => c.properties.id);
    expect(report.communes_without_staffed_postal_point.map((c) => c.id).sort()).toEqual(expected.sort());
  });
});

describe('villages and dead zones agree with a Turf recount', () => {
  it('villages with no 4G footprint from any operator', () => {
    const settingAt = (s: Feature<Point>) =>
      communeOf(s)?.properties.setting === 'urban' ? 'urban' : 'rural';
    const fourG = sites
      .filter((s) => (s.properties.technologies as string[]).includes('4G'))
      .map((s) => {
        const r = (s.properties.radius_m as number | undefined) ?? (settingAt(s) === 'urban' ? 1500 : 4000);
        const az = s.properties.azimuth_deg as number | undefined;
        const bw = s.properties.beamwidth_deg as number | undefined;
        const wedge =
          az !== undefined && bw !== undefined
            ? sector(s, r / 1000, az - bw / 2, az + bw / 2, { steps: 256 })
            : null;
        return { s, r, wedge };
      });
    const inArea = villages.filter((v) => communeOf(v));
    const dead = inArea.filter(
      (v) =>
        !fourG.some(({ s, r, wedge }) => {
          const d = distance(s, v, { units: 'meters' });
          if (d > r) return false;
          return wedge ? booleanPointInPolygon(v, wedge) : true;
        }),
    );
    const got = new Set(report.dead_zone_villages.map((d) => d.village_id));
    const want = new Set(dead.map((v) => v.properties.id as string));
    const differ = [...got].filter((x) => !want.has(x)).concat([...want].filter((x) => !got.has(x)));
    // Spherical Turf vs ellipsoidal engine may disagree only for a village within metres of a footprint edge.
    expect(differ.length).toBeLessThanOrEqual(1);
    expect(got.size).toBeGreaterThan(50);
  });
  it('the grid-powered 4G village target (GL-M3) at province level', () => {
    const t = report.targets.find((x) => x.target_id === 'GL-M3' && x.level === 'province')!;
    const gl = report.units.find((u) => u.level === 'province' && u.name === 'Gia Lai')!.villages;
    const c = gl.covered.find((x) => x.technology === '4G')!;
    expect(t.value).toBeCloseTo((100 * c.grid_powered_covered) / gl.grid_powered, 3);
    expect(t.status).toBe(t.value! >= 100 ? 'met' : 'not_met');
    expect(gl.villages).toBe(
      villages.filter((v) =>
        communes.some((cm) => cm.properties.province === 'Gia Lai' && booleanPointInPolygon(v, cm)),
      ).length,
    );
  });
});

describe('fiber agrees with a Turf recount', () => {
  it('route km inside each province (50 m chunks, midpoint in the province)', () => {
    for (const name of ['Gia Lai', 'Đắk Nông']) {
      const inProv = communes.filter((c) => c.properties.province === name);
      let km = 0;
      for (const f of fiber.filter((x) => x.properties.medium === 'fiber')) {
        for (const chunk of lineChunk(f, 0.05, { units: 'kilometers' }).features) {
          const coords = chunk.geometry.coordinates;
          const mid = midpoint(point(coords[0]!), point(coords[coords.length - 1]!));
          if (inProv.some((c) => booleanPointInPolygon(mid, c))) km += length(chunk, { units: 'kilometers' });
        }
      }
      const got = province(name).fiber!.route_km;
      expect(Math.abs(got - km) / km).toBeLessThan(0.01);
    }
  });
});

describe('targets', () => {
  it('are evaluated only in their own province and at every level they name', () => {
    const gl = report.targets.filter((t) => t.target_id.startsWith('GL-'));
    expect(gl.some((t) => t.unit_name === 'Đắk Nông')).toBe(false);
    const p1 = report.targets.filter((t) => t.target_id === 'DN-P1');
    expect(new Set(p1.map((t) => t.level))).toEqual(new Set(['commune', 'district', 'province']));
    expect(p1.filter((t) => t.level === 'commune')).toHaveLength(71);
  });
});
