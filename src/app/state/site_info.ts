/**
 * A site as the map's popup and the site table show it: its code, name, operator and commune, and each
 * of its cells with what the input said and the footprint the engine draws for it. Built in the worker
 * (map_features.ts) into the site features' properties; read by the page. Plus the table's search.
 */
import { foldText } from '../../core/base/fold_text.ts';
import type { Technology } from '../../core/base/types.ts';

/** Why a cell's footprint has its shape: a sector, an omni circle, or the operator's predicted polygon. */
export type CellShape =
  | { kind: 'sector'; azimuth_deg: number; beamwidth_deg: number; radius_m: number }
  | { kind: 'omni'; radius_m: number; own: boolean }
  | { kind: 'polygon' }
  /** A DEM covers the site: the footprint is the propagation model's over the terrain (sector: its pattern). */
  | { kind: 'terrain'; azimuth_deg: number | null; beamwidth_deg: number | null };

/** One cell of a site, as listed in the popup (null: not given in the input). */
export interface CellInfo {
  technology: Technology;
  band: string | null;
  azimuth_deg: number | null;
  beamwidth_deg: number | null;
  height_m: number | null;
  status: 'on_air' | 'planned';
  year: number | null;
  /** Whether the figures count it under the current rule (today, or as planned by a year). */
  counted: boolean;
  shape: CellShape;
}

/** A site's row and its cells described: what the worker answers for a site's popup. */
export interface SiteInfo {
  row: SiteRow;
  cells: CellInfo[];
}

/** What the site table searches and shows of a site. */
export interface SiteRow {
  id: string;
  name: string | null;
  operator: string;
  commune: string | null;
  technologies: string[];
  cells: number;
  planned: number;
  /** False when the rule counts none of its cells (planned only). */
  counted: boolean;
  lon: number;
  lat: number;
}

/**
 * The sites whose code, name, operator or commune contains the query (without case or diacritics; every
 * word of the query must match somewhere), at most `limit` of them, and how many match in all.
 */
export function matchSites(
  rows: readonly SiteRow[],
  query: string,
  limit: number,
): { shown: SiteRow[]; matches: number } {
  const words = foldText(query.trim()).split(/\s+/).filter(Boolean);
  const shown: SiteRow[] = [];
  let matches = 0;
  for (const r of rows) {
    if (words.length > 0) {
      const hay = foldText([r.id, r.name ?? '', r.operator, r.commune ?? ''].join(' '));
      if (!words.every((w) => hay.includes(w))) continue;
    }
    matches++;
    if (shown.length < limit) shown.push(r);
  }
  return { shown, matches };
}
