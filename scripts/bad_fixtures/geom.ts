/**
 * Issue #12, geometry that lies: commune boundaries with a hole outside its shell, a polygon across the
 * antimeridian, an identical duplicate, a partial overlap, a zero-area polygon, a degenerate ring and
 * rings in the wrong orientation. Each file has the corpus' base style: small squares near 108° E, 14° N.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Ring = number[][];
const sq = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const cw = (r: Ring): Ring => [r[0]!, ...r.slice(1, -1).reverse(), r[0]!];
const fc = (features: unknown[]) => `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
const polygon = (rings: Ring[], id: string, name: string, population: number) => ({
  type: 'Feature',
  properties: { id, name, population, province: 'Tỉnh Thử' },
  geometry: { type: 'Polygon', coordinates: rings },
});
const good = (id: string, name: string) => polygon([sq(108.2, 14.0, 108.3, 14.1)], id, name, 900);

export function writeGeomFixtures(dir: string): void {
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write(
    'geom_hole_outside.geojson',
    fc([
      // The "hole" lies east of its outer ring: an outer ring of its own, with a warning.
      polygon([sq(108.0, 14.0, 108.1, 14.1), cw(sq(108.12, 14.02, 108.18, 14.08))], 'G1', 'Xã Lỗ Ngoài', 500),
      // A hole that is inside: kept as a hole.
      polygon([sq(108.3, 14.0, 108.4, 14.1), cw(sq(108.32, 14.02, 108.38, 14.08))], 'G2', 'Xã Lỗ Trong', 600),
    ]),
  );
  write(
    'geom_antimeridian.geojson',
    fc([
      polygon(
        [
          [
            [179.9, -16.0],
            [-179.9, -16.0],
            [-179.9, -16.1],
            [179.9, -16.1],
            [179.9, -16.0],
          ],
        ],
        'G3',
        'Xã Đổi Ngày',
        100,
      ),
      good('G4', 'Xã Lành'),
    ]),
  );
  write(
    'geom_duplicate.geojson',
    fc([
      polygon([sq(108.0, 14.0, 108.1, 14.1)], 'G5', 'Xã Gốc', 1000),
      polygon([sq(108.0, 14.0, 108.1, 14.1)], 'G6', 'Xã Bản Sao', 1000),
      good('G7', 'Xã Lành'),
    ]),
  );
  write(
    'geom_overlap.geojson',
    fc([
      polygon([sq(108.0, 14.0, 108.1, 14.1)], 'G8', 'Xã Tây', 1000),
      // Overlaps the first by a quarter of its area.
      polygon([sq(108.075, 14.0, 108.175, 14.1)], 'G9', 'Xã Đông', 1000),
      // Shares a border with the second only: no warning.
      polygon([sq(108.175, 14.0, 108.275, 14.1)], 'G10', 'Xã Kề', 1000),
    ]),
  );
  write(
    'geom_zero_area.geojson',
    fc([
      // Four positions on one parallel: no area.
      polygon(
        [
          [
            [108.0, 14.0],
            [108.05, 14.0],
            [108.1, 14.0],
            [108.0, 14.0],
          ],
        ],
        'G11',
        'Xã Phẳng',
        100,
      ),
      good('G12', 'Xã Lành'),
    ]),
  );
  write(
    'geom_degenerate_ring.geojson',
    fc([
      // Fewer than 3 distinct positions.
      polygon(
        [
          [
            [108.0, 14.0],
            [108.1, 14.1],
            [108.1, 14.1],
            [108.0, 14.0],
          ],
        ],
        'G13',
        'Xã Vạch',
        100,
      ),
      // A good outer ring with a hole of no area: the hole is dropped, with a warning.
      polygon(
        [
          sq(108.0, 14.2, 108.1, 14.3),
          [
            [108.02, 14.22],
            [108.02, 14.22],
            [108.03, 14.23],
            [108.02, 14.22],
          ],
        ],
        'G14',
        'Xã Lỗ Vạch',
        100,
      ),
      good('G15', 'Xã Lành'),
    ]),
  );
  write(
    'geom_orientation.geojson',
    fc([
      // Outer ring clockwise, hole counter-clockwise: reoriented without a word (RFC 7946 says accept).
      polygon([cw(sq(108.0, 14.0, 108.1, 14.1)), sq(108.02, 14.02, 108.08, 14.08)], 'G16', 'Xã Ngược', 500),
      good('G17', 'Xã Lành'),
    ]),
  );
}
