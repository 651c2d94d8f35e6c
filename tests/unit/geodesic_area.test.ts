import geographiclib from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { loadSample } from '../support/sample.ts';

const WGS84 = geographiclib.Geodesic.WGS84;

function karneyKm2(rings: number[][][]): number {
  return (
    rings.reduce((s, ring, i) => {
      const p = WGS84.Polygon(false);
      for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat!, lon!);
      return s + (i === 0 ? 1 : -1) * Math.abs(p.Compute(false, true).area ?? 0);
    }, 0) / 1e6
  );
}

describe('ellipsoidal area', () => {
  it('matches GeographicLib on every sample commune to 0.01 %', () => {
    const { communes } = loadSample();
    let worst = 0;
    for (const c of communes) {
      const polys = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
      const ref = polys.reduce((s, p) => s + karneyKm2(p as number[][][]), 0);
      worst = Math.max(worst, Math.abs(geodesicArea(c.geometry) - ref) / ref);
    }
    expect(worst).toBeLessThan(1e-4);
  });
  it('the sample provinces have their published sizes (≈15,500 and ≈6,500 km²)', () => {
    const { communes } = loadSample();
    const byProvince = new Map<string, number>();
    for (const c of communes)
      byProvince.set(c.provinceName, (byProvince.get(c.provinceName) ?? 0) + geodesicArea(c.geometry));
    expect(byProvince.get('Gia Lai')! / 15_510).toBeGreaterThan(0.97);
    expect(byProvince.get('Gia Lai')! / 15_510).toBeLessThan(1.03);
    expect(byProvince.get('Đắk Nông')! / 6_509).toBeGreaterThan(0.97);
    expect(byProvince.get('Đắk Nông')! / 6_509).toBeLessThan(1.03);
  });
});
