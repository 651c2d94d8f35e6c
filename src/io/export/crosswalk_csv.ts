import type { Crosswalk } from '../../core/crosswalk/crosswalk.ts';
import { toCsv } from '../formats/csv_write.ts';

/** Columns of crosswalk.csv. */
export const CROSSWALK_COLUMNS = [
  'from_id',
  'from_name',
  'to_id',
  'to_name',
  'area_km2',
  'area_share',
  'population_share',
  'sliver',
] as const;

/**
 * crosswalk.csv: one row per piece of an old unit in a new unit: the piece's geodesic area (km², 4
 * decimals), the share of the old unit's area in the new unit and the share of the new unit's carried
 * census population from the old unit (0–1, 6 decimals), and whether the piece is a sliver. UTF-8 with
 * a BOM; text cells are formula-neutralised.
 */
export function crosswalkCsv(crosswalk: Crosswalk): string {
  const rows = crosswalk.rows.map((r) => [
    r.fromId,
    r.fromName,
    r.toId,
    r.toName,
    Number(r.areaKm2.toFixed(4)),
    Number(r.areaShare.toFixed(6)),
    Number(r.populationShare.toFixed(6)),
    r.sliver ? 'true' : 'false',
  ]);
  return toCsv([...CROSSWALK_COLUMNS], rows);
}
