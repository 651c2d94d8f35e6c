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
