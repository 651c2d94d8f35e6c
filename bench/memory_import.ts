/**
 * Child process of the memory benchmark (`bench/memory.ts`): imports one sites file the way the CLI
 * does (read from disk, `importFile` against the sample's communes) and prints one JSON line with the
 * wall time of the import and the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { readBytes } from '../src/cli/read_inputs.ts';
import { UserError } from '../src/core/base/errors.ts';
import { importFile } from '../src/io/import/import_file.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: tsx bench/memory_import.ts SITES.csv');
const boundaries = new URL('../data/sample/communes-pre2025.geojson', import.meta.url);
const communes = (await importFile(readFileSync(boundaries), 'communes.geojson', 'boundaries')).items;
const t0 = performance.now();
let outcome: string;
try {
  outcome = (await importFile(readBytes(path, '--sites'), path, 'sites', { reference: communes })).summary;
} catch (e) {
  if (!(e instanceof UserError)) throw e;
  outcome = `refused: ${e.message}`;
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ outcome, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
