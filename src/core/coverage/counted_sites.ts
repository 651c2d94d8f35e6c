import { cellsOf } from '../base/site_cells.ts';
import type { Cell, Site, Technology } from '../base/types.ts';
import { TECHNOLOGIES } from '../base/types.ts';

/**
 * Which cells a figure counts. `asOf: null` is today: cells on air only. `asOf: YEAR` is the plan: cells
 * on air, plus planned cells whose year is YEAR or earlier (a planned cell with no year is never counted).
 */
export interface CountingRule {
  asOf: number | null;
}

export const TODAY: CountingRule = { asOf: null };

export interface CountedSites {
  /** The sites with at least one counted cell, each holding only its counted cells. */
  sites: Site[];
  rule: CountingRule;
  /** Cells counted: on air, and planned by the year. */
  onAirCells: number;
  plannedCounted: number;
  /** Planned cells left out: later than the year, or no year, or (today) all of them. */
  plannedLeftOut: number;
  plannedWithoutYear: number;
  /** Sites left out because none of their cells is counted. */
  sitesLeftOut: number;
}

/** Whether the rule counts this cell. */
export function cellCounted(cell: Cell, rule: CountingRule): boolean {
  if (cell.status === 'on_air') return true;
  return rule.asOf !== null && cell.year !== undefined && cell.year <= rule.asOf;
}

/**
 * The sites as the rule counts them: planned cells outside the rule are taken out, and a site left with
 * no cell is taken out. A site given as one record (no `cells`) is on air and passes unchanged.
 */
export function countedSites(sites: readonly Site[], rule: CountingRule = TODAY): CountedSites {
  const out: Site[] = [];
  let onAirCells = 0;
  let plannedCounted = 0;
  let plannedLeftOut = 0;
  let plannedWithoutYear = 0;
  let sitesLeftOut = 0;
  for (const site of sites) {
    if (!site.cells || site.cells.length === 0) {
      onAirCells += site.technologies.length;
      out.push(site);
      continue;
    }
    const kept: Cell[] = [];
    for (const cell of site.cells) {
      if (cell.status === 'on_air') {
        onAirCells++;
        kept.push(cell);
      } else if (cellCounted(cell, rule)) {
        plannedCounted++;
        kept.push(cell);
      } else {
        plannedLeftOut++;
        if (cell.year === undefined) plannedWithoutYear++;
      }
    }
    if (kept.length === 0) {
      sitesLeftOut++;
      continue;
    }
    out.push(
      kept.length === site.cells.length ? site : { ...site, cells: kept, technologies: technologiesOf(kept) },
    );
  }
  return { sites: out, rule, onAirCells, plannedCounted, plannedLeftOut, plannedWithoutYear, sitesLeftOut };
}

/** The technologies of some cells, in the engine's order. */
export function technologiesOf(cells: readonly Cell[]): Technology[] {
  return TECHNOLOGIES.filter((t) => cells.some((c) => c.technology === t));
}

/** The rule in words, for outputs: "on air only" or "on air, plus planned cells on air by 2027". */
export function describeRule(rule: CountingRule): string {
  return rule.asOf === null
    ? 'cells on air only (planned cells left out)'
    : `cells on air, plus planned cells with a year on air of ${rule.asOf} or earlier`;
}
