/**
 * The rows of a scanline scan: rings projected to a commune's local plane as edges, and where the
 * scanlines cross them. A commune's own rows (its plane, the strips across its height and its
 * boundary crossings) are computed once per commune and scan settings and cached; `scanCommune`
 * (commune_scan.ts) sweeps the footprints' chords along them.
 */
import type { Position } from 'geojson';
import { type LocalProjection, localProjection } from '../geometry/local_projection.ts';

/** How many strips a scan takes across a commune's height (the row settings of `ScanOptions`). */
export interface RowSettings {
  scanlines: number;
  minScanlines: number;
  spacing: number;
}

export type Edge = [number, number, number, number];

export function projectRings(rings: Position[][], proj: LocalProjection): Edge[] {
  const edges: Edge[] = [];
  for (const ring of rings) {
    let prev: [number, number] | null = null;
    for (const p of ring) {
      const q = proj.forward(p[0]!, p[1]!);
      if (prev && prev[1] !== q[1]) edges.push([prev[0], prev[1], q[0], q[1]]);
      prev = q;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (prev && first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      const q = proj.forward(first[0]!, first[1]!);
      if (prev[1] !== q[1]) edges.push([prev[0], prev[1], q[0], q[1]]);
    }
  }
  return edges;
}

/** Per-row sorted crossings of a set of edges with the scanlines y_i = y0 + (i + ½)·dy. */
export function rowCrossings(edges: Edge[], y0: number, dy: number, rows: number): (number[] | undefined)[] {
  const byRow: (number[] | undefined)[] = new Array(rows);
  for (const [x1, y1, x2, y2] of edges) {
    const lo = Math.min(y1, y2);
    const hi = Math.max(y1, y2);
    const i0 = Math.max(0, Math.ceil((lo - y0) / dy - 0.5));
    const i1 = Math.min(rows - 1, Math.ceil((hi - y0) / dy - 0.5) - 1);
    for (let i = i0; i <= i1; i++) {
      const y = y0 + (i + 0.5) * dy;
      const x = x1 + ((x2 - x1) * (y - y1)) / (y2 - y1);
      let list = byRow[i];
      if (!list) {
        list = [];
        byRow[i] = list;
      }
      list.push(x);
    }
  }
  for (const list of byRow) list?.sort((a, b) => a - b);
  return byRow;
}

/** A commune's own part of a scan: its plane, its rows and where each row crosses its boundary. */
export interface CommuneRows {
  proj: LocalProjection;
  xmin: number;
  xmax: number;
  ymin: number;
  /** Number of strips (0 for a commune without area). */
  rows: number;
  dy: number;
  /** Where row i crosses the commune's boundary: xs[start[i]] … xs[start[i + 1] − 1], sorted. */
  start: Int32Array;
  xs: Float64Array;
}

/**
 * The commune's rows, computed once per set of rings and scan settings: one analysis scans each
 * commune for mobile coverage, the postal zone and the fiber corridor, and every what-if update
 * scans some again.
 */
const rowsCache = new WeakMap<Position[][], Map<string, CommuneRows>>();

export function communeRowsOf(
  rings: Position[][],
  bbox: readonly [number, number, number, number],
  options: RowSettings,
): CommuneRows {
  const key = `${bbox.join()};${options.scanlines};${options.minScanlines};${options.spacing}`;
  let byKey = rowsCache.get(rings);
  const hit = byKey?.get(key);
  if (hit) return hit;
  const proj = localProjection((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);
  const edges = projectRings(rings, proj);
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const [x1, y1, x2, y2] of edges) {
    xmin = Math.min(xmin, x1, x2);
    xmax = Math.max(xmax, x1, x2);
    ymin = Math.min(ymin, y1, y2);
    ymax = Math.max(ymax, y1, y2);
  }
  let out: CommuneRows;
  if (!(ymax > ymin))
    out = { proj, xmin, xmax, ymin, rows: 0, dy: 0, start: new Int32Array(1), xs: new Float64Array(0) };
  else {
    const rows = Math.max(
      options.minScanlines,
      Math.min(options.scanlines, Math.ceil((ymax - ymin) / options.spacing)),
    );
    const dy = (ymax - ymin) / rows;
    // Packed into two typed arrays: the cache holds every commune of an analysis (10,000 nationally).
    const lists = rowCrossings(edges, ymin, dy, rows);
    const start = new Int32Array(rows + 1);
    let n = 0;
    for (let i = 0; i < rows; i++) {
      start[i] = n;
      n += lists[i]?.length ?? 0;
    }
    start[rows] = n;
    const xs = new Float64Array(n);
    let k = 0;
    for (const list of lists) if (list) for (const x of list) xs[k++] = x;
    out = { proj, xmin, xmax, ymin, rows, dy, start, xs };
  }
  if (!byKey) {
    byKey = new Map();
    rowsCache.set(rings, byKey);
  }
  byKey.set(key, out);
  return out;
}
