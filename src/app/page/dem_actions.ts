/**
 * The DEM on the page (issue 17): DEM files picked or dropped in the Data tab (.hgt, elevation
 * GeoTIFFs, .zip of tiles) are read in the worker, which keeps the DEM for the analysis; the page
 * keeps the files (IndexedDB, so a reload reads them again), the worker's description for the Data
 * tab, and the hillshade image for the map.
 */
import { UserError } from '../../core/base/errors.ts';
import { readTiffLayout, TAG } from '../../io/formats/tiff_read.ts';
import { t } from '../i18n/i18n.ts';
import type { DemInfo, DemShade } from '../worker/worker_protocol.ts';
import type { Page } from './page.ts';

/** Key of the DEM files in IndexedDB's session store. */
const SESSION_DEM = 'dem';

/** A DEM file as the page keeps it. */
export interface DemFileBytes {
  name: string;
  bytes: ArrayBuffer;
}

/** Names that say a GeoTIFF holds heights (SRTM, NASADEM, Copernicus GLO-30, ASTER, ALOS, a DEM/DSM/DTM). */
const DEM_NAME =
  /(^|[^a-z])(dem|dsm|dtm|elevation|elev|height|hgt|aster|alos)([^a-z]|$)|srtm|nasadem|glo[-_]?(30|90)|copernicus|[ns]\d{2}[ew]\d{3}/i;

/**
 * True for a file the Data tab reads as a DEM rather than a dataset: an `.hgt` tile, a `.zip` whose
 * entry names include an `.hgt`, or a GeoTIFF named like a DEM or holding signed 16-bit cells (as SRTM
 * and NASADEM do; population rasters are floating point).
 */
export function isDemFile(name: string, bytes: Uint8Array): boolean {
  if (/\.hgt$/i.test(name)) return true;
  if (/\.zip$/i.test(name)) {
    // The central directory (the archive's end) holds the entry names.
    const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)));
    return /\.hgt/i.test(tail);
  }
  if (!/\.tiff?$/i.test(name)) return false;
  if (DEM_NAME.test(name)) return true;
  try {
    const layout = readTiffLayout(bytes, name);
    return (
      layout.numbers.get(TAG.bitsPerSample)?.[0] === 16 && layout.numbers.get(TAG.sampleFormat)?.[0] === 2
    );
  } catch {
    return false;
  }
}

/** The hillshade as a PNG data URL (the map's image source; a data URL survives a style swap). */
function shadeUrl(shade: DemShade): string {
  const canvas = document.createElement('canvas');
  canvas.width = shade.width;
  canvas.height = shade.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(new Uint8ClampedArray(shade.rgba), shade.width, shade.height), 0, 0);
  return canvas.toDataURL('image/png');
}

export class DemActions {
  /** The DEM loaded (as the worker describes it), or null. */
  info: DemInfo | null = null;
  /** Why the last DEM files could not be read, or null. */
  error: string | null = null;
  #files: DemFileBytes[] = [];

  constructor(private readonly page: Page) {}

  /**
   * Adds DEM files to the mosaic (a file of the same name replaces the old one) and reads them all in
   * the worker; on success they are stored and the analysis reloads. Errors name every bad file.
   */
  async add(files: DemFileBytes[]): Promise<void> {
    const names = new Set(files.map((f) => f.name));
    const next = [...this.#files.filter((f) => !names.has(f.name)), ...files];
    if (await this.#load(next)) {
      await this.page.storage
        ?.saveSession(SESSION_DEM, next)
        .catch(() => this.page.render.status(t('data.saveFailed'), 'error'));
      await this.page.loader.reload();
    }
  }

  /** Reads the DEM files stored by an earlier visit (before the first analysis). */
  async restore(): Promise<void> {
    const stored = await this.page.storage?.session<DemFileBytes[]>(SESSION_DEM);
    if (stored && stored.length > 0) await this.#load(stored);
  }

  /** Forgets the DEM: the worker's, the stored files and the hillshade; the analysis reloads. */
  async remove(): Promise<void> {
    this.#files = [];
    this.info = null;
    this.error = null;
    await this.page.client.dem([]);
    this.page.coverage.setHillshade(null);
    await this.page.storage?.saveSession(SESSION_DEM, []);
    this.page.render.all();
    await this.page.loader.reload();
  }

  /** Sends the files to the worker; true when they were read (the DEM, its status and hillshade set). */
  async #load(files: DemFileBytes[]): Promise<boolean> {
    const { client, coverage, render } = this.page;
    try {
      // Copies: the page keeps its files to store them and to add tiles later.
      const r = await client.dem(files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) })));
      this.#files = files;
      this.error = null;
      this.info = r?.info ?? null;
      coverage.setHillshade(
        r ? { url: shadeUrl(r.shade), bbox: r.shade.bbox } : null,
        this.page.store.view.layers,
      );
      render.all();
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UserError) && !(error as { userError?: boolean }).userError)
        console.error(error);
      this.error = message;
      render.dataTab();
      return false;
    }
  }
}
