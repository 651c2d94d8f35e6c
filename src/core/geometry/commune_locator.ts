import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { Commune } from '../base/types.ts';
import { pointInRings, ringsBBox, ringsOf } from './point_in_polygon.ts';

/** Finds which commune a lon/lat point falls in. */
export interface CommuneLocator {
  /** Index into the communes array, or -1 when the point is in none of them. */
  locate(lon: number, lat: number): number;
  readonly rings: Position[][][];
  readonly bboxes: [number, number, number, number][];
}

const locators = new WeakMap<readonly Commune[], CommuneLocator>();

/**
 * Builds a spatial index (Flatbush R-tree over bounding boxes, then an exact ring test) over communes,
 * once per communes array (the engine never changes a commune it is given).
 */
export function communeLocator(communes: readonly Commune[]): CommuneLocator {
  let locator = locators.get(communes);
  if (!locator) {
    locator = buildLocator(communes);
    locators.set(communes, locator);
  }
  return locator;
}

function buildLocator(communes: readonly Commune[]): CommuneLocator {
  const rings = communes.map((c) => ringsOf(c.geometry));
  const bboxes = rings.map(ringsBBox);
  const index = new Flatbush(Math.max(1, communes.length));
  for (const b of bboxes) index.add(b[0], b[1], b[2], b[3]);
  if (communes.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return {
    rings,
    bboxes,
    locate(lon, lat) {
      if (communes.length === 0) return -1;
      const hits = index.search(lon, lat, lon, lat).sort((a, b) => a - b);
      for (const i of hits) if (pointInRings(lon, lat, rings[i]!)) return i;
      return -1;
    },
  };
}
