/**
 * The terrain footprint cache: least recently used dropped first, hits and misses counted, and its
 * entries survive a JSON round trip (the persistence hook the app's IndexedDB and --terrain-cache use).
 */
import { describe, expect, it } from 'vitest';
import type { TerrainFootprint } from '../../src/core/propagation/radio_types.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { terrainCellKey } from '../../src/core/terrain/terrain_context.ts';

const fp = (x: number): TerrainFootprint => ({
  rings: [
    [
      [x, 0],
      [x + 1, 0],
      [x, 1],
      [x, 0],
    ],
  ],
  bbox: [x, 0, x + 1, 1],
  outsideDemShare: 0,
});

describe('footprintCache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const c = footprintCache(2);
    c.set('a', fp(1));
    c.set('b', fp(2));
    expect(c.get('a')?.bbox[0]).toBe(1); // a is now the newest
    c.set('c', fp(3));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.get('c')).toBeDefined();
    expect(c.size).toBe(2);
    expect([c.hits, c.misses]).toEqual([3, 1]);
  });

  it('restores what it serialised, through JSON', () => {
    const c = footprintCache();
    c.set('a', fp(1));
    c.set('b', fp(2));
    const d = footprintCache();
    d.restore(JSON.parse(JSON.stringify(c.entries())));
    expect(d.get('b')).toEqual(fp(2));
    expect(d.entries().map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('keys a radio cell by its values, not by which of them were defaults', () => {
    const cell = {
      lon: 108,
      lat: 14,
      technology: '4G' as const,
      setting: 'rural' as const,
      frequency_mhz: 1800,
      height_m: 30,
      eirp_dbm: 33,
      tilt_deg: 2,
      defaulted: ['eirp' as const],
    };
    expect(terrainCellKey(cell, 'p')).toBe(terrainCellKey({ ...cell, defaulted: [] }, 'p'));
    expect(terrainCellKey(cell, 'p')).not.toBe(terrainCellKey({ ...cell, height_m: 31 }, 'p'));
    expect(terrainCellKey(cell, 'p')).not.toBe(terrainCellKey(cell, 'q'));
  });
});
