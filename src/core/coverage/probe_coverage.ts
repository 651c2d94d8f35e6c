import type Flatbush from 'flatbush';
import type { Site, Technology } from '../base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';

/** What the mobile footprints give at one point. */
export interface ProbeResult {
  /** Technologies with a footprint over the point, from any operator. */
  technologies: Technology[];
  /** Distance to the nearest site carrying 4G, in km; null when the point has 4G, or there is no 4G site. */
  nearest4gSiteKm: number | null;
  /** Id of that nearest 4G site; null as `nearest4gSiteKm`. */
  nearest4gSiteId: string | null;
  /** Bearing from that site to the point, degrees clockwise from north in [0, 360); null as `nearest4gSiteKm`. */
  nearest4gBearingDeg: number | null;
}

/** Bearing from the first lon/lat point to the second, degrees clockwise from north in [0, 360) (local scale). */
export function localBearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const lat = (lat1 + lat2) / 2;
  const dx = (lon2 - lon1) * metresPerDegreeLon(lat);
  const dy = (lat2 - lat1) * metresPerDegreeLat(lat);
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** Ground distance in metres between two nearby lon/lat points (local ellipsoidal scale). */
export function localDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const lat = (lat1 + lat2) / 2;
  const dx = (lon2 - lon1) * metresPerDegreeLon(lat);
  const dy = (lat2 - lat1) * metresPerDegreeLat(lat);
  return Math.hypot(dx, dy);
}

/**
 * Tests points (villages, commune centres) against the footprints: which technologies cover each, and
 * how far the nearest 4G site is. `technologiesAt(lon, lat)` gives the technologies of the footprints
 * containing a point; `siteIndex` indexes the sites' positions.
 */
export function probeCoverage(
  points: readonly { lon: number; lat: number }[],
  technologiesAt: (lon: number, lat: number) => readonly Technology[],
  sites: readonly Site[],
  siteIndex: Flatbush | null,
): ProbeResult[] {
  return points.map((p) => {
    const techs = new Set<Technology>(technologiesAt(p.lon, p.lat));
    let nearest: number | null = null;
    let nearestSite: Site | null = null;
    // Only a point without 4G needs the distance (the dead-zone list reports it): the search for the
    // nearest sites is the costliest part of a probe, and most villages have 4G.
    if (siteIndex && !techs.has('4G')) {
      // Flatbush ranks by planar degrees; take a few candidates and measure them on the ground.
      const ids = siteIndex.neighbors(p.lon, p.lat, 8, Infinity, (i) =>
        sites[i]!.technologies.includes('4G'),
      );
      for (const i of ids) {
        const s = sites[i]!;
        const d = localDistanceM(p.lon, p.lat, s.lon, s.lat) / 1000;
        if (nearest === null || d < nearest) {
          nearest = d;
          nearestSite = s;
        }
      }
    }
    return {
      technologies: [...techs].sort(),
      nearest4gSiteKm: nearest,
      nearest4gSiteId: nearestSite?.id ?? null,
      nearest4gBearingDeg: nearestSite
        ? localBearingDeg(nearestSite.lon, nearestSite.lat, p.lon, p.lat)
        : null,
    };
  });
}
