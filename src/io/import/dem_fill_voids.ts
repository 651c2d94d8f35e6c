/**
 * Fills the void posts (NaN) of a row-major height grid in place from their neighbours and returns
 * how many were filled. Each void takes the inverse-distance mean (weights 1/d, d in posts) of the
 * nearest valid post to its west, east, north and south, on its own row and column; the pass reads
 * only the posts valid before it, so the result does not depend on the scan order. A void whose row
 * and column are all void waits for the next pass, which reads the posts the previous one filled.
 * Returns -1 when the grid has no valid post at all (nothing to fill from).
 */
export function fillVoids(heights: Float32Array, cols: number, rows: number): number {
  let voids = 0;
  for (let i = 0; i < heights.length; i++) if (Number.isNaN(heights[i]!)) voids++;
  if (voids === 0) return 0;
  if (voids === heights.length) return -1;
  let filled = 0;
  const north = new Int32Array(cols * rows);
  const south = new Int32Array(cols * rows);
  const westOf = new Int32Array(cols);
  const eastOf = new Int32Array(cols);
  while (filled < voids) {
    const valid = (i: number) => !Number.isNaN(heights[i]!);
    // The row of the nearest valid post at or above (north) and at or below (south) each post.
    for (let c = 0; c < cols; c++) {
      let last = -1;
      for (let r = 0; r < rows; r++) {
        if (valid(r * cols + c)) last = r;
        north[r * cols + c] = last;
      }
      last = -1;
      for (let r = rows - 1; r >= 0; r--) {
        if (valid(r * cols + c)) last = r;
        south[r * cols + c] = last;
      }
    }
    const next = new Float32Array(heights);
    let pass = 0;
    for (let r = 0; r < rows; r++) {
      // The column of the nearest valid post at or west of, and at or east of, each post on this row.
      let last = -1;
      for (let c = 0; c < cols; c++) {
        if (valid(r * cols + c)) last = c;
        westOf[c] = last;
      }
      last = -1;
      for (let c = cols - 1; c >= 0; c--) {
        if (valid(r * cols + c)) last = c;
        eastOf[c] = last;
      }
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        if (valid(i)) continue;
        let sum = 0;
        let weight = 0;
        const add = (j: number, d: number) => {
          sum += heights[j]! / d;
          weight += 1 / d;
        };
        const w = westOf[c]!;
        if (w >= 0) add(r * cols + w, c - w);
        const e = eastOf[c]!;
        if (e >= 0) add(r * cols + e, e - c);
        const n = north[i]!;
        if (n >= 0) add(n * cols + c, r - n);
        const s = south[i]!;
        if (s >= 0) add(s * cols + c, s - r);
        if (weight > 0) {
          next[i] = sum / weight;
          pass++;
        }
      }
    }
    heights.set(next);
    filled += pass;
  }
  return filled;
}
