/**
 * Bundles the CLI (src/cli/main.ts) into dist-cli/ with esbuild, so `bin/vungphu.mjs` runs plain
 * JavaScript instead of compiling TypeScript through tsx at every call.
 *
 *   npm run build:cli      (npm install runs it as `prepare`; npm test and test:unit run it first)
 *
 * dist-cli/vungphu.mjs is the entry; each command, and each exporter or parser a command loads on
 * demand, is its own chunk in dist-cli/chunks/, so `--help` loads only the entry. npm packages are
 * bundled (tree-shaken: gap polygons use one function of Turf and one of d3) except sql.js, which
 * finds its .wasm next to its own file. dist-cli/manifest.json lists the source files the bundle was
 * built from; the bin runs the TypeScript source instead when one of them is newer than the bundle.
 * Offline: esbuild is a local binary.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The folder of the bundle (not dist/: `vite build` empties that). */
const OUT_DIR = fileURLToPath(new URL('../dist-cli/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Packages left to node's resolver: sql.js locates sql-wasm.wasm from its own folder. */
const EXTERNAL = ['sql.js'];

/**
 * CommonJS packages bundled into ES modules call `require` for node built-ins; esbuild's shim
 * throws for those unless a real `require` is in scope.
 */
const REQUIRE_SHIM =
  "import { createRequire as __vpCreateRequire } from 'node:module';\nconst require = __vpCreateRequire(import.meta.url);";

const started = Date.now();
rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(OUT_DIR, { recursive: true });
const result = await build({
  // The footprint worker is an entry of its own: worker_threads start it by file name.
  entryPoints: { vungphu: `${ROOT}src/cli/main.ts`, terrain_worker: `${ROOT}src/cli/terrain_worker.ts` },
  outdir: OUT_DIR,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: REQUIRE_SHIM },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

const sources = Object.keys(result.metafile.inputs)
  .map((p) => relative(ROOT, `${ROOT}${p}`))
  .filter((p) => !p.startsWith('node_modules/'))
  .sort();
writeFileSync(
  `${OUT_DIR}manifest.json`,
  `${JSON.stringify({ builtFrom: 'src/cli/main.ts', builtAtMs: started, sources }, null, 1)}\n`,
);
writeFileSync(`${OUT_DIR}meta.json`, JSON.stringify(result.metafile));
const outputs = Object.keys(result.metafile.outputs).filter((p) => p.endsWith('.mjs')).length;
process.stdout.write(
  `dist-cli/: ${outputs} files from ${sources.length} source files in ${Date.now() - started} ms\n`,
);
