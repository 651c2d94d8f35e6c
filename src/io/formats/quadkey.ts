/** Web Mercator tiles by quadkey (Bing Maps / Ookla open data): their centre and bounds. */

/** A Web Mercator tile's lon/lat at tile coordinates (x, y) of a zoom with n tiles a side (fractions inside). */
const tileLon = (x: number, n: number) => (x / n) * 360 - 180;
const tileLat = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;

/** The tile of a quadkey: its column x, row y and the number n of tiles a side; null when it is not one. */
function quadkeyTile(quadkey: string): { x: number; y: number; n: number } | null {
  if (!/^[0-3]+$/.test(quadkey)) return null;
  let x = 0;
  let y = 0;
  for (const ch of quadkey) {
    const d = ch.charCodeAt(0) - 48;
    x = x * 2 + (d & 1);
    y = y * 2 + (d >> 1);
  }
  return { x, y, n: 2 ** quadkey.length };
}

/** The centre (lon, lat in degrees) of a Web Mercator tile given by its quadkey; null when it is not one. */
export function quadkeyCentre(quadkey: string): [number, number] | null {
  const t = quadkeyTile(quadkey);
  return t ? [tileLon(t.x + 0.5, t.n), tileLat(t.y + 0.5, t.n)] : null;
}

/** The bounds [west, south, east, north] (degrees) of a quadkey's tile; null when it is not one. */
export function quadkeyBounds(quadkey: string): [number, number, number, number] | null {
  const t = quadkeyTile(quadkey);
  return t ? [tileLon(t.x, t.n), tileLat(t.y + 1, t.n), tileLon(t.x + 1, t.n), tileLat(t.y, t.n)] : null;
}
