/**
 * The calibration table of the exports (issue 16): every fit of the report, per operator ×
 * technology: the default radii fitted to the speed tests, and with a DEM the loss offsets (dB), with
 * the tests used, agreement with the model before → after (%), and whether the figures use it. Shared
 * by the workbook's sheet and the PDF's section; Vietnamese or English, never both.
 */
import { OFFSET_SPAN_DB } from '../../core/measured/calibrate_offset.ts';
import type { CoverageReport } from '../../core/report/report.ts';
import type { XlsxColumn } from '../formats/xlsx_write.ts';
import { formatNumber } from './report_labels.ts';

/** A fit as a row: method, operator, technology, tests, default, fitted, unit, before %, after %, applied, note. */
export type CalibrationRow = [
  method: string,
  operator: string,
  technology: string,
  tests: number,
  before: number | null,
  fitted: number,
  unit: string,
  agreementBefore: number,
  agreementAfter: number,
  applied: string,
  note: string,
];

/** The columns of the calibration table (units in the headers). */
export function calibrationColumns(vi: boolean): XlsxColumn[] {
  return [
    { header: vi ? 'Cách hiệu chỉnh' : 'Calibration', maxWidth: 30 },
    { header: vi ? 'Nhà mạng' : 'Operator' },
    { header: vi ? 'Công nghệ' : 'Technology' },
    { header: vi ? 'Số lần đo' : 'Tests', style: 'int' },
    { header: vi ? 'Giá trị mặc định' : 'Default value', style: 'dec1' },
    { header: vi ? 'Giá trị khớp' : 'Fitted value', style: 'dec1' },
    { header: vi ? 'Đơn vị' : 'Unit' },
    { header: vi ? 'Khớp với đo trước (%)' : 'Agreement before (%)', style: 'dec2' },
    { header: vi ? 'Khớp với đo sau (%)' : 'Agreement after (%)', style: 'dec2' },
    { header: vi ? 'Đã áp dụng' : 'Applied' },
    { header: vi ? 'Ghi chú' : 'Note', maxWidth: 60, style: 'wrap' },
  ];
}

/**
 * The fits of a report as rows: the radii (rural default → fitted, m; urban scaled alike), then the
 * loss offsets (dB, added to the path loss; none by default). Empty without speed tests.
 */
export function calibrationRows(report: CoverageReport, vi: boolean): CalibrationRow[] {
  const yes = vi ? 'có' : 'yes';
  const no = vi ? 'không' : 'no';
  const rows: CalibrationRow[] = [];
  const m = (metres: number) => formatNumber(metres, 0, vi ? 'vi' : 'en');
  const radii = report.calibration;
  for (const f of radii?.fits ?? [])
    rows.push([
      vi ? 'Bán kính mặc định (nông thôn)' : 'Default radius (rural)',
      f.operator,
      f.technology,
      f.tests,
      f.default_radius_m.rural,
      f.fitted_radius_m.rural,
      'm',
      f.agreement_before_pct,
      f.agreement_after_pct,
      radii!.applied ? yes : no,
      vi
        ? `đô thị ${m(f.default_radius_m.urban)} → ${m(f.fitted_radius_m.urban)} m${report.offset_calibration ? '; có DEM nên không áp dụng bán kính' : ''}`
        : `urban ${m(f.default_radius_m.urban)} → ${m(f.fitted_radius_m.urban)} m${report.offset_calibration ? '; with a DEM the radii are not applied' : ''}`,
    ]);
  const offsets = report.offset_calibration;
  for (const f of offsets?.fits ?? [])
    rows.push([
      vi ? 'Độ lệch suy hao (có DEM)' : 'Loss offset (with the DEM)',
      f.operator,
      f.technology,
      f.tests,
      0,
      f.offset_db,
      'dB',
      f.agreement_before_pct,
      f.agreement_after_pct,
      offsets!.applied ? yes : no,
      [
        vi ? 'EIRP giảm đúng bằng độ lệch khi áp dụng' : 'applied as an EIRP that much lower',
        ...(Math.abs(f.offset_db) >= OFFSET_SPAN_DB
          ? [
              vi
                ? `ở đầu mút dải quét ±${OFFSET_SPAN_DB} dB: mô hình sai nhiều hơn một độ lệch có thể giải thích`
                : `at the end of the ±${OFFSET_SPAN_DB} dB scan: more is wrong than an offset explains`,
            ]
          : []),
      ].join('; '),
    ]);
  return rows;
}
