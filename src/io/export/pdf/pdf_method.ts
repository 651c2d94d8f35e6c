/**
 * The last section of the PDF report: the method (coverage model, default footprint radii, area,
 * population, postal counting rule and distance, fiber reach, villages) and where the figures come from.
 */
import { countingText } from '../counting_text.ts';
import { methodText, postalRuleText } from '../method_text.ts';
import { T } from '../report_labels.ts';
import { footprintsText } from '../report_tables.ts';
import type { PdfReport } from './pdf_report_context.ts';

export function drawMethod(c: PdfReport): void {
  const { report, L, vi, tx, fmt } = c;
  L.newPage();
  L.heading(vi ? 'Phương pháp và nguồn số liệu' : 'Method and sources', 1);
  const m = report.method;
  const radii = Object.entries(m.footprint_radii_m)
    .map(
      ([t, r]) =>
        `${t}: ${fmt(r.rural, 0)} m (${vi ? 'nông thôn' : 'rural'}), ${fmt(r.urban, 0)} m (${vi ? 'đô thị' : 'urban'})`,
    )
    .join('; ');
  const methodRows: [string, string][] = [
    [vi ? 'Vùng phủ' : 'Coverage', `${methodText(m.coverage, c.lang)}. ${tx(T.modelled)}`],
    [
      vi ? 'Bán kính phủ sóng mặc định' : 'Default footprint radii',
      `${radii}. ${vi ? 'Đây là giá trị mặc định (GSMA/Collins cho nông thôn), không phải số đo.' : 'Defaults (GSMA/Collins for rural areas), not measurements.'}`,
    ],
    [vi ? 'Thứ tự ưu tiên vùng phủ' : 'Footprint precedence', methodText(m.footprint_precedence, c.lang)],
    [vi ? 'Dạng vùng phủ' : 'Footprints', footprintsText(m.footprints, vi)],
    [vi ? 'Diện tích' : 'Area', methodText(m.area, c.lang)],
    [vi ? 'Dân số' : 'Population', methodText(m.population_surface, c.lang)],
    [
      vi ? 'Quy tắc đếm điểm bưu chính' : 'Postal counting rule',
      `${postalRuleText(m.postal_counting_rule, c.lang)}. ${methodText(m.postal_radius_formula, c.lang)}`,
    ],
    [
      vi ? 'Khoảng cách bưu chính' : 'Postal distance view',
      `${fmt(m.postal_distance_km, 0)} km ${vi ? '(đường chim bay đến điểm có người phục vụ gần nhất)' : '(straight line to the nearest staffed point)'}`,
    ],
    [vi ? 'Tầm cáp quang' : 'Fiber reach', `${fmt(m.fiber_reach_m, 0)} m`],
    [vi ? 'Thôn' : 'Villages', methodText(m.villages, c.lang)],
    [vi ? 'Ô phát sóng được tính' : 'Cells counted', countingText(m.cell_counting, vi)],
    [
      vi ? 'Dữ liệu mẫu tổng hợp' : 'Synthetic sample',
      report.inputs.synthetic ? tx(T.synthetic) : vi ? 'Không' : 'No',
    ],
  ];
  L.table(
    [
      { header: tx(T.item), width: 1.6 },
      { header: vi ? 'Nội dung' : 'Detail', width: 6 },
    ],
    methodRows,
    8,
  );
  L.paragraph(
    vi
      ? 'Báo cáo được tạo bằng Vùng Phủ; các con số trùng với tệp kết quả phân tích (report.json) của cùng lần phân tích. Chỉ tiêu được ghi kèm năm và nguồn (tên văn bản, dòng) như trong kế hoạch của tỉnh.'
      : 'Made with Vùng Phủ; every figure equals report.json of the same analysis. Targets carry their year and source (document:line) as the provincial plans state them.',
    { size: 8, color: [90, 90, 90] },
  );
}
