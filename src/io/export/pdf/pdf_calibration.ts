/**
 * The calibration section of the PDF report (issue 16): the fits of the speed tests (the default radii;
 * with a DEM, the loss offsets in dB), per operator × technology, with the tests used, agreement with
 * the model before → after, and whether the figures use them. Nothing without speed tests.
 */
import { calibrationRows } from '../calibration_table.ts';
import type { PdfReport } from './pdf_report_context.ts';

export function drawCalibration(c: PdfReport): void {
  const { report, L, vi, fmt } = c;
  const rows = calibrationRows(report, vi);
  if (rows.length === 0) return;
  const applied = report.offset_calibration?.applied || report.calibration?.applied;
  L.newPage();
  L.heading(vi ? 'Hiệu chỉnh mô hình theo đo thực tế' : 'Model calibrated to the measurements', 2);
  L.paragraph(
    vi
      ? `Mỗi nhà mạng và công nghệ có ít nhất 20 lần đo được khớp: bán kính mặc định, hoặc khi có DEM một độ lệch suy hao (dB, cộng vào suy hao đường truyền, quét ±20 dB bước 0,5 dB). Khớp với đo: tỷ lệ lần đo không trái với mô hình. ${applied ? 'Số liệu trong báo cáo này dùng giá trị đã hiệu chỉnh.' : 'Số liệu trong báo cáo này dùng giá trị mặc định (chưa áp dụng hiệu chỉnh).'}`
      : `Fitted per operator and technology with at least 20 tests: the default radius, or with a DEM a loss offset (dB, added to the path loss, scanned over ±20 dB in 0.5 dB steps). Agreement: tests the model does not contradict. ${applied ? 'The figures of this report use the fitted values.' : 'The figures of this report use the defaults (the calibration is not applied).'}`,
    { size: 7, color: [90, 90, 90] },
  );
  const value = (v: number | null, unit: string) =>
    v === null
      ? '—'
      : unit === 'dB'
        ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmt(Math.abs(v), 1)} dB`
        : `${fmt(v, 0)} ${unit}`;
  L.table(
    [
      { header: vi ? 'Cách hiệu chỉnh' : 'Calibration', width: 2 },
      { header: vi ? 'Nhà mạng' : 'Operator', width: 1.3 },
      { header: vi ? 'Công nghệ' : 'Technology', width: 1 },
      { header: vi ? 'Số lần đo' : 'Tests', width: 1, align: 'right' },
      { header: vi ? 'Mặc định → khớp' : 'Default → fitted', width: 2.3, align: 'right' },
      { header: vi ? 'Khớp với đo: trước → sau' : 'Agreement: before → after', width: 2, align: 'right' },
      { header: vi ? 'Đã áp dụng' : 'Applied', width: 1 },
      { header: vi ? 'Ghi chú' : 'Note', width: 2.8 },
    ],
    rows.map((r) => [
      r[0],
      r[1],
      r[2],
      fmt(r[3], 0),
      `${value(r[4], r[6])} → ${value(r[5], r[6])}`,
      `${fmt(r[7], 1)}% → ${fmt(r[8], 1)}%`,
      r[9],
      r[10],
    ]),
    7,
  );
}
