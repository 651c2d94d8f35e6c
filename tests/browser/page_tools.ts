/**
 * Helpers for the browser tests: waiting for the app, reading pixels of the map, and comparing
 * screenshots against stored baselines (decoded in the page, since no PNG decoder is installed).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { VungPhuHook } from '../../src/app/test_hook.ts';
import { ROOT, WAIT_MS } from './harness.ts';

export type Hooked = Window & {
  __vungphu?: VungPhuHook;
  __xss?: unknown;
  /** Edit requests the page sent to its analysis worker (see countEditRequests). */
  __editRequests?: number;
};

export const SCREENSHOTS = `${ROOT}tests/browser/__screenshots__/`;

/** Waits until the app says it has drawn the full analysis (or failed), and returns the hook's state. */
export async function waitReady(
  page: Page,
  loads = 1,
): Promise<{ error: string | null; renderMs: number | null; previewMs: number | null }> {
  await page.waitForFunction(
    (n) => {
      const hook = (window as Hooked).__vungphu;
      return hook !== undefined && ((hook.ready && hook.loads >= n) || hook.error !== null);
    },
    loads,
    // A full load and analysis: the slowest thing a test waits for.
    { timeout: 100_000 },
  );
  return page.evaluate(() => {
    const hook = (window as Hooked).__vungphu!;
    return { error: hook.error, renderMs: hook.renderMs, previewMs: hook.previewMs };
  });
}

/**
 * Reads `read` once the Data tab's "replace the loaded records, or add to them?" question, if it is
 * showing, has been answered with `choice`: for a poll that waits for an import of sites (or postal
 * points, fiber, villages) while some are loaded, which asks first (issue 15).
 */
export async function answering<T>(
  page: Page,
  read: () => Promise<T>,
  choice: 'replace' | 'add' | 'cancel' = 'replace',
): Promise<T> {
  const button = page.locator(`#import-question #import-${choice}`);
  if (await button.count()) await button.click();
  return read();
}

/** Waits for the map's next 'idle' (all changes drawn). */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as Hooked).__vungphu!.map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** Waits until the worker has answered `n` edits in total. */
export async function waitUpdates(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => ((window as Hooked).__vungphu?.updates ?? 0) >= k, n, {
    timeout: WAIT_MS,
  });
}

/**
 * Waits until the URL hash holds every one of `parts` and none of `absent`, and returns the page's URL
 * then. The app writes the hash 150 ms after the last change of the view (debounced), so the URL read
 * right after an action may still be the old one.
 */
export async function waitHash(page: Page, parts: string[], absent: string[] = []): Promise<string> {
  await page.waitForFunction(
    ({ parts, absent }) =>
      parts.every((p) => location.hash.includes(p)) && !absent.some((p) => location.hash.includes(p)),
    { parts, absent },
    { timeout: WAIT_MS },
  );
  return page.evaluate(() => location.href);
}

/**
 * Counts, in `window.__editRequests`, the edit requests the page sends to its analysis worker (each
 * recompute of the scenario is one), so that a test can tell how many recomputes an action caused. To
 * be called before the page is loaded: it wraps Worker.prototype.postMessage.
 */
export async function countEditRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as Window & { __editRequests?: number };
    w.__editRequests = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { kind?: unknown; edits?: unknown } | null;
      if (m?.kind === 'edit' && Array.isArray(m.edits)) w.__editRequests = (w.__editRequests ?? 0) + 1;
      return (post as (this: Worker, ...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof post;
  });
}

/**
 * Reads the app's IndexedDB store `store` in a transaction of its own, so it sees every write the app
 * started before it (IndexedDB runs transactions on the same store in the order they were created):
 * the values of `keys`, or with `keys` null the store's keys.
 */
function readAppStore(page: Page, store: string, keys: string[] | null): Promise<unknown[]> {
  return page.evaluate(
    ({ store, keys }) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('vungphu');
        // Never create the app's database here: it would then lack its stores.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error ?? new Error('IndexedDB: vungphu does not open'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, 'readonly');
          const os = tx.objectStore(store);
          const requests: IDBRequest[] = keys ? keys.map((k) => os.get(k)) : [os.getAllKeys()];
          tx.oncomplete = () => {
            db.close();
            resolve(keys ? requests.map((r) => r.result) : (requests[0]!.result as unknown[]));
          };
          tx.onerror = () => reject(tx.error ?? new Error(`IndexedDB: ${store} does not read`));
        };
      }),
    { store, keys },
  );
}

/** The working session the app has stored (what a reload or a second tab starts from): the edits and the undo steps. */
export async function storedSession(page: Page): Promise<{ edits: number; steps: unknown }> {
  const [edits, steps] = await readAppStore(page, 'session', ['edits', 'steps']);
  return { edits: (edits as unknown[] | undefined)?.length ?? 0, steps };
}

