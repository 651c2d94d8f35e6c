/**
 * A stand-in terrain model for the engine's tests and the terrain benchmark (until the propagation
 * model is wired): a cell covers a half-disc facing its azimuth (north for an omni cell) whose radius
 * grows with the ground height at the site, R = 1,000 m + 2 × height. Simple enough to compute
 * independently, and unlike any circle or sector of the default radii, so a test can tell which one
 * the engine used. `calls.n` counts the footprints computed.
 */
import type { Position } from 'geojson';
import type { RadioCell, TerrainFootprint } from '../../src/core/propagation/radio_types.ts';
import type { Dem } from '../../src/core/terrain/dem.ts';
import type { TerrainModel } from '../../src/core/terrain/terrain_model.ts';

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQ = 111_320;

/** The radius (m) of the half-disc of a cell at a site of ground height h (m). */
export const halfDiscRadius = (h: number) => 1000 + 2 * (Number.isFinite(h) ? h : 0);

/** The half-disc ring of radius r (m) facing azimuth az (°), `n` arc steps, in a local plane at the site. */
export function halfDiscRing(lon: number, lat: number, r: number, az = 0, n = 96): Position[] {
  const kx = M_PER_DEG_LON_EQ * Math.cos((lat * Math.PI) / 180);
  const ring: Position[] = [[lon, lat]];
  for (let i = 0; i <= n; i++) {
    const a = ((az - 90 + (180 * i) / n) * Math.PI) / 180;
    ring.push([lon + (r * Math.sin(a)) / kx, lat + (r * Math.cos(a)) / M_PER_DEG_LAT]);
  }
  ring.push([lon, lat]);
  return ring;
}

export function halfDiscModel(calls = { n: 0 }): TerrainModel {
  return {
    name: { vi: 'nửa hình tròn thử nghiệm', en: 'test half-disc' },
    key: 'half-disc v1',
    defaults: { vi: 'EIRP 60 dBm, cao 30 m', en: 'EIRP 60 dBm, height 30 m' },
    resolve(site, cell, setting): RadioCell {
      return {
        lon: site.lon,
        lat: site.lat,
        technology: cell.technology,
        setting,
        frequency_mhz: 1800,
        height_m: cell.height_m ?? site.height_m ?? 30,
        eirp_dbm: cell.eirp_dbm ?? 60,
        ...(cell.azimuth_deg !== undefined ? { azimuth_deg: cell.azimuth_deg } : {}),
        tilt_deg: 0,
        defaulted: ['frequency', 'tilt'],
      };
    },
    footprint(cell: RadioCell, dem: Dem): TerrainFootprint {
      calls.n++;
      const r = halfDiscRadius(dem.elevation(cell.lon, cell.lat));
      const ring = halfDiscRing(cell.lon, cell.lat, r, cell.azimuth_deg ?? 0);
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      return {
        rings: [ring],
        bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
        outsideDemShare: 0,
      };
    },
  };
}
