/**
 * A national-scale synthetic case: 10,000 communes (jittered 100 × 100 grid cells of ~33 km², about
 * Vietnam's 331,000 km² / 10,000) and 100,000 sites with 2G/4G/5G from three operators. Seeded.
 */
import type { Commune, Site, Technology } from '../src/core/base/types.ts';

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function nationalCase(
  nx = 100,
  ny = 100,
  nSites = 100_000,
  seed = 7,
): { communes: Commune[]; sites: Site[] } {
  const rnd = mulberry32(seed);
  const lon0 = 103;
  const lat0 = 9;
  const step = 0.054; // ≈ 5.8 km
  // Shared jittered corner grid so neighbouring communes tile without gaps or overlaps.
  const corner = (i: number, j: number): [number, number] => {
    const h = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453;
    const jx = (h - Math.floor(h) - 0.5) * step * 0.3;
    const h2 = Math.sin(i * 39.346 + j * 11.135) * 24634.6345;
    const jy = (h2 - Math.floor(h2) - 0.5) * step * 0.3;
    const edge = i === 0 || j === 0 || i === nx || j === ny;
    return [lon0 + i * step + (edge ? 0 : jx), lat0 + j * step + (edge ? 0 : jy)];
  };
  const communes: Commune[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      // 10 vertices per side: a realistic vertex count (~40) for a 1:250k commune outline.
      const ring: [number, number][] = [];
      const side = (a: [number, number], b: [number, number]) => {
        for (let k = 0; k < 10; k++)
          ring.push([a[0] + ((b[0] - a[0]) * k) / 10, a[1] + ((b[1] - a[1]) * k) / 10]);
      };
      const c00 = corner(i, j);
      const c10 = corner(i + 1, j);
      const c11 = corner(i + 1, j + 1);
      const c01 = corner(i, j + 1);
      side(c00, c10);
      side(c10, c11);
      side(c11, c01);
      side(c01, c00);
      ring.push(ring[0]!);
      const district = `D${Math.floor(i / 10)}-${Math.floor(j / 10)}`;
      communes.push({
        id: `C${i}-${j}`,
        name: `Xã ${i}-${j}`,
        districtId: district,
        districtName: district,
        provinceId: `P${Math.floor(i / 25)}-${Math.floor(j / 25)}`,
        provinceName: `Tỉnh ${Math.floor(i / 25)}-${Math.floor(j / 25)}`,
        population: Math.round(2000 + rnd() * 20000),
        setting: rnd() < 0.15 ? 'urban' : 'rural',
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  const ops = ['Viettel', 'VNPT', 'MobiFone'];
  const sites: Site[] = [];
  for (let k = 0; k < nSites; k++) {
    const technologies: Technology[] = ['4G'];
    if (rnd() < 0.6) technologies.push('2G');
    if (rnd() < 0.12) technologies.push('5G');
    const site: Site = {
      id: `S${k}`,
      operator: ops[Math.floor(rnd() * 3)]!,
      lon: lon0 + rnd() * nx * step,
      lat: lat0 + rnd() * ny * step,
      technologies,
    };
    if (rnd() < 0.3) {
      site.azimuth_deg = Math.floor(rnd() * 360);
      site.beamwidth_deg = 120;
    }
    sites.push(site);
  }
  return { communes, sites };
}
