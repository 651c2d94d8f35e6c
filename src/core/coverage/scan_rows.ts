/**
 * The rows of a scanline scan: rings projected to a commune's local plane as edges, and where the
 * scanlines cross them. A commune's own rows (its plane, the strips across its height and its
 * boundary crossings) are computed once per commune and scan settings and cached; `scanCommune`
 * (commune_scan.ts) sweeps the footprints' chords along them.
 */
import type { Position } from 'geojson';
import { type LocalProjection, localProjection } from '../geometry/local_projection.ts';
import { ringsBBox } from '../geometry/point_in_polygon.ts';

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

// Scratch for `ringRowCrossings` (the engine is single-threaded per worker): crossings as found
// (row, x), then grouped by row.
let foundRow = new Int32Array(1024);
let foundX = new Float64Array(1024);
let rowStart = new Int32Array(0);
let rowFill = new Int32Array(0);
let byRow = new Float64Array(1024);

/** Edges per chunk of `ringChunks`. */
const CHUNK = 16;

/**
 * Per ring, runs of CHUNK consecutive edges with their box: [lonLo, latLo, lonHi, latHi] per chunk,
 * chunks of ring 0 first. Made once per set of rings: a terrain footprint is scanned by every commune
 * it meets, and most of its edges are above, below or beside any one of them.
 */
const chunksCache = new WeakMap<Position[][], Float64Array>();

function ringChunks(rings: Position[][]): Float64Array {
  const hit = chunksCache.get(rings);
  if (hit) return hit;
  let count = 0;
  for (const ring of rings) count += Math.ceil(ring.length / CHUNK);
  const out = new Float64Array(4 * count);
  let c = 0;
  for (const ring of rings) {
    const L = ring.length;
    for (let k0 = 0; k0 < L; k0 += CHUNK) {
      // Edges k0 → k0 + 1 … k0 + CHUNK − 1 → k0 + CHUNK (the last chunk closes the ring: vertex L wraps to 0).
      let a = Infinity;
      let b = Infinity;
      let cc = -Infinity;
      let d = -Infinity;
      for (let k = k0; k <= k0 + CHUNK && k <= L; k++) {
        const p = ring[k % L]!;
        if (p[0]! < a) a = p[0]!;
        if (p[0]! > cc) cc = p[0]!;
        if (p[1]! < b) b = p[1]!;
        if (p[1]! > d) d = p[1]!;
      }
      out[c++] = a;
      out[c++] = b;
      out[c++] = cc;
      out[c++] = d;
    }
  }
  chunksCache.set(rings, out);
  return out;
}

/**
 * Where the scanlines y_i = y0 + (i + ½)·dy of a commune's plane cross a set of lon/lat rings (even–odd,
 * closed or not). The crossings that fall inside the commune's longitudes [lonMin, lonMax] are those of
 * `rowCrossings(projectRings(rings, proj), y0, dy, rows)`; the others count only for the even–odd
 * pairing and are −∞ (west of lonMin) or +∞ (east of lonMax), so once clipped to the commune's row every
 * interval is the same. Edges are taken in chunks with their boxes (`ringChunks`): a chunk above or
 * below every row is passed over, and only an edge that crosses a row and is not wholly west or east is
 * projected (y is linear in latitude, so the rows an edge spans are known from its latitudes).
 * Row i's crossings are xs[start[i]] … xs[start[i + 1] − 1], sorted; both arrays are scratch, valid
 * until the next call.
 */
