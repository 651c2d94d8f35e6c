import type { FlatRings } from '../geometry/flat_rings.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { PolarCoverage } from './radial_sweep.ts';

/**
 * Work buffers kept from one cell to the next (a 35 km cell has 280,000 polar vertices; allocating
 * and filling them per cell cost more than the tracing). `out1`/`out2` are −1 everywhere between calls:
 * every edge added is taken again while tracing, and whatever a malformed grid leaves is reset.
 */
const pool = {
  out1: new Int32Array(0),
  out2: new Int32Array(0),
  starts: new Int32Array(0),
  loop: new Int32Array(0),
  coords: new Float64Array(0),
};

/**
 * Outlines the covered polar cells as lon/lat rings around (lon, lat), as `polarRings` (which gives
 * them as positions) describes: vertex (b, m) is at bearing (b − ½)·angularStep and radius
 * (m − ½)·rangeStep, each boundary edge has the covered cell on its left, edges are chained into
 * loops at their shared vertices, and a vertex in the middle of a straight radial run is dropped.
 */
export function polarFlatRings(polar: PolarCoverage, lon: number, lat: number): FlatRings {
  const { radials: A, steps: N, covered } = polar;
  const S = N + 1;
  const M = N + 2;
  const V = A * M;
  if (pool.out1.length < V) {
    pool.out1 = new Int32Array(V).fill(-1);
    pool.out2 = new Int32Array(V).fill(-1);
    pool.starts = new Int32Array(V);
    pool.loop = new Int32Array(2 * V + 1);
    pool.coords = new Float64Array(4 * V + 2);
  }
  const { out1, out2, starts, loop } = pool;
  // Outgoing edges per start vertex (at most two, where two loops touch), and the vertices that have any.
  let ns = 0;
  const add = (from: number, to: number) => {
    if (out1[from] === -1) {
      out1[from] = to;
      starts[ns++] = from;
    } else out2[from] = to;
  };
  for (let a = 0; a < A; a++) {
    const row = a * S;
    const left = ((a + A - 1) % A) * S;
    const right = ((a + 1) % A) * S;
    const va = a * M;
    const vb = ((a + 1) % A) * M;
    for (let j = 0; j <= N; j++) {
      if (covered[row + j] !== 1) continue;
      if (j === N || covered[row + j + 1] !== 1) add(vb + j + 1, va + j + 1); // outer arc, decreasing bearing
      if (j === 0) continue; // the mast's disc: no inner edge; its sides face covered neighbours
      if (covered[row + j - 1] !== 1) add(va + j, vb + j); // inner arc
      if (covered[left + j] !== 1) add(va + j + 1, va + j); // left side, inwards
      if (covered[right + j] !== 1) add(vb + j, vb + j + 1); // right side, outwards
    }
  }
  // Vertex (b, m) in lon/lat, as `localProjection(lon, lat).inverse` gives it (the same operations).
  const kLat = metresPerDegreeLat(lat);
  const da = (polar.angularStep_deg * Math.PI) / 180;
  const sinB = new Float64Array(A);
  const cosB = new Float64Array(A);
  for (let b = 0; b < A; b++) {
    const t = (b - 0.5) * da;
    sinB[b] = Math.sin(t);
    cosB[b] = Math.cos(t);
  }
  const coords = pool.coords;
  let nc = 0;
  const put = (v: number) => {
    const b = Math.floor(v / M);
    const r = ((v % M) - 0.5) * polar.rangeStep_m;
    const y = r * cosB[b]!;
    const vLat = lat + y / kLat;
    coords[2 * nc] = lon + (r * sinB[b]!) / metresPerDegreeLon(vLat);
    coords[2 * nc + 1] = vLat;
    nc++;
  };
  const ringStarts: number[] = [];
  /** Takes one outgoing edge of v (−1 when none is left). */
  const take = (v: number) => {
    const w2 = out2[v]!;
    if (w2 !== -1) {
      out2[v] = -1;
      return w2;
    }
    const w1 = out1[v]!;
    out1[v] = -1;
    return w1;
  };
  for (let s = 0; s < ns; s++) {
    const start = starts[s]!;
    while (out1[start] !== -1 || out2[start] !== -1) {
      let L = 0;
      loop[L++] = start;
      let v = start;
      for (;;) {
        const w = take(v);
        if (w === -1 || w === start) break; // −1 cannot happen for a closed boundary; guards a malformed grid
        loop[L++] = w;
        v = w;
      }
      ringStarts.push(nc);
      // Drop vertices in the middle of a straight radial run (same bearing index before and after).
      for (let i = 0; i < L; i++) {
        const p = loop[(i + L - 1) % L]!;
        const q = loop[(i + 1) % L]!;
        const b = Math.floor(loop[i]! / M);
        if (L > 4 && Math.floor(p / M) === b && Math.floor(q / M) === b) continue;
        put(loop[i]!);
      }
    }
  }
  for (let s = 0; s < ns; s++) {
    out1[starts[s]!] = -1;
    out2[starts[s]!] = -1;
  }
  ringStarts.push(nc);
  return { coords: coords.slice(0, 2 * nc), starts: Int32Array.from(ringStarts) };
}
