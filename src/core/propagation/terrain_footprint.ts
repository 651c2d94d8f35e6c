import type { Position } from 'geojson';
import { localProjection } from '../geometry/local_projection.ts';
import { simplifyRings } from '../geometry/simplify_rings.ts';
import type { Dem } from '../terrain/dem.ts';
import { type PolarCoverage, radialSweep } from './radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from './radio_config.ts';
import type { RadioCell, TerrainFootprint } from './radio_types.ts';

/**
 * A cell's terrain footprint (implements `TerrainFootprintFn` with the default config; pass `config`
 * for another): the radial sweep's covered samples, each the polar cell around it (±half an angular
 * step, ±half a range step; the mast's own disc of half a range step counts as covered), outlined by
 * tracing the boundary edges between covered and uncovered polar cells (`polarRings`), then simplified
 * to `sweep.simplifyTolerance_m` (default one range step) with each ring's traced area kept
 * (`simplifyRings`): the staircase of polar cells is the sweep's resolution, not coverage, and it is
 * most of the vertices the engine would scan. Rings are lon/lat, closed, and even–odd: an uncovered
 * pocket inside (a ridge's shadow) is a hole, a covered island beyond it is another ring; a hole or
 * island thinner than about twice the tolerance may go.
 */
export function terrainFootprint(
  cell: RadioCell,
  dem: Dem,
  config: RadioConfig = DEFAULT_RADIO,
): TerrainFootprint {
  const polar = radialSweep(cell, dem, config);
  const tolerance = config.sweep.simplifyTolerance_m ?? polar.rangeStep_m;
  const rings = simplifyRings(polarRings(polar, cell.lon, cell.lat), cell.lon, cell.lat, tolerance);
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x! < minLon) minLon = x!;
      if (x! > maxLon) maxLon = x!;
      if (y! < minLat) minLat = y!;
      if (y! > maxLat) maxLat = y!;
    }
  return { rings, bbox: [minLon, minLat, maxLon, maxLat], outsideDemShare: polar.outsideDemShare };
}

/**
 * Outlines the covered polar cells as lon/lat rings around (lon, lat). Vertex (b, m) is at bearing
 * (b − ½)·angularStep and radius (m − ½)·rangeStep; cell (a, j) has corners b ∈ {a, a+1}, m ∈ {j, j+1}.
 * Each boundary edge is directed with the covered cell on its left (counter-clockwise on the map);
 * edges are chained into loops at their shared vertices (at a vertex where two loops touch either
 * pairing gives the same even–odd area).
 */
export function polarRings(polar: PolarCoverage, lon: number, lat: number): Position[][] {
  const { radials: A, steps: N, covered } = polar;
  const cov = (a: number, j: number) =>
    j > N || j < 0 ? false : covered[(((a % A) + A) % A) * (N + 1) + j] === 1;
  const M = N + 2;
  const vid = (b: number, m: number) => (((b % A) + A) % A) * M + m;
  // Outgoing edges per start vertex (at most two, where two loops touch), and the vertices that have any.
  const out1 = new Int32Array(A * M).fill(-1);
  const out2 = new Int32Array(A * M).fill(-1);
  const starts: number[] = [];
  const add = (from: number, to: number) => {
    if (out1[from] === -1) {
      out1[from] = to;
      starts.push(from);
    } else out2[from] = to;
  };
  for (let a = 0; a < A; a++) {
    for (let j = 0; j <= N; j++) {
      if (!cov(a, j)) continue;
      if (!cov(a, j + 1)) add(vid(a + 1, j + 1), vid(a, j + 1)); // outer arc, decreasing bearing
      if (j === 0) continue; // the mast's disc: no inner edge; its sides face covered neighbours
      if (!cov(a, j - 1)) add(vid(a, j), vid(a + 1, j)); // inner arc
      if (!cov(a - 1, j)) add(vid(a, j + 1), vid(a, j)); // left side, inwards
      if (!cov(a + 1, j)) add(vid(a + 1, j), vid(a + 1, j + 1)); // right side, outwards
    }
  }
  const proj = localProjection(lon, lat);
  const da = (polar.angularStep_deg * Math.PI) / 180;
  const toLonLat = (v: number): Position => {
    const b = Math.floor(v / M);
    const m = v % M;
    const r = (m - 0.5) * polar.rangeStep_m;
    const t = (b - 0.5) * da;
    return proj.inverse(r * Math.sin(t), r * Math.cos(t));
  };
  const rings: Position[][] = [];
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
  for (const start of starts) {
    while (out1[start] !== -1 || out2[start] !== -1) {
      const loop: number[] = [start];
      let v = start;
      for (;;) {
        const w = take(v);
        if (w === -1 || w === start) break; // −1 cannot happen for a closed boundary; guards a malformed grid
        loop.push(w);
        v = w;
      }
      // Drop vertices in the middle of a straight radial run (same bearing index before and after).
      const kept: number[] = [];
      const L = loop.length;
      for (let i = 0; i < L; i++) {
        const p = loop[(i + L - 1) % L]!;
        const q = loop[(i + 1) % L]!;
        const b = Math.floor(loop[i]! / M);
        if (L > 4 && Math.floor(p / M) === b && Math.floor(q / M) === b) continue;
        kept.push(loop[i]!);
      }
      const ring = kept.map(toLonLat);
      ring.push([...ring[0]!]);
      rings.push(ring);
    }
  }
  return rings;
}
