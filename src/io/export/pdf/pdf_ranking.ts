/**
 * The ranking section of the PDF report: the communes ranked by an indicator (the top and bottom 20 of
 * a long list; the workbook has all of them).
 */
import { indicatorHeader, T } from '../report_labels.ts';
import { lcFirst, type PdfReport, type PdfReportOptions } from './pdf_report_context.ts';

export function drawRanking(c: PdfReport, ranking: NonNullable<PdfReportOptions['ranking']>): void {
  const { report, L, vi, tx, fmt, ind } = c;
  const rInd = ind(ranking.indicator);
  const rows = ranking.rows;
  const hasDistricts = report.units.some((u) => u.level === 'district');
  L.newPage();
  L.heading(
    vi
      ? `Xếp hạng xã theo ${rInd ? lcFirst(indicatorHeader(rInd, 'vi')) : ranking.indicator}`
      : `Commune ranking by ${rInd ? indicatorHeader(rInd, 'en') : ranking.indicator}`,
    1,
  );
  const shown = rows.length > 40 ? [...rows.slice(0, 20), ...rows.slice(-20)] : rows;
  if (rows.length > 40)
    L.paragraph(
      vi
        ? '20 xã đứng đầu và 20 xã cuối bảng; danh sách đầy đủ trong tệp Excel.'
        : 'The top 20 and bottom 20; the full list is in the workbook.',
      { size: 8 },
    );
  L.table(
    [
      { header: tx(T.rank), width: 0.8, align: 'right' },
      { header: tx(T.commune), width: 3 },
      ...(hasDistricts ? [{ header: tx(T.district), width: 3 }] : []),
      { header: tx(T.province), width: 1.8 },
      { header: vi ? 'Giá trị' : 'Value', width: 1.4, align: 'right' },
    ],
    shown.map((r) => [
      r.rank === null ? '—' : String(r.rank),
      r.name,
      ...(hasDistricts ? [r.district ?? '—'] : []),
      r.province ?? '—',
      fmt(r.value, rInd?.decimals ?? 2),
    ]),
    7.5,
  );
}
