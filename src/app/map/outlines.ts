/**
 * The district and province outlines of the bundled boundary sets, drawn over the commune choropleth.
 * They are the communes dissolved by district and by province (scripts/build_data.ts, data/SOURCES.md):
 * tracing them from the communes in the page would leave slivers where neighbouring communes' edges do
 * not quite meet. The 2025 set has no districts (they were abolished), so it gets its provinces only;
 * imported boundaries get none.
 */
import type { Feature, FeatureCollection } from 'geojson';
import districtsUrl from '../../../data/sample/districts-pre2025.geojson?url';
import provinces2025Url from '../../../data/sample/provinces-2025.geojson?url';
import provincesUrl from '../../../data/sample/provinces-pre2025.geojson?url';

export type OutlineSet = 'pre2025' | '2025' | 'imported';

const FILES: Record<OutlineSet, { url: string; level: 'district' | 'province' }[]> = {
  pre2025: [
    { url: districtsUrl, level: 'district' },
    { url: provincesUrl, level: 'province' },
  ],
  '2025': [{ url: provinces2025Url, level: 'province' }],
  imported: [],
};

/** The outlines of a boundary set: each feature's geometry with its `level`, unit `id` and `name`. */
export async function loadOutlines(set: OutlineSet): Promise<FeatureCollection> {
  const parts = await Promise.all(
    FILES[set].map(async ({ url, level }) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not load the bundled file ${url} (HTTP ${response.status})`);
      const fc = (await response.json()) as FeatureCollection;
      return fc.features.map(
        (f): Feature => ({
          type: 'Feature',
          geometry: f.geometry,
          properties: { level, id: String(f.properties?.id ?? ''), name: String(f.properties?.name ?? '') },
        }),
      );
    }),
  );
  return { type: 'FeatureCollection', features: parts.flat() };
}
