import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { Dem } from '../terrain/dem.ts';
import type { Candidate } from './plan_types.ts';

/** Where one candidate was moved by `moveToHighest`: old and new position (degrees) and ground height (m). */
export interface CandidateMove {
  candidate_id: string;
  from: [number, number];
  from_height_m: number | null;
  to: [number, number];
  to_height_m: number | null;
  /** Distance moved, metres (0 when the candidate already stood on the highest ground, or off the DEM). */
  moved_m: number;
}

/** The default search radius of "move each candidate to the highest point within R metres" (issue 17). */
export const DEFAULT_MOVE_RADIUS_M = 300;

/**
 * Moves each candidate to the highest ground within `radius_m` metres of it: the DEM is sampled on a
 * square lattice of half its post spacing (bilinear heights peak at posts, so this finds the highest
 * post to within a quarter of the spacing) and the candidate goes to the highest sample inside the
 * circle. It stays where it is when nothing there is higher, or when it stands off the DEM. Ties go to
 * the sample nearest the candidate.
 */
export function moveToHighest(
  candidates: readonly Candidate[],
  dem: Dem,
  radius_m: number,
): { candidates: Candidate[]; moves: CandidateMove[] } {
  const step = Math.max(1, dem.spacing_m / 2);
  const n = Math.ceil(radius_m / step);
  const moves: CandidateMove[] = [];
  const out = candidates.map((c) => {
    const h0 = dem.elevation(c.lon, c.lat);
    const kx = metresPerDegreeLon(c.lat);
    const ky = metresPerDegreeLat(c.lat);
    let best = Number.isNaN(h0) ? Number.NaN : h0;
    let bestD = 0;
    let bx = 0;
    let by = 0;
    if (!Number.isNaN(h0)) {
      for (let j = -n; j <= n; j++) {
        for (let i = -n; i <= n; i++) {
          const dx = i * step;
          const dy = j * step;
          const d = Math.hypot(dx, dy);
          if (d > radius_m) continue;
          const h = dem.elevation(c.lon + dx / kx, c.lat + dy / ky);
          if (h > best || (h === best && d < bestD)) {
            best = h;
            bestD = d;
            bx = dx;
            by = dy;
          }
        }
      }
    }
    const to: [number, number] = [c.lon + bx / kx, c.lat + by / ky];
    moves.push({
      candidate_id: c.id,
      from: [c.lon, c.lat],
      from_height_m: Number.isNaN(h0) ? null : h0,
      to,
      to_height_m: Number.isNaN(best) ? null : best,
      moved_m: bestD,
    });
    return bestD > 0 ? { ...c, lon: to[0], lat: to[1] } : c;
  });
  return { candidates: out, moves };
}
