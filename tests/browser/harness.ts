/**
 * Test harness for the browser tests: serves the built app with `vite preview` and drives Debian's
 * Chromium headless through playwright-core, with the network outside the app's origin blocked.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * How long any wait for the app may take before the test fails. It is no speed target, only the point
 * where a wait is given up: every wait is for a state, so a fast machine never waits this long, and a
 * busy 2-core machine (software WebGL, the worker and the test runner on the same cores) may need a
 * good part of it. Playwright's own waits default to it (offlineContext below), and
 * expect.poll too (vite.config.ts).
 */
export const WAIT_MS = 60_000;

/**
 * Flags for headless Chromium in CI: no sandbox (root in a container), no GPU, no background
 * traffic. WebGL runs on SwiftShader (software Vulkan behind ANGLE); Chromium wants
 * --enable-unsafe-swiftshader to allow that fallback explicitly. Any host name other than the
 * loopback resolves to nothing, so the page could not reach the Internet even if it tried.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A running `vite preview` of dist/. */
export interface PreviewServer {
  origin: string;
  stop(): Promise<void>;
}

/** Terminal colour and style codes (ESC [ … m). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC character is the point.
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

/** Serves dist/ with `vite preview` on a free loopback port and waits until it answers. */
export async function startPreview(): Promise<PreviewServer> {
  if (!existsSync(`${ROOT}dist/index.html`)) {
    throw new Error('dist/index.html is missing: run `npx vite build` first (`npm test` does it for you).');
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      `${ROOT}node_modules/vite/bin/vite.js`,
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'], // No colours: with CI set, vite's colour library colours even a pipe, and the URL line would
      // carry escape codes between host and port.
      env: { ...process.env, BROWSER: 'none', NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  // vite prints its URL once it listens: wait for that line (or for it to exit), then check it answers.
  // The deadline only gives up on a server that never starts (it normally starts within a second).
  const listening = new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onOutput);
      child.stderr?.off('data', onOutput);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onOutput = () => {
      // Escape codes stripped all the same, in case a terminal setting forces colour.
      if (output.replace(ANSI_ESCAPE, '').includes(`${origin}/`)) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`vite preview exited with ${code}:\n${output}`));
    const timer = setTimeout(
      () => finish(new Error(`vite preview did not start on ${origin} within 60 s:\n${output}`)),
      60_000,
    );
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
    onOutput();
  });
  try {
    await listening;
    const response = await fetch(`${origin}/`);
    if (!response.ok) throw new Error(`vite preview answered ${response.status} on ${origin}/:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}

/** Launches headless Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context that lets through only requests to `origin` and records every other request
 * it blocked, from the page and its workers alike. The page's own Content-Security-Policy would stop
 * an outside request before it reached the network, unseen by the route; it is bypassed here so
 * that every attempt is recorded. With `enforceCsp` it is not bypassed, so that the app runs as it
 * does for a user, under its own policy (tests/browser/csp.test.ts); the route still records what
 * the policy lets through to another origin.
 */
export async function offlineContext(
  browser: Browser,
  origin: string,
  { enforceCsp = false }: { enforceCsp?: boolean } = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    bypassCSP: !enforceCsp,
  });
  // Every Playwright wait (actions, waitForFunction, waitForSelector, events, navigations) gives up
  // only after WAIT_MS: the default 30 s is tight for a load on a busy 2-core machine.
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}
