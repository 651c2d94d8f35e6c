/**
 * The worker's answers about sites (issue 13): one site's cells for its popup, and the rows of the
 * Sites tab. Asked for when needed, so that the site features every load sends stay as small as they
 * were (the cells of 3,500 sites would more than double them).
 */

import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { cellsOf } from '../../core/base/site_cells.ts';
import type { Site } from '../../core/base/types.ts';
import { cellCounted, technologiesOf } from '../../core/coverage/counted_sites.ts';
import { demCovers } from '../../core/terrain/dem_covers.ts';
import type { SiteInfo, SiteRow } from '../state/site_info.ts';
import { cellInfo } from './map_features.ts';
import type { Session } from './session.ts';
import { currentDem } from './worker_dem.ts';

/** A site as a row of the Sites tab. */
function siteRow(s: Pick<Session, 'rule' | 'communeOf'>, x: Site): SiteRow {
  const cells = cellsOf(x);
  const counted = countedCells(s, x);
  return {
    id: x.id,
    name: x.name ?? null,
    operator: x.operator,
    commune: s.communeOf(x),
    technologies: technologiesOf(cells),
    cells: cells.length,
    planned: cells.filter((c) => c.status === 'planned').length,
    counted: counted > 0,
    lon: x.lon,
    lat: x.lat,
  };
}

function countedCells(s: Pick<Session, 'rule'>, x: Site): number {
  return cellsOf(x).filter((c) => cellCounted(c, s.rule)).length;
}

/** Every site of the scenario as a row of the Sites tab, in the data's order. */
export function siteRows(s: Session): SiteRow[] {
  return s.sites.map((x) => siteRow(s, x));
}

/** One site of the scenario with its cells described (null when no site has that id). */
export function siteInfo(s: Session, id: string): SiteInfo | null {
  const x = s.sites.find((site) => site.id === id);
  if (!x) return null;
  const setting = s.setting(x);
  const dem = currentDem();
  const onDem = dem !== null && demCovers(dem, x.lon, x.lat);
  return {
    row: siteRow(s, x),
    cells: cellsOf(x).map((c) => cellInfo(x, c, setting, DEFAULT_CONFIG, s.rule, onDem)),
  };
}
