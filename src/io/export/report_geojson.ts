import type { CoverageReport } from '../../core/report/report.ts';
import { type ReportGeometry, reportLayers } from './report_features.ts';
import type { ReportLang } from './report_labels.ts';
import { footprintsText } from './report_tables.ts';

/**
 * The report's GIS layers as GeoJSON (RFC 7946, WGS84 lon/lat): `communes` with every indicator,
 * `gaps`, and `postal_beyond_3km` when given; one FeatureCollection string per layer, with the field
 * labels (units included) and the synthetic-data flag in `metadata`.
 */
export function reportGeoJSON(
  report: CoverageReport,
  geometry: ReportGeometry,
  lang: ReportLang = 'vi',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const layer of reportLayers(report, geometry, lang)) {
    out[layer.name] = JSON.stringify({
      type: 'FeatureCollection',
      // GDAL/QGIS take the layer name from here (else from the file name).
      name: layer.name,
      metadata: {
        layer: layer.name,
        synthetic: report.inputs.synthetic,
        generated_at: report.generated_at,
        note: 'Coverage is MODELLED from footprints, not measured. Percentages are 0–100.',
        footprints: footprintsText(report.method.footprints, lang === 'vi'),
        fields: Object.fromEntries(layer.fields.map((f) => [f.name, f.label])),
      },
      features: layer.features.map((f, i) => ({
        type: 'Feature',
        id: i + 1,
        properties: Object.fromEntries(layer.fields.map((fd, j) => [fd.name, f.values[j] ?? null])),
        geometry: f.geometry,
      })),
    });
  }
  return out;
}