export function ringRowCrossings(
  rings: Position[][],
  proj: LocalProjection,
  y0: number,
  dy: number,
  rows: number,
  lonMin: number,
  lonMax: number,
): { start: Int32Array; xs: Float64Array } {
  const lat0 = proj.lat0;
  const kLat = proj.metresPerDegLat;
  // The rows' latitudes, and a margin of about a metre for "wholly west or east": along an edge the
  // projected x is interpolated linearly, which departs from the parallel's x by millimetres.
  const latLo = lat0 + (y0 + 0.5 * dy) / kLat - 1e-9;
  const latHi = lat0 + (y0 + (rows - 0.5) * dy) / kLat + 1e-9;
  const west = lonMin - 1e-5;
  const east = lonMax + 1e-5;
  const chunks = ringChunks(rings);
  let n = 0;
  /** The edge a → b, whose ends are both west (−1), both east (1) or neither (0). */
  const edge = (a: Position, b: Position, side: number) => {
    const ya = (a[1]! - lat0) * kLat;
    const yb = (b[1]! - lat0) * kLat;
    if (ya === yb) return;
    const lo = Math.min(ya, yb);
    const hi = Math.max(ya, yb);
    const i0 = Math.max(0, Math.ceil((lo - y0) / dy - 0.5));
    const i1 = Math.min(rows - 1, Math.ceil((hi - y0) / dy - 0.5) - 1);
    if (i1 < i0) return;
    if (n + (i1 - i0 + 1) > foundX.length) {
      const size = 2 * (n + (i1 - i0 + 1));
      const r = new Int32Array(size);
      r.set(foundRow.subarray(0, n));
      foundRow = r;
      const x = new Float64Array(size);
      x.set(foundX.subarray(0, n));
      foundX = x;
    }
    if (side !== 0) {
      const x = side < 0 ? -Infinity : Infinity;
      for (let i = i0; i <= i1; i++) {
        foundRow[n] = i;
        foundX[n++] = x;
      }
      return;
    }
    const xa = proj.forward(a[0]!, a[1]!)[0];
    const xb = proj.forward(b[0]!, b[1]!)[0];
    for (let i = i0; i <= i1; i++) {
      const y = y0 + (i + 0.5) * dy;
      foundRow[n] = i;
      foundX[n++] = xa + ((xb - xa) * (y - ya)) / (yb - ya);
    }
  };
  let c = 0;
  for (const ring of rings) {
    const L = ring.length;
    const closed = L > 0 && ring[0]![0] === ring[L - 1]![0] && ring[0]![1] === ring[L - 1]![1];
    for (let k0 = 0; k0 < L; k0 += CHUNK, c += 4) {
      if (chunks[c + 3]! < latLo || chunks[c + 1]! > latHi) continue;
      const side = chunks[c + 2]! < west ? -1 : chunks[c]! > east ? 1 : 0;
      const k1 = Math.min(k0 + CHUNK, L);
      for (let k = k0 + 1; k < k1; k++) edge(ring[k - 1]!, ring[k]!, side);
      // The edge into the next chunk's first vertex; the last chunk's closes an open ring.
      if (k1 < L) edge(ring[k1 - 1]!, ring[k1]!, side);
      else if (!closed && L > 1) edge(ring[L - 1]!, ring[0]!, side);
    }
  }
  if (rowStart.length < rows + 1) {
    rowStart = new Int32Array(rows + 1);
    rowFill = new Int32Array(rows);
  }
  if (byRow.length < n) byRow = new Float64Array(2 * n);
  const start = rowStart.subarray(0, rows + 1);
  start.fill(0);
  for (let k = 0; k < n; k++) start[foundRow[k]! + 1]!++;
  for (let i = 0; i < rows; i++) start[i + 1]! += start[i]!;
  // Placed in order of discovery within each row, then sorted per row.
  const fill = rowFill.subarray(0, rows);
  fill.fill(0);
  const xs = byRow;
  for (let k = 0; k < n; k++) {
    const i = foundRow[k]!;
    xs[start[i]! + fill[i]!++] = foundX[k]!;
  }
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    const b = start[i + 1]!;
    if (b - a === 2) {
      if (xs[a]! > xs[a + 1]!) {
        const t = xs[a]!;
        xs[a] = xs[a + 1]!;
        xs[a + 1] = t;
      }
    } else if (b - a > 2) xs.subarray(a, b).sort();
  }
  return { start, xs };
}

/** A commune's own part of a scan: its plane, its rows and where each row crosses its boundary. */
export interface CommuneRows {
  proj: LocalProjection;
  xmin: number;
  xmax: number;
  ymin: number;
  /** The commune's westernmost and easternmost longitudes, degrees. */
  lonMin: number;
  lonMax: number;
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
  const [lonMin, , lonMax] = ringsBBox(rings);
  let out: CommuneRows;
  if (!(ymax > ymin))
    out = {
      proj,
      xmin,
      xmax,
      ymin,
      lonMin,
      lonMax,
      rows: 0,
      dy: 0,
      start: new Int32Array(1),
      xs: new Float64Array(0),
    };
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
    out = { proj, xmin, xmax, ymin, lonMin, lonMax, rows, dy, start, xs };
  }
  if (!byKey) {
    byKey = new Map();
    rowsCache.set(rings, byKey);
  }
  byKey.set(key, out);
  return out;
}
