/**
 * The speed tests the model disagrees with (issue 16, "model against measurement"): a list (CSV,
 * UTF-8 with BOM, formulas neutralised) and a map layer (GeoJSON points, tiles at their centre), each
 * test with its commune, technology, operator, download and why it disagrees.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { SpeedTest } from '../../core/base/speed_tests.ts';
import type { Commune } from '../../core/base/types.ts';
import type { Verdict } from '../../core/measured/model_agreement.ts';
import { toCsv } from '../formats/csv_write.ts';

/** A disagreeing test with its commune. */
export interface Disagreement {
  test: SpeedTest;
  verdict: Exclude<Verdict, 'agree'>;
  commune: Commune | null;
}

const WHY: Record<Disagreement['verdict'], { vi: string; en: string }> = {
  poor_inside: {
    vi: 'không có hoặc rất kém dịch vụ trong vùng phủ mô hình',
    en: 'no or poor service inside a modelled footprint',
  },
  good_outside: {
    vi: 'dịch vụ tốt ngoài mọi vùng phủ mô hình',
    en: 'good service outside every modelled footprint',
  },
};

/** The disagreeing tests, in input order, with the commune each falls in (null: none). */
export function disagreements(
  tests: readonly SpeedTest[],
  verdicts: readonly Verdict[],
  communeOf: Int32Array,
  communes: readonly Commune[],
): Disagreement[] {
  const out: Disagreement[] = [];
  tests.forEach((test, k) => {
    const v = verdicts[k]!;
    if (v === 'agree') return;
    const i = communeOf[k]!;
    out.push({ test, verdict: v, commune: i >= 0 ? communes[i]! : null });
  });
  return out;
}

/** The list as CSV: one row per disagreeing test. */
export function disagreementsCsv(list: readonly Disagreement[]): string {
  return toCsv(
    [
      'test',
      'lon',
      'lat',
      'quadkey',
      'tests',
      'technology',
      'operator',
      'download_mbps',
      'date',
      'commune_id',
      'commune_name',
      'verdict',
      'reason_vi',
      'reason_en',
    ],
    list.map(({ test: t, verdict, commune }) => [
      t.id,
      Math.round(t.lon * 1e6) / 1e6,
      Math.round(t.lat * 1e6) / 1e6,
      t.quadkey ?? '',
      t.tests,
      t.technology ?? '',
      t.operator ?? '',
      t.downloadMbps,
      t.date ?? '',
      commune?.id ?? '',
      commune?.name ?? '',
      verdict,
      WHY[verdict].vi,
      WHY[verdict].en,
    ]),
  );
}

/** The list as GeoJSON points, coloured by verdict (simplestyle), flagged when from synthetic data. */
export function disagreementsGeoJSON(
  list: readonly Disagreement[],
  synthetic: boolean,
): FeatureCollection<Point> & { metadata: Record<string, unknown> } {
  return {
    type: 'FeatureCollection',
    metadata: {
      synthetic,
      note: 'Speed tests (MEASURED) that disagree with the MODELLED footprints: poor_inside = download below 10 % of the technology threshold inside a footprint of its technology and operator; good_outside = at or above the threshold outside every one.',
    },
    features: list.map(({ test: t, verdict, commune }, i) => ({
      type: 'Feature',
      id: i,
      geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
      properties: {
        test: t.id,
        technology: t.technology,
        operator: t.operator,
        download_mbps: t.downloadMbps,
        tests: t.tests,
        date: t.date,
        commune_id: commune?.id ?? null,
        verdict,
        reason_en: WHY[verdict].en,
        'marker-color': verdict === 'poor_inside' ? '#b2182b' : '#2166ac',
      },
    })),
  };
}
