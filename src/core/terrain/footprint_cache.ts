import type { TerrainFootprint } from '../propagation/radio_types.ts';

/** One stored footprint, as `FootprintCache.entries` gives it and `restore` takes it back (JSON-safe). */
export interface FootprintCacheEntry {
  key: string;
  footprint: TerrainFootprint;
}

/**
 * Terrain footprints by cache key (`terrainCellKey`: the resolved radio cell, the DEM's key and the
 * model's key), least recently used dropped first once `maxEntries` are held.
 */
export interface FootprintCache {
  get(key: string): TerrainFootprint | undefined;
  set(key: string, footprint: TerrainFootprint): void;
  readonly size: number;
  /** Lookups answered from the cache and lookups that had to compute, since the cache was made. */
  readonly hits: number;
  readonly misses: number;
  /** Every entry, oldest use first: what a persistence layer (IndexedDB, a cache directory) stores. */
  entries(): FootprintCacheEntry[];
  /** Puts stored entries back (as if just used); entries already held are replaced. */
  restore(entries: Iterable<FootprintCacheEntry>): void;
}

/** The default capacity: every cell of the bundled sample (about 10,000) with room to spare. */
export const DEFAULT_CACHE_ENTRIES = 50_000;

/** An in-memory footprint cache holding at most `maxEntries` footprints (least recently used dropped first). */
export function footprintCache(maxEntries = DEFAULT_CACHE_ENTRIES): FootprintCache {
  const map = new Map<string, TerrainFootprint>();
  let hits = 0;
  let misses = 0;
  const put = (key: string, footprint: TerrainFootprint) => {
    map.delete(key);
    map.set(key, footprint);
    while (map.size > maxEntries) map.delete(map.keys().next().value!);
  };
  return {
    get(key) {
      const f = map.get(key);
      if (f === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      // Map order is insertion order: taking the entry out and back in makes it the newest.
      map.delete(key);
      map.set(key, f);
      return f;
    },
    set: put,
    get size() {
      return map.size;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    entries() {
      return [...map].map(([key, footprint]) => ({ key, footprint }));
    },
    restore(entries) {
      for (const e of entries) put(e.key, e.footprint);
    },
  };
}

/**
 * The footprint cache shared by every analysis in this process or worker that is not given its own:
 * a what-if edit, a second analysis or a plan reuses the footprints of the cells that did not change.
 */
export const sharedFootprintCache: FootprintCache = footprintCache();
