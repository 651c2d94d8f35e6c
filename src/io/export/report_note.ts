import type { CoverageReport } from '../../core/report/report.ts';
import { methodText } from './method_text.ts';
import type { ReportLang } from './report_labels.ts';
import { T } from './report_labels.ts';
import { footprintsText } from './report_tables.ts';

/**
 * The note a GIS export carries about the whole report, in the export's language only: the synthetic
 * flag, "modelled, not measured", how the footprints were drawn (`report.method.footprints`: terrain
 * with its model, DEM and defaults, or circles and sectors) and when the analysis ran. KML puts it in
 * the Document's description, the GeoPackage in every table's description.
 */
export function reportNote(report: CoverageReport, lang: ReportLang): string {
  return [
    report.inputs.synthetic ? T.synthetic[lang] : null,
    methodText('Coverage is MODELLED from footprints, not measured.', lang),
    `${footprintsText(report.method.footprints, lang === 'vi')}.`,
    `${T.generatedAt[lang]}: ${report.generated_at}`,
  ]
    .filter((x) => x !== null)
    .join(' ');
}
