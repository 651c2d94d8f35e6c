import { readFileSync } from 'node:fs';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** The bundled sample, parsed through the same io functions the CLI uses. */
export function loadSample(set: 'pre2025' | '2025' = 'pre2025'): { communes: Commune[]; sites: Site[] } {
  const file =
    set === 'pre2025' ? 'data/sample/communes-pre2025.geojson' : 'data/sample/communes-2025.geojson';
  const { communes } = communesFromGeoJSON(readFileSync(ROOT + file, 'utf8'), { file });
  const { sites } = sitesFromGeoJSON(
    readFileSync(`${ROOT}data/synthetic/sites.synthetic.geojson`, 'utf8'),
    'sites',
  );
  return { communes, sites };
}
