import type { Commune } from '../../core/base/types.ts';
import { communeLocator } from '../../core/geometry/commune_locator.ts';
import { type CsvTable, parseNumber } from '../formats/csv.ts';
import { editRows } from '../formats/csv_stream.ts';
import type { IssueList } from '../formats/geojson_input.ts';
import { forEachPosition, type LooseFeature } from '../formats/positions.ts';

/** What to do with rows whose latitude and longitude are swapped. */
export type SwapPolicy = 'fix' | 'reject';

/** Vietnam's extent (EPSG:4756 area of use), the reference when no boundaries are loaded yet. */
const VIETNAM: [number, number, number, number] = [102.14, 8.33, 109.53, 23.4];

/** A test of "inside the area of interest": the loaded communes, or Vietnam's extent. */
export function swapReference(communes?: readonly Commune[]): (lon: number, lat: number) => boolean {
  if (communes && communes.length > 0) {
    const locator = communeLocator(communes);
    return (lon, lat) => locator.locate(lon, lat) >= 0;
  }
  const [w, s, e, n] = VIETNAM;
  return (lon, lat) => lon >= w && lon <= e && lat >= s && lat <= n;
}

/** True when a position is outside the area but falls inside it once latitude and longitude swap. */
function swapped(x: number, y: number, inside: (lon: number, lat: number) => boolean): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && !inside(x, y) && inside(y, x);
}

function report(issues: IssueList, count: number, total: number, unit: string, policy: SwapPolicy): void {
  if (count === 0) return;
  issues.warn(
    '',
    policy === 'fix'
      ? `${count} of ${total} ${unit} had latitude and longitude swapped (they fall inside the boundaries only when swapped); they were swapped back. Check the column order in the source file.`
      : `${count} of ${total} ${unit} look like latitude and longitude swapped (they fall inside the boundaries only when swapped); they were rejected. Import with the swap fix (CLI: --swapped fix) to swap them back.`,
  );
}

/**
 * Finds features whose positions (most of them) are outside the area but inside once swapped, and
 * with the `fix` policy swaps them back in place. One warning per file gives the count. Returns it.
 */
export function swapFeatures(
  features: LooseFeature[],
  inside: (lon: number, lat: number) => boolean,
  policy: SwapPolicy,
  issues: IssueList,
): number {
  let count = 0;
  for (const f of features) {
    let n = 0;
    let hits = 0;
    forEachPosition(f.geometry, (p) => {
      n++;
      if (swapped(p[0]!, p[1]!, inside)) hits++;
    });
    if (n === 0 || hits * 2 <= n) continue;
    count++;
    if (policy === 'fix') {
      forEachPosition(f.geometry, (p) => {
        [p[0], p[1]] = [p[1]!, p[0]!];
      });
    }
  }
  report(issues, count, features.length, 'features', policy);
  return count;
}

/** The same for a table's lon/lat columns: swapped rows are swapped back in place with `fix`. */
export function swapTable(
  table: CsvTable,
  inside: (lon: number, lat: number) => boolean,
  policy: SwapPolicy,
  issues: IssueList,
): number {
  const ix = table.header.indexOf('lon');
  const iy = table.header.indexOf('lat');
  if (ix < 0 || iy < 0) return 0;
  let count = 0;
  // The rows to swap, by row number (a big CSV is read again at each pass: the swap is an edit).
  const hits = new Set<number>();
  for (const r of table.rows) {
    const x = parseNumber(r.cells[ix]);
    const y = parseNumber(r.cells[iy]);
    if (x === null || y === null || !swapped(x, y, inside)) continue;
    count++;
    if (policy === 'fix') hits.add(r.row);
  }
  if (hits.size > 0)
    editRows(table, (r) => {
      if (hits.has(r.row)) [r.cells[ix], r.cells[iy]] = [r.cells[iy]!, r.cells[ix]!];
    });
  report(issues, count, table.rows.length, 'rows', policy);
  return count;
}
