/**
 * The app's first render on the bundled sample, as the browser tests run it: `vite preview` of dist/,
 * Debian's Chromium headless with software WebGL, 1280×800, a fresh browser context (empty cache and
 * IndexedDB) per load. Reports, after navigation:
 * - the first coloured map: the frame that shows the default choropleth with its final figures;
 * - the full render: every figure in (postal, fiber, villages, targets) and the map idle;
 * - the worker's share: fetch and parse of the sample files, then the analysis.
 * Goal (issue 4): full render < 3 s. Run by `npm run bench`; `tsx bench/first_render.ts [runs]` alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchChromium, offlineContext, ROOT, startPreview } from '../tests/browser/harness.ts';
import { waitReady } from '../tests/browser/page_tools.ts';

const GOAL_MS = 3000;
const runs = Number(process.argv[2] ?? 11);

function summary(label: string, xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `${label}: median ${(at(0.5) / 1000).toFixed(2)} s, min ${(s[0]! / 1000).toFixed(2)} s, max ${(
    s.at(-1)! / 1000
  ).toFixed(2)} s`;
}

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.log(
    'first render: skipped (no Chromium at /usr/bin/chromium or $CHROMIUM_PATH; .ci/run installs it)',
  );
  process.exit(0);
}
// The bench measures what `npm start`'s production build serves: build it fresh.
execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
const server = await startPreview();
const browser = await launchChromium();
const preview: number[] = [];
const render: number[] = [];
const load: number[] = [];
const analysis: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const { context } = await offlineContext(browser, server.origin);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    const r = await waitReady(page);
    if (r.error || r.renderMs === null || r.previewMs === null)
      throw new Error(`load ${i + 1} failed: ${r.error ?? 'no timings'}`);
    const worker = await page.evaluate(() => {
      const hook = (window as unknown as { __vungphu: { loadMs: number; analysisMs: number } }).__vungphu;
      return { load: hook.loadMs, analysis: hook.analysisMs };
    });
    preview.push(r.previewMs);
    render.push(r.renderMs);
    load.push(worker.load);
    analysis.push(worker.analysis);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`first render of the sample in headless Chromium (software WebGL), ${runs} cold loads:`);
console.log(`  ${summary('first coloured map', preview)}`);
console.log(
  `  ${summary('full render', render)}; ${render.filter((ms) => ms < GOAL_MS).length} of ${runs} under the ${
    GOAL_MS / 1000
  } s goal`,
);
console.log(`  ${summary('worker: fetch + parse of the sample', load)}`);
console.log(`  ${summary('worker: analysis, both halves (cold JIT)', analysis)}`);
