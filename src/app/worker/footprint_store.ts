/**
 * The terrain footprints in IndexedDB (issue 17): the worker's shared footprint cache is saved after an
 * analysis with a DEM and put back when a DEM is loaded (a reload of the page), so the first analysis
 * after a reload recomputes only what changed. The cache keys carry a hash of the DEM's and the model's
 * keys, so footprints of another DEM or model are never used, only kept. A database of its own
 * ("vungphu-footprints"), so the app's datasets database keeps its version. Failures are ignored: the
 * cache is only a speed-up.
 */
import { type FootprintCacheEntry, sharedFootprintCache } from '../../core/terrain/footprint_cache.ts';

const DB = 'vungphu-footprints';
const STORE = 'footprints';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

const KEY = 'recent';
/** Most footprints stored: the most recently used (the sample's cells are about 10,000). */
const MAX_STORED = 20_000;

/** Saves the most recently used footprints of the shared cache; returns how many. */
export async function saveFootprints(): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  try {
    const entries = sharedFootprintCache.entries().slice(-MAX_STORED);
    const db = await open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(entries, KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return entries.length;
  } catch {
    return 0;
  }
}

/** Puts the stored footprints back into the shared cache; returns how many. */
export async function restoreFootprints(): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  try {
    const db = await open();
    const entries = await new Promise<FootprintCacheEntry[] | undefined>((resolve, reject) => {
      const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
      request.onsuccess = () => resolve(request.result as FootprintCacheEntry[] | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    if (!entries) return 0;
    sharedFootprintCache.restore(entries);
    return entries.length;
  } catch {
    return 0;
  }
}
