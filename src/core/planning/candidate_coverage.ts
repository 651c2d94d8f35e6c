import type { EngineConfig, Setting, Site, Technology } from '../base/types.ts';
import { buildFootprints, pairLayout } from '../coverage/footprints.ts';
import type { PointIndex } from '../coverage/point_index.ts';
import type { TerrainContext } from '../terrain/terrain_context.ts';
import type { Candidate } from './plan_types.ts';

/**
 * For each candidate, the demand points its circular footprint of `radii[c]` metres would cover, in
 * CSR layout (candidate c covers `lists[offsets[c] .. offsets[c+1])`, ascending). The point index
 * searches each circle's bounding box, then the exact distance test of `analyze` decides. With
 * `terrain` (a DEM is loaded), a candidate on the DEM covers the points of its terrain footprint
 * instead, resolved for the setting `settingOf(c)` of the commune it stands in.
 */
export function candidateCoverage(
  candidates: readonly Candidate[],
  radii: Float64Array,
  index: PointIndex,
  technology: Technology,
  config: EngineConfig,
  terrain: { context: TerrainContext; settingOf: (c: number) => Setting } | null = null,
): { offsets: Int32Array; lists: Int32Array } {
  const sites = candidates.map((c, i) => ({
    id: c.id,
    operator: '*',
    lon: c.lon,
    lat: c.lat,
    technologies: [technology],
    radius_m: radii[i]!,
  }));
  const at = new Map<Site, number>(sites.map((s, i) => [s, i]));
  const footprints = buildFootprints(
    sites,
    pairLayout([technology], ['*']),
    config,
    (s) => (terrain ? terrain.settingOf(at.get(s)!) : 'rural'),
    -1,
    terrain?.context ?? null,
  );
  const offsets = new Int32Array(candidates.length + 1);
  const parts: Int32Array[] = [];
  let total = 0;
  footprints.forEach((f, c) => {
    const hits = index.inFootprint(f);
    parts.push(hits);
    total += hits.length;
    offsets[c + 1] = total;
  });
  const lists = new Int32Array(total);
  parts.forEach((hits, c) => {
    lists.set(hits, offsets[c]!);
  });
  return { offsets, lists };
}
