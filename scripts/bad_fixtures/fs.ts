/**
 * Issue 12, files part: bad-corpus fixtures for values that would crash or flood a message when echoed
 * (a 5,000-level nested property on a rejected feature, a long cell quoted in a message). Called from
 * scripts/make_bad_fixtures.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function makeFsFixtures(dir: string): void {
  const write = (name: string, data: string) => writeFileSync(join(dir, name), data);
  // A rejected feature (longitude 500) whose property nests 1,200 levels deep (the corpus keeps files
  // under 10 kB; tests/unit/cli_files.test.ts makes the 5,000-level one that overflowed the call stack
  // of JSON.stringify): rejected.csv shows it to 20 levels; the valid feature beside it is kept.
  const deep = `${'{"a":'.repeat(1200)}1${'}'.repeat(1200)}`;
  write(
    'fs_deep_nesting.geojson',
    `{"type":"FeatureCollection","features":[` +
      `{"type":"Feature","properties":{"id":"S1","operator":"Viettel","technology":"4G","deep":${deep}},"geometry":{"type":"Point","coordinates":[500,14.05]}},` +
      `{"type":"Feature","properties":{"id":"S2","operator":"VNPT","technology":"4G"},"geometry":{"type":"Point","coordinates":[108.15,14.05]}}]}\n`,
  );
  // An 8,000-character technology cell: quoted whole in the message before; now cut to 200.
  write(
    'fs_long_cell.csv',
    `id,lon,lat,technology,operator\nS1,108.05,14.05,${'4'.repeat(8000)},Viettel\nS2,108.15,14.05,5G,VNPT\n`,
  );
}
