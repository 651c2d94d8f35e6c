#!/usr/bin/env node
// The `vungphu` command. Runs the bundled CLI, dist-cli/vungphu.mjs (built from src/cli/main.ts by
// `npm run build:cli`, which `npm install` runs as `prepare`), with plain node: no TypeScript
// compiler at start-up. When the bundle is missing, or a source file it was built from
// (dist-cli/manifest.json) has changed since, it runs the TypeScript source through tsx instead,
// with a one-line note on stderr, so the output always matches the source.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Why the bundle cannot be used ('missing', 'stale: …'), or null when it is up to date (~0.2 ms). */
function bundleProblem() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(`${root}dist-cli/manifest.json`, 'utf8'));
  } catch {
    return 'missing';
  }
  if (!statSync(`${root}dist-cli/vungphu.mjs`, { throwIfNoEntry: false })) return 'missing';
  for (const file of manifest.sources) {
    const stat = statSync(root + file, { throwIfNoEntry: false });
    if (!stat) return `stale: ${file} is gone`;
    if (stat.mtimeMs >= manifest.builtAtMs) return `stale: ${file} changed`;
  }
  return null;
}

/**
 * Big inputs (over 32 MiB of files named on the command line) run in a child node with a larger young
 * generation and a slower-growing heap: on a 200 MB sites CSV that halves the time spent collecting
 * garbage and keeps the peak near 1.7 GB instead of 2.4–2.9 GB (README, "Memory on big files").
 * V8 takes these flags only at start-up, hence the child. `VUNGPHU_BIG_INPUT_BYTES` moves the
 * threshold (tests), `VUNGPHU_HEAP_FLAGS=0` turns the child off.
 */
const BIG_INPUT_BYTES = Number(process.env.VUNGPHU_BIG_INPUT_BYTES ?? 32 * 2 ** 20);
const HEAP_FLAGS = ['--max-semi-space-size=64', '--heap-growing-percent=50'];

function inputBytes() {
  let total = 0;
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('-')) continue;
    try {
      const stat = statSync(arg, { throwIfNoEntry: false });
      if (stat?.isFile()) total += stat.size;
    } catch {
      // not a path that can be looked at (ENOTDIR, EACCES…): the command itself says so
    }
  }
  return total;
}

if (
  !process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) &&
  process.env.VUNGPHU_HEAP_FLAGS !== '0' &&
  inputBytes() > BIG_INPUT_BYTES
) {
  const { spawnSync } = await import('node:child_process');
  const child = spawnSync(
    process.execPath,
    [...HEAP_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

const problem = bundleProblem();
if (problem === null) {
  await import('../dist-cli/vungphu.mjs');
} else {
  process.stderr.write(
    `vungphu: bundled CLI ${problem}; running the TypeScript source through tsx (slower start; 'npm run build:cli' rebuilds it)\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
