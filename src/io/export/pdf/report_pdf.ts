/**
 * The periodic report as a PDF: `reportPdf` sets up the document and draws its sections in order, each
 * from its own module (cover and summary, province maps, tables, charts, district pages, comparison,
 * ranking, method), sharing one `PdfReport` context.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { CoverageReport } from '../../../core/report/report.ts';
import type { ReportGeometry } from '../report_features.ts';
import { type ReportLang, T } from '../report_labels.ts';
import { drawCalibration } from './pdf_calibration.ts';
import { drawComparison } from './pdf_comparison.ts';
import { drawCover } from './pdf_cover.ts';
import { PdfLayout } from './pdf_layout.ts';
import { drawProvinceMap, drawUnitPages } from './pdf_map_pages.ts';
import { drawProvinceMeasured } from './pdf_measured.ts';
import { drawMethod } from './pdf_method.ts';
import { drawProvinceCharts } from './pdf_province_charts.ts';
import { drawProvinceLists, drawProvinceTargets } from './pdf_province_tables.ts';
import { drawRanking } from './pdf_ranking.ts';
import { type PdfReportOptions, pdfReportContext } from './pdf_report_context.ts';

export type { PdfReportOptions } from './pdf_report_context.ts';

/** The TrueType fonts to embed (regular and bold); they must cover Vietnamese (e.g. DejaVu Sans). */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/**
 * The periodic report as a PDF (A4, Vietnamese by default): title, reporting and "as of" dates and the
 * data sources; per province a choropleth map of the communes drawn as vector paths (legend, scale bar,
 * north arrow), the target table, charts, a page per district (or per group of communes for 2025
 * boundaries), the dead-zone villages and the communes without a staffed postal point; the comparison
 * with a baseline and the ranking when given; the method. Embeds (subsets) the given fonts, so the
 * diacritics render and can be searched. Pure: returns the bytes, in Node and in the browser alike.
 */
export async function reportPdf(
  report: CoverageReport,
  geometry: ReportGeometry,
  fonts: PdfFonts,
  options: PdfReportOptions = {},
): Promise<Uint8Array> {
  const lang = options.lang ?? 'vi';
  const vi = lang === 'vi';
  const tx = (e: Record<ReportLang, string>) => e[lang];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const created = new Date(report.generated_at);
  doc.setTitle(
    `${tx(T.title)} — ${report.units
      .filter((u) => u.level === 'province')
      .map((u) => u.name)
      .join(', ')}`,
  );
  doc.setAuthor('Vùng Phủ');
  doc.setCreator('Vùng Phủ (pdf-lib)');
  doc.setLanguage(vi ? 'vi-VN' : 'en');
  if (!Number.isNaN(created.getTime())) {
    doc.setCreationDate(created);
    doc.setModificationDate(created);
  }
  const L = new PdfLayout(
    doc,
    await doc.embedFont(fonts.regular, { subset: true }),
    await doc.embedFont(fonts.bold, { subset: true }),
  );
  const c = pdfReportContext(report, geometry, L, options);

  drawCover(c);
  for (const p of c.units.provinces) {
    drawProvinceMap(c, p);
    drawProvinceTargets(c, p);
    drawProvinceMeasured(c, p);
    drawProvinceCharts(c, p);
    drawUnitPages(c, p);
    drawProvinceLists(c, p);
  }
  if (options.comparison) drawComparison(c, options.comparison);
  if (options.ranking) drawRanking(c, options.ranking);
  drawCalibration(c);
  drawMethod(c);

  L.footers(
    `Vùng Phủ — ${tx(T.title)} — ${c.provinceNames} — ${tx(T.asOf).toLowerCase()} ${c.asOf}`,
    tx(T.page),
    report.inputs.synthetic ? tx(T.synthetic) : null,
  );
  return doc.save();
}
