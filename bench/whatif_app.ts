/**
 * A what-if move on a DEM in the app (issue 17: "a what-if move stays under 100 ms in the worker"), as
 * a planner makes it: the built app (`vite preview`) in Debian's Chromium, the bundled sample on the
 * pre-2025 communes, a rough synthetic 3″ SRTM tile N13E108 picked in the Data tab (its sites get
 * terrain footprints), then sites on the tile picked in the Sites tab and moved with the arrow keys,
 * 100 m at a press: east (a new position: the moved cells' footprints are swept), back west (the old
 * footprints, from the cache), east again (cached) and back. Reports, per kind of move, the time in the
 * worker (the delta's `workerMs`; of it `updateAnalysis`) and from the key press to the panels
 * updated. `tsx bench/whatif_app.ts [sites]`; run by `npm run bench`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, offlineContext, ROOT, startPreview } from '../tests/browser/harness.ts';
import { type Hooked, mapIdle, waitReady, waitUpdates } from '../tests/browser/page_tools.ts';
import { highlandTerrain } from '../tests/support/rough_terrain.ts';

const GOAL_MS = 100;
const count = Number(process.argv[2] ?? 8);

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.log('what-if in the app: skipped (no Chromium at /usr/bin/chromium or $CHROMIUM_PATH)');
  process.exit(0);
}

/** The 3″ tile N13E108 of `highlandTerrain`, as SRTM writes it (big-endian int16, north row first). */
function writeTile(path: string): void {
  const n = 1201;
  const v = new DataView(new ArrayBuffer(n * n * 2));
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      v.setInt16(2 * (r * n + c), Math.round(highlandTerrain(108 + c / 1200, 14 - r / 1200)), false);
  writeFileSync(path, new Uint8Array(v.buffer));
}

// Sites of the sample on the tile, away from its edges, spread out: every k-th.
const sample = JSON.parse(readFileSync(join(ROOT, 'data/synthetic/sites.synthetic.geojson'), 'utf8')) as {
  features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
};
const onTile = sample.features.filter(
  ({
    geometry: {
      coordinates: [lon, lat],
    },
  }) => {
    return lon > 108.1 && lon < 108.9 && lat > 13.1 && lat < 13.9;
  },
);
const step = Math.max(1, Math.floor(onTile.length / count));
const ids = onTile
  .filter((_f, i) => i % step === 0)
  .slice(0, count)
  .map((f) => f.properties.id);

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'vungphu-whatif-'));
const tile = join(dir, 'N13E108.hgt');
writeTile(tile);
const server = await startPreview();
const browser = await launchChromium();
type Update = { totalMs: number; workerMs: number; analysisMs: number; communes: number };
const moves: Record<'fresh' | 'cached', Update[]> = { fresh: [], cached: [] };
let firstLoadS = 0;
try {
  const { context } = await offlineContext(browser, server.origin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.origin}/#set=pre2025`);
  if ((await waitReady(page)).error) throw new Error('the sample did not load');
  await page.locator('#tabbtn-data').click();
  const t0 = performance.now();
  await page.locator('#file-input').setInputFiles(tile);
  const r = await waitReady(page, 2);
  if (r.error) throw new Error(`the DEM did not load: ${r.error}`);
  firstLoadS = (performance.now() - t0) / 1000;
  await page.locator('#tabbtn-sites').click();
  let updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
  const press = async (key: string): Promise<Update> => {
    await page.keyboard.press(key);
    await waitUpdates(page, ++updates);
    const update = await page.evaluate(() => (window as Hooked).__vungphu!.lastUpdate!);
    // The map drawn before the next press, as a planner looks before moving on (and so that the
    // drawing, on the CPU in headless Chromium, does not run into the next move's time).
    await mapIdle(page);
    return update;
  };
  for (const id of ids) {
    await page.locator('#site-search').fill(id);
    const row = page.locator('#site-table tbody tr').first().locator('button').first();
    await page.waitForFunction(
      (want) => document.querySelector('#site-table tbody tr button')?.textContent === want,
      id,
    );
    await row.focus();
    await page.keyboard.press('Enter');
    await page.locator('.maplibregl-popup .popup-keys').waitFor();
    moves.fresh.push(await press('ArrowRight'));
    moves.cached.push(await press('ArrowLeft'));
    moves.cached.push(await press('ArrowRight'));
    moves.cached.push(await press('ArrowLeft'));
    await page.keyboard.press('Escape');
  }
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)}, max ${s.at(-1)!.toFixed(0)}`;
};
console.log(
  `what-if in the app on a DEM (rough 3″ tile N13E108 under the sample, loaded with its footprints in ${firstLoadS.toFixed(1)} s): ${ids.length} sites moved 100 m`,
);
for (const [kind, list] of Object.entries(moves) as [keyof typeof moves, Update[]][]) {
  const label = kind === 'fresh' ? 'to a new position (cells swept)' : 'to a position seen before';
  console.log(
    `  ${label}, ${list.length} moves: worker ${stat(list.map((m) => m.workerMs))} ms (updateAnalysis ${stat(
      list.map((m) => m.analysisMs),
    )} ms), key to panels ${stat(list.map((m) => m.totalMs))} ms, communes ${stat(
      list.map((m) => m.communes),
    )}; ${list.filter((m) => m.workerMs < GOAL_MS).length} of ${list.length} under ${GOAL_MS} ms in the worker`,
  );
}
