/**
 * The engine's lazy footprints (site_footprints.ts) against building every footprint: the points a
 * point test finds, the footprints a commune's scan takes, and the scan's areas, with footprints held
 * and not held, on sparse sites (nothing skipped) and on dense ones (most sites never built), with
 * circles, sectors and predicted polygons lying away from their sites.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Site, Technology } from '../../src/core/base/types.ts';
import { scanCommune } from '../../src/core/coverage/commune_scan.ts';
import {
  buildFootprints,
  type Footprint,
  footprintContains,
  pairLayout,
} from '../../src/core/coverage/footprints.ts';
import { siteFootprints } from '../../src/core/coverage/site_footprints.ts';
import { rect } from '../support/reference.ts';

const TECHS: Technology[] = ['2G', '4G', '5G'];
const OPS = ['Viettel', 'VNPT', 'MobiFone'];
const layout = pairLayout(TECHS, OPS);
const cfg = DEFAULT_CONFIG;
const rural = () => 'rural' as const;

/** Seeded sites in a box: `n` of them, a third sectors, some with their own radius. */
function sitesIn(n: number, box: readonly [number, number, number, number], seed: number): Site[] {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, (_, i) => {
    const techs = TECHS.filter(() => rnd() < 0.5);
    const site: Site = {
      id: `S${i}`,
      operator: OPS[Math.floor(rnd() * 3)]!,
      lon: box[0] + rnd() * (box[2] - box[0]),
      lat: box[1] + rnd() * (box[3] - box[1]),
      technologies: techs.length ? techs : ['4G'],
    };
    if (rnd() < 0.3) {
      site.azimuth_deg = Math.floor(rnd() * 360);
      site.beamwidth_deg = 65;
    }
    if (rnd() < 0.2) site.radius_m = 300 + Math.floor(rnd() * 3000);
    if (rnd() < 0.05) {
      // An operator's predicted polygon, off to one side of its site (up to ~5 km away): its reach is
      // its box's farthest corner, not a radius.
      const dx = (rnd() - 0.5) * 0.08;
      const dy = (rnd() - 0.5) * 0.08;
      const [x, y] = [site.lon + dx, site.lat + dy];
      site.coverage = {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.01, y],
            [x + 0.01, y + 0.008],
            [x, y + 0.008],
            [x, y],
          ],
        ],
      };
    }
    return site;
  });
}

/** The pairs covering a point, from every footprint (the brute force). */
const bruteMask = (all: Footprint[], lon: number, lat: number) =>
  all.reduce((m, f) => (footprintContains(f, lon, lat) ? m | (1 << f.pair) : m), 0);

const BOX = [108, 14, 108.2, 14.2] as const;
const commune = rect(108.05, 14.05, 108.15, 14.15);
const bbox: [number, number, number, number] = [108.05, 14.05, 108.15, 14.15];
const scanOptions = { scanlines: 120, minScanlines: 40, spacing: 100, gapMasks: [], gapRows: 20 };

describe.each([
  ['sparse', 60],
  ['dense', 6000],
])('lazy footprints on %s sites', (_name, n) => {
  const sites = sitesIn(n, BOX, 20261202 + n);
  const all = buildFootprints(sites, layout, cfg, rural);
  const everyPair = all.reduce((m, f) => m | (1 << f.pair), 0);

  it.each([
    ['held', Infinity],
    ['not held', 0],
  ])('pairsAt finds exactly the covering pairs (footprints %s)', (_h, limit) => {
    const lazy = siteFootprints(sites, layout, cfg, rural, limit);
    expect(lazy.pairs).toBe(everyPair);
    fc.assert(
      fc.property(
        fc.double({ min: BOX[0], max: BOX[2], noNaN: true }),
        fc.double({ min: BOX[1], max: BOX[3], noNaN: true }),
        (lon, lat) => {
          const want = bruteMask(all, lon, lat);
          expect(lazy.pairsAt(lon, lat, everyPair)).toBe(want);
          // Asked for one pair only, or for any of a mask: the answer is within what was asked.
          expect(lazy.pairsAt(lon, lat, 1) & 1).toBe(want & 1);
          const some = lazy.pairsAt(lon, lat, 0b111000, (f) => f !== 0);
          expect(some === 0).toBe((want & 0b111000) === 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    ['held', Infinity],
    ['not held', 0],
  ])('a scan taking the stream gives the areas of the scan of every footprint (%s)', (_h, limit) => {
    const lazy = siteFootprints(sites, layout, cfg, rural, limit);
    const rings = commune.coordinates;
    const near = all.filter(
      (f) => !(f.bbox[0] > bbox[2] || f.bbox[2] < bbox[0] || f.bbox[1] > bbox[3] || f.bbox[3] < bbox[1]),
    );
    const full = scanCommune(rings, bbox, near, scanOptions);
    let taken = 0;
    const stream = lazy.stream(bbox, 108.1, 14.1);
    const counting = {
      each: (skip: () => number, fn: (f: Footprint) => void) =>
        stream.each(skip, (f) => {
          taken++;
          fn(f);
        }),
    };
    const streamed = scanCommune(rings, bbox, counting, scanOptions);
    expect(streamed.totalArea).toBe(full.totalArea);
    const masks = [...new Set([...full.maskArea.keys(), ...streamed.maskArea.keys()])];
    for (const m of masks) expect(streamed.maskArea.get(m) ?? 0).toBeCloseTo(full.maskArea.get(m) ?? 0, 3);
    expect(taken).toBeLessThanOrEqual(near.length);
    if (n > 1000) expect(taken).toBeLessThan(near.length / 4); // dense: most never built
  });
});

describe('stream with no sites', () => {
  it('takes nothing and finds nothing', () => {
    const lazy = siteFootprints([], layout, cfg, rural);
    const seen: Footprint[] = [];
    lazy.stream(bbox, 108.1, 14.1).each(
      () => 0,
      (f) => seen.push(f),
    );
    expect(seen).toEqual([]);
    expect(lazy.pairsAt(108.1, 14.1, -1)).toBe(0);
    expect(lazy.points).toBeNull();
  });
});
