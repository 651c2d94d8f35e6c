/**
 * The Suggest panel's progress line names the planner's steps in the page's language: in Vietnamese no
 * English step word ("candidate footprints", "greedy") shows, in English they do. Every text the
 * status line takes during a run is recorded (the steps last a moment only), on the bundled sample
 * (pre-2025 communes), one 5G site. Screenshots of a run held at a step (the page's handling of the
 * worker's messages paused there) are written to a temporary folder, to look at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import { waitReady } from './page_tools.ts';

const SHOTS = join(tmpdir(), 'vungphu-suggest-steps');

type Logged = Window & { __steps?: string[] };

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let blocked: string[];
let page: Page;

/** Runs the planner once and returns every text the progress line showed, in order. */
async function stepsOfOneRun(): Promise<string[]> {
  await page.evaluate(() => {
    const w = window as Logged;
    w.__steps = [];
    const slot = document.getElementById('suggest-slot')!;
    new MutationObserver(() => {
      const text = slot.querySelector('#suggest-status')?.textContent?.trim() ?? '';
      if (text && w.__steps!.at(-1) !== text) w.__steps!.push(text);
    }).observe(slot, { childList: true, characterData: true, subtree: true });
  });
  await page.locator('#suggest-run').click();
  await page.waitForFunction(() => document.querySelector('#suggest-status progress') === null);
  await page.waitForSelector('#suggest-table tbody tr');
  return page.evaluate(() => (window as Logged).__steps ?? []);
}

/**
 * Runs the planner with the page's handling of its worker's messages held right after the step
 * `label` arrived (an init script wraps the worker's `onmessage`, see holdWorker), screenshots the panel
 * showing that step, then lets the rest through and waits for the result.
 */
async function shotAtStep(label: string, text: string, name: string): Promise<void> {
  await page.evaluate((l) => {
    (window as Held).__holdAt = l;
  }, label);
  await page.locator('#suggest-run').click();
  await expect.poll(() => page.locator('#suggest-status').textContent()).toContain(text);
  await page.locator('#suggest-slot').screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.evaluate(() => (window as Held).__release!());
  await page.waitForFunction(() => document.querySelector('#suggest-status progress') === null);
}

type Held = Window & { __holdAt?: string | null; __release?: () => void };

/**
 * Wraps every worker's `onmessage` handler: once a plan-progress message with the label in
 * `window.__holdAt` has been handled, the messages after it wait until `window.__release()`.
 */
async function holdWorker(p: Page): Promise<void> {
  await p.addInitScript(() => {
    const w = window as Window & { __holdAt?: string | null; __release?: () => void };
    const held: (() => void)[] = [];
    let holding = false;
    w.__holdAt = null;
    w.__release = () => {
      holding = false;
      w.__holdAt = null;
      for (const f of held.splice(0)) f();
    };
    const d = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')!;
    Object.defineProperty(Worker.prototype, 'onmessage', {
      ...d,
      set(this: Worker, handler: ((e: MessageEvent) => void) | null) {
        d.set!.call(
          this,
          handler &&
            ((e: MessageEvent) => {
              if (holding) {
                held.push(() => handler.call(this, e));
                return;
              }
              handler.call(this, e);
              const m = e.data as { kind?: string; label?: string } | null;
              if (m?.kind === 'plan-progress' && w.__holdAt && m.label === w.__holdAt) holding = true;
            }),
        );
      },
    });
  });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context, blocked } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await holdWorker(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.origin}/#set=pre2025&tech=5G&tab=scenario`);
  expect((await waitReady(page)).error).toBeNull();
  await page.locator('#suggest-k').fill('1');
  await page.locator('#suggest-k').dispatchEvent('change');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe("the planner's steps in the Suggest panel", () => {
  it('in Vietnamese: every step in Vietnamese, no English step word', async () => {
    const steps = await stepsOfOneRun();
    console.info(`vi steps: ${JSON.stringify(steps)}`);
    expect(steps[0]).toBe('Đang tính… bắt đầu (0/1)');
    expect(steps).toContain('Đang tính… vùng phủ của ứng viên (3/5)');
    expect(steps).toContain('Đang tính… chọn trạm (thuật toán tham lam) (4/5)');
    for (const s of steps) {
      expect(s).not.toMatch(/candidate|footprint|greedy|existing coverage|population points|\bdone\b/);
    }
    await shotAtStep('candidate footprints', 'vùng phủ của ứng viên (3/5)', 'suggest-vi');
  });

  it('in English: the same steps in English', async () => {
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect.poll(() => page.locator('#suggest-run').textContent()).toBe('Run');
    const steps = await stepsOfOneRun();
    console.info(`en steps: ${JSON.stringify(steps)}`);
    expect(steps[0]).toBe('Working… starting (0/1)');
    expect(steps).toContain('Working… candidate footprints (3/5)');
    expect(steps).toContain('Working… choosing sites (greedy) (4/5)');
    for (const s of steps) expect(s).not.toContain('Đang tính');
    await shotAtStep('candidate footprints', 'candidate footprints (3/5)', 'suggest-en');
    expect(blocked).toEqual([]);
  });
});
