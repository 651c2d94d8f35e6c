/**
 * The app's first analysis leaves out the gap and beyond-3-km polygons (two layers off by default) and
 * fills them in on demand: the figures must not depend on it, and the polygons filled in later must be
 * those of one full run, also after what-if edits made in between.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withDeferredPolygons } from '../../src/core/deferred_polygons.ts';
import { resumeAnalysis, updateAnalysis } from '../../src/core/incremental_analysis.ts';
import { type FullInput, runAnalysis } from '../../src/core/run_analysis.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { postalFromGeoJSON } from '../../src/io/import/postal.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { ROOT } from '../support/sample.ts';

const read = (p: string) => readFileSync(`${ROOT}${p}`, 'utf8');
const all = communesFromGeoJSON(read('data/sample/communes-pre2025.geojson'), { file: 'c' }).communes;
// One rural district keeps the test quick and has both kinds of polygon: Huyện Đắk Pơ.
const communes = all.filter((c) => c.districtName === 'Huyện Đắk Pơ');
const [w, s0, e, n] = communes.reduce(
  (b, c) => {
    const [lon, lat] = c.center!;
    return [Math.min(b[0], lon), Math.min(b[1], lat), Math.max(b[2], lon), Math.max(b[3], lat)];
  },
  [180, 90, -180, -90],
);
const box = (lon: number, lat: number) => lon > w - 0.2 && lon < e + 0.2 && lat > s0 - 0.2 && lat < n + 0.2;
const sites = sitesFromGeoJSON(read('data/synthetic/sites.synthetic.geojson'), 's').sites.filter((s) =>
  box(s.lon, s.lat),
);
const postal = postalFromGeoJSON(read('data/synthetic/postal.synthetic.geojson'), 'p').points.filter((p) =>
  box(p.lon, p.lat),
);
const input: FullInput = { communes, sites, postal };

describe('withDeferredPolygons', () => {
  const full = runAnalysis(input);
  const deferredOptions = { gapPolygons: false, postalBeyondPolygons: false } as const;

  it('leaves the figures unchanged and the polygons out', () => {
    const deferred = runAnalysis(input, deferredOptions);
    expect(communes.length).toBe(8);
    expect(full.mobile.gaps.length).toBeGreaterThan(0);
    expect(full.postalBeyondPolygons.length).toBeGreaterThan(0);
    expect(deferred.units).toEqual(full.units);
    expect(deferred.mobile.gaps).toEqual([]);
    expect(deferred.postalBeyondPolygons).toEqual([]);
  });

  it('fills in exactly the polygons of a full run, and only those asked for', () => {
    const state = resumeAnalysis(input, deferredOptions, runAnalysis(input, deferredOptions));
    const gapsOnly = withDeferredPolygons(state, { gaps: true });
    expect(gapsOnly.result.mobile.gaps).toEqual(full.mobile.gaps);
    expect(gapsOnly.result.postalBeyondPolygons).toEqual([]);
    const both = withDeferredPolygons(gapsOnly, { beyond: true });
    expect(both.result.postalBeyondPolygons).toEqual(full.postalBeyondPolygons);
    expect(both.result.units).toEqual(full.units);
    expect(withDeferredPolygons(both, { gaps: true, beyond: true })).toBe(both);
  });

  it('after edits made while deferred, and in later updates, equals a full run of the edited scenario', () => {
    const state = resumeAnalysis(input, deferredOptions, runAnalysis(input, deferredOptions));
    const c = communes[0]!.center!;
    const added = { id: 'NEW', operator: 'VNPT', lon: c[0], lat: c[1], technologies: ['4G' as const] };
    const moved = postal.map((p, i) => (i === 0 ? { ...p, lon: p.lon + 0.01 } : p));
    const edited = updateAnalysis(state, { sites: [...sites, added], postal: moved }).state;
    const filled = withDeferredPolygons(edited, { gaps: true, beyond: true });
    const want = runAnalysis({ ...input, sites: [...sites, added], postal: moved });
    expect(filled.result.mobile.gaps).toEqual(want.mobile.gaps);
    expect(filled.result.postalBeyondPolygons).toEqual(want.postalBeyondPolygons);
    // Once filled in, incremental updates keep them.
    const again = updateAnalysis(filled, { sites }).state;
    const want2 = runAnalysis({ ...input, postal: moved });
    expect(again.result.mobile.gaps).toEqual(want2.mobile.gaps);
    expect(again.result.postalBeyondPolygons).toEqual(want2.postalBeyondPolygons);
  });
});