/** The kinds of the imported datasets the app has stored (what a reload starts from), sorted. */
export async function storedDatasetKinds(page: Page): Promise<string[]> {
  return (await readAppStore(page, 'datasets', null)).map(String).sort();
}

export type Histogram = { rgb: [number, number, number]; count: number }[];

export interface PixelSummary {
  total: number;
  /** Exact RGB colours with their pixel counts, most frequent first (the first 200). */
  histogram: Histogram;
  /** The most frequent colour in a 9×9 block around each requested point. */
  at: [number, number, number][];
  /** The histogram of each requested rectangle (pixels of the image), the first 1,000 colours. */
  regions: Record<string, Histogram>;
}

/**
 * Screenshots the map canvas (what is actually on screen) and decodes it in the page: a colour
 * histogram plus the dominant colour around some points.
 */
export async function mapPixels(page: Page, points: { x: number; y: number }[] = []): Promise<PixelSummary> {
  return pngPixels(page, await page.locator('canvas.maplibregl-canvas').screenshot(), points);
}

/**
 * Decodes a PNG in the page (no PNG decoder is installed in Node): its colour histogram, the dominant
 * colour around some points, and the histograms of some rectangles.
 */
export async function pngPixels(
  page: Page,
  png: Buffer,
  points: { x: number; y: number }[] = [],
  regions: Record<string, { x: number; y: number; width: number; height: number }> = {},
): Promise<PixelSummary> {
  return page.evaluate(
    async ({ base64, points, regions }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(image, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const key = (i: number) => ((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!) >>> 0;
      const unpack = (k: number): [number, number, number] => [(k >> 16) & 255, (k >> 8) & 255, k & 255];
      const histogramOf = (x0: number, y0: number, x1: number, y1: number, most: number) => {
        const counts = new Map<number, number>();
        for (let y = Math.max(0, y0); y < Math.min(height, y1); y++)
          for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
            const k = key((y * width + x) * 4);
            counts.set(k, (counts.get(k) ?? 0) + 1);
          }
        return [...counts.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, most)
          .map(([k, count]) => ({ rgb: unpack(k), count }));
      };
      const at = points.map(({ x, y }) => {
        const [best] = histogramOf(
          Math.round(x) - 4,
          Math.round(y) - 4,
          Math.round(x) + 5,
          Math.round(y) + 5,
          1,
        );
        return best?.rgb ?? unpack(0);
      });
      return {
        total: width * height,
        histogram: histogramOf(0, 0, width, height, 200),
        at,
        regions: Object.fromEntries(
          Object.entries(regions).map(([name, r]) => [
            name,
            histogramOf(r.x, r.y, r.x + r.width, r.y + r.height, 1000),
          ]),
        ),
      };
    },
    { base64: png.toString('base64'), points, regions },
  );
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function near(a: readonly number[], b: readonly number[], tolerance = 6): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] ?? -999)) <= tolerance);
}

/**
 * Compares a screenshot with its baseline in tests/browser/__screenshots__/<name>.png. Pixels whose
 * colour differs by more than `channelTolerance` in any channel count as different; the share of
 * different pixels must stay under `maxDiffShare` (software rendering may drift slightly between
 * runs and Chromium versions). A missing baseline, or UPDATE_SCREENSHOTS=1, writes the baseline.
 * The actual image is always written next to it as <name>.actual.png.
 */
export async function compareWithBaseline(
  page: Page,
  name: string,
  png: Buffer,
  { channelTolerance = 40, maxDiffShare = 0.02 } = {},
): Promise<{ diffShare: number; written: boolean }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const baselinePath = `${SCREENSHOTS}${name}.png`;
  writeFileSync(`${SCREENSHOTS}${name}.actual.png`, png);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(baselinePath)) {
    writeFileSync(baselinePath, png);
    console.info(`screenshot baseline written: ${baselinePath}`);
    return { diffShare: 0, written: true };
  }
  const baseline = readFileSync(baselinePath);
  const diffShare = await page.evaluate(
    async ({ a, b, tolerance }) => {
      const load = async (base64: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(image, 0, 0);
        return ctx.getImageData(0, 0, canvas.width, canvas.height);
      };
      const [x, y] = await Promise.all([load(a), load(b)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differ = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (
          Math.abs(x.data[i]! - y.data[i]!) > tolerance ||
          Math.abs(x.data[i + 1]! - y.data[i + 1]!) > tolerance ||
          Math.abs(x.data[i + 2]! - y.data[i + 2]!) > tolerance
        )
          differ++;
      }
      return differ / (x.width * x.height);
    },
    { a: png.toString('base64'), b: baseline.toString('base64'), tolerance: channelTolerance },
  );
  console.info(`screenshot ${name}: ${(diffShare * 100).toFixed(2)}% of pixels differ from the baseline`);
  if (diffShare > maxDiffShare) console.warn(`${name}: over the ${maxDiffShare * 100}% tolerance`);
  return { diffShare, written: false };
}
