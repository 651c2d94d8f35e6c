import type { Commune, EngineConfig, Site, Technology } from '../base/types.ts';
import { buildFootprints, pairLayout } from '../coverage/footprints.ts';
import type { PointIndex } from '../coverage/point_index.ts';
import { communeLocator } from '../geometry/commune_locator.ts';
import type { TerrainContext } from '../terrain/terrain_context.ts';
import type { DemandPoint } from './plan_types.ts';

/**
 * Marks the demand points already covered by existing sites for one technology: by any operator, or
 * only by `operator` when one is given. Footprints are the engine's (own radius, sector or predicted
 * polygon, else the default radius for the technology and the commune's setting), so the result
 * agrees with `analyze` (with `terrain`, the terrain footprints it uses too). Returns 1 for covered
 * points and the number of sites that count.
 */
export function existingCoverage(
  points: readonly DemandPoint[],
  index: PointIndex,
  sites: readonly Site[],
  communes: readonly Commune[],
  filter: { technology: Technology; operator?: string | null },
  config: EngineConfig,
  terrain: TerrainContext | null = null,
): { covered: Uint8Array; sites: number } {
  const { technology, operator } = filter;
  const counted = sites
    .filter((s) => s.technologies.includes(technology) && (operator == null || s.operator === operator))
    .map((s) => ({
      ...s,
      operator: '*',
      technologies: [technology],
      ...(s.cells ? { cells: s.cells.filter((c) => c.technology === technology) } : {}),
    }));
  const locator = communeLocator(communes);
  const footprints = buildFootprints(
    counted,
    pairLayout([technology], ['*']),
    config,
    (s) => {
      const i = locator.locate(s.lon, s.lat);
      return i >= 0 ? communes[i]!.setting : 'rural';
    },
    -1,
    terrain,
  );
  const covered = new Uint8Array(points.length);
  for (const f of footprints) for (const i of index.inFootprint(f)) covered[i] = 1;
  return { covered, sites: counted.length };
}
