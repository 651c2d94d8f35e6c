import type { Cell, Setting, Site } from '../base/types.ts';
import type { RadioCell, TerrainFootprint } from '../propagation/radio_types.ts';
import type { Dem } from './dem.ts';
import { demCovers } from './dem_covers.ts';
import { type FootprintCache, sharedFootprintCache } from './footprint_cache.ts';
import type { TerrainModel } from './terrain_model.ts';

/** How an analysis or a plan gets terrain footprints: the model, and the cache it shares (default: the process's). */
export interface TerrainOptions {
  model: TerrainModel;
  cache?: FootprintCache;
}

/** A DEM with a model and a cache: what the footprint builders ask for a cell's terrain footprint. */
export interface TerrainContext {
  readonly dem: Dem;
  readonly model: TerrainModel;
  readonly cache: FootprintCache;
  /** The start of every cache key of this DEM and model (a hash of their keys), 32 hex digits. */
  readonly prefix: string;
  /**
   * The cell's terrain footprint (from the cache, else computed and stored), or null when the site
   * stands off the DEM (outside its box, or in a hole of the mosaic): that cell keeps its circle or sector.
   */
  footprintOf(site: Site, cell: Cell, setting: Setting): TerrainFootprint | null;
  /** The cache key of the cell at that setting (null outside the DEM), for precomputing elsewhere. */
  keyOf(site: Site, cell: Cell, setting: Setting): { key: string; radio: RadioCell } | null;
}

type CellKey = { key: string; radio: RadioCell } | null;

/**
 * The cache keys already worked out, by site object, then DEM and model (`prefix`), setting and cell:
 * resolving a cell and writing its key costs more than the lookup, and an analysis, its what-if
 * updates and their sub-analyses ask for the same site's footprints many times. A site is taken to be
 * immutable once analysed (every edit makes a new object), as the incremental analysis takes it; a
 * site given as one record has new cell objects on every `cellsOf`, so its cells go by technology
 * (one each).
 */
const keyMemo = new WeakMap<Site, { prefix: string; setting: Setting; keys: Map<string, CellKey> }[]>();

function cellSlot(site: Site, cell: Cell): string | null {
  if (!site.cells?.length) return cell.technology;
  const i = site.cells.indexOf(cell);
  return i >= 0 ? String(i) : null;
}

/** The memo of a site's keys for one DEM and model and one setting (made when missing). */
function memoOf(site: Site, prefix: string, setting: Setting): Map<string, CellKey> {
  let list = keyMemo.get(site);
  if (!list) {
    list = [];
    keyMemo.set(site, list);
  }
  for (const m of list) if (m.prefix === prefix && m.setting === setting) return m.keys;
  const keys = new Map<string, CellKey>();
  list.push({ prefix, setting, keys });
  return keys;
}

/** Builds the terrain context of a DEM and a model; the cache is the shared one unless given. */
export function terrainContext(dem: Dem, options: TerrainOptions): TerrainContext {
  const { model } = options;
  const cache = options.cache ?? sharedFootprintCache;
  const prefix = `${hash(dem.key)}${hash(model.key)}`;
  const resolveKey = (site: Site, cell: Cell, setting: Setting): CellKey => {
    if (!demCovers(dem, site.lon, site.lat)) return null;
    const radio = model.resolve(site, cell, setting);
    return { key: terrainCellKey(radio, prefix), radio };
  };
  const keyOf = (site: Site, cell: Cell, setting: Setting): CellKey => {
    const slot = cellSlot(site, cell);
    if (slot === null) return resolveKey(site, cell, setting);
    const memo = memoOf(site, prefix, setting);
    let held = memo.get(slot);
    if (held === undefined) {
      held = resolveKey(site, cell, setting);
      memo.set(slot, held);
    }
    return held;
  };
  return {
    dem,
    model,
    cache,
    prefix,
    keyOf,
    footprintOf(site, cell, setting) {
      const k = keyOf(site, cell, setting);
      if (!k) return null;
      const held = cache.get(k.key);
      if (held) return held;
      const f = model.footprint(k.radio, dem);
      cache.set(k.key, f);
      return f;
    },
  };
}

/**
 * The cache key of a resolved radio cell: every field but `defaulted` and `frequencyNote` (which say
 * where a value came from, not what it is), in sorted order, after `prefix` (a hash of the DEM's and the model's keys).
 */
export function terrainCellKey(cell: RadioCell, prefix: string): string {
  const fields = Object.keys(cell)
    .filter((k) => k !== 'defaulted' && k !== 'frequencyNote')
    .sort()
    .map((k) => `${k}=${String((cell as unknown as Record<string, unknown>)[k])}`);
  return `${prefix}|${fields.join(';')}`;
}

/** 64 bits of FNV-1a (two 32-bit passes with different offsets) as 16 hex digits. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
